import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { app, BrowserWindow, safeStorage, session } from 'electron';
import { createBackend } from '../backend';
import { startEarlyList } from '../engine/images/earlyList';
import { resolveEngineHost } from '../engine/hostAddress';
import { installLastResort } from '../lastResort';
import { registerAppScheme, serveAppProtocol } from './appProtocol';
import { showOpenFileDialog, showOpenFolderDialog, showSaveTarDialog } from './dialogs';
import { denyPermissions, devServerCsp, hardenWebContents } from './hardening';
import { registerIpc } from './ipc';
import { installMenu } from './menu';
import { menuLabelsFor } from './menuLabels';
import { showNotification } from './notify';
import { APP_INDEX_URL, hostsOf, WEB_PREFERENCES } from './policy';
import { isRendererUrl, parseDevUrl, type RendererEntry } from './rendererUrl';

// Built layout: dist/electron/main.cjs and preload.cjs, dist/renderer/ (served at app://lading/).
const PRELOAD = join(__dirname, 'preload.cjs');
const RENDERER_DIR = join(__dirname, '..', 'renderer');

const rendererEntry = (): RendererEntry => {
  const devUrl = process.env.LADING_DEV_URL;
  // A packaged app always loads its own files, whatever the environment says.
  if (devUrl && !app.isPackaged) return { kind: 'dev', ...parseDevUrl(devUrl) };
  return { kind: 'app', rendererDir: RENDERER_DIR };
};

/** The README link for the Help menu: package.json "homepage", when it is a web URL. */
const readmeUrl = (): string | undefined => {
  try {
    const pkg = JSON.parse(readFileSync(join(app.getAppPath(), 'package.json'), 'utf8')) as { homepage?: unknown };
    return typeof pkg.homepage === 'string' && /^https?:\/\//.test(pkg.homepage) ? pkg.homepage : undefined;
  } catch {
    return undefined;
  }
};

const start = (): void => {
  // The engine starts on the image list while Electron gets ready (earlyList.ts).
  const engineHost = resolveEngineHost();
  const early = startEarlyList(engineHost);
  const entry = rendererEntry();
  const isOurs = (url: string): boolean => isRendererUrl(entry, url);
  /** ids of the webContents of windows we created: the only ones allowed to call the API. */
  const ourContents = new Set<number>();

  const createWindow = (): BrowserWindow => {
    const win = new BrowserWindow({
      title: 'Lading',
      width: 1280,
      height: 800,
      minWidth: 960,
      minHeight: 600,
      show: false,
      // Isolated, sandboxed, no Node, no <webview> (policy.ts; tests hold it to the checklist).
      webPreferences: { ...WEB_PREFERENCES, preload: PRELOAD },
    });
    const id = win.webContents.id;
    ourContents.add(id);
    win.webContents.once('destroyed', () => ourContents.delete(id));
    win.once('ready-to-show', () => win.show());
    const loading = win.loadURL(entry.kind === 'dev' ? entry.url : APP_INDEX_URL);
    loading.catch((err: unknown) => {
      console.error('Lading: could not load the renderer:', err);
      if (!win.isDestroyed()) win.show(); // ready-to-show may never come; don't leave an invisible window
    });
    return win;
  };

  const ourWindows = (): BrowserWindow[] =>
    BrowserWindow.getAllWindows().filter((w) => ourContents.has(w.webContents.id));

  const homepage = readmeUrl();
  hardenWebContents(isOurs, hostsOf(homepage));

  app.on('second-instance', () => {
    const win = ourWindows()[0];
    if (win) {
      if (win.isMinimized()) win.restore();
      win.focus();
    } else if (app.isReady()) {
      createWindow();
    }
  });

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });

  void app.whenReady().then(() => {
    if (entry.kind === 'app') serveAppProtocol(session.defaultSession, entry.rendererDir);
    denyPermissions(session.defaultSession, isOurs);
    if (entry.kind === 'dev') devServerCsp(session.defaultSession, entry.origin);
    // The system locale until the renderer says which language the user picked.
    const relabelMenu = (locale: string) => {
      const menuLabels = menuLabelsFor(locale);
      installMenu({ readmeUrl: homepage, ...(menuLabels ? { labels: menuLabels } : {}) });
    };
    relabelMenu(app.getLocale());

    const defaultDirectory = app.getPath('downloads');
    // `transport` is declared below; this only runs for a call that came through it.
    const windowOf = (sessionId: string): BrowserWindow | undefined => {
      const contents = transport.webContentsOf(sessionId);
      return contents ? (BrowserWindow.fromWebContents(contents) ?? undefined) : undefined;
    };
    const backend = createBackend({
      engineHost,
      early,
      host: {
        info: {
          mode: 'desktop',
          nativeDialogs: true,
          defaultDirectory,
          platform: process.platform,
          appVersion: app.getVersion(),
        },
        dataDir: app.getPath('userData'),
        // Registry logins are encrypted with the OS keychain; without one (some Linux desktops) they stay in memory.
        ...(safeStorage.isEncryptionAvailable()
          ? {
              secretBox: {
                encrypt: (plain: string) => safeStorage.encryptString(plain),
                decrypt: (cipher: Buffer) => safeStorage.decryptString(cipher),
              },
            }
          : {}),
        setLanguage: relabelMenu,
        pickSavePath: (defaultName, caller) => {
          // `transport` is declared below; this only runs for a call that came through it.
          const contents = transport.webContentsOf(caller.id);
          const win = contents ? (BrowserWindow.fromWebContents(contents) ?? undefined) : undefined;
          return showSaveTarDialog(win, defaultDirectory, defaultName);
        },
        notify: (n, caller) => showNotification(n, transport.webContentsOf(caller.id)),
        pickFolder: (caller) => showOpenFolderDialog(windowOf(caller.id), defaultDirectory),
        pickFile: (defaultPath, caller) => showOpenFileDialog(windowOf(caller.id), defaultPath ?? defaultDirectory),
      },
    });
    const transport = registerIpc({
      dispatcher: backend.dispatcher,
      ownsWebContents: (contents) => ourContents.has(contents.id),
      isRendererUrl: isOurs,
    });

    // Quitting (menu, last window, SIGINT/SIGTERM) in the middle of a save or
    // export cancels it and waits until its partial file is removed.
    let shutDown = false;
    app.on('before-quit', (event) => {
      if (shutDown) return;
      event.preventDefault();
      shutDown = true;
      void backend.shutdown().finally(() => {
        transport.dispose();
        app.quit();
      });
    });
    for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => app.quit());
    app.on('activate', () => {
      if (ourWindows().length === 0) createWindow();
    });
    createWindow();
  });
};

installLastResort();
// Sandbox every renderer, including any created by accident; must run before 'ready'.
app.enableSandbox();
// app:// must be a privileged scheme before 'ready'.
registerAppScheme();
if (app.requestSingleInstanceLock()) {
  start();
} else {
  app.quit(); // another Lading is running; it gets 'second-instance' and shows itself
}

import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import {
  APP_INDEX_URL,
  APP_SCHEME_PRIVILEGES,
  EXTERNAL_HOSTS,
  isAllowedExternalUrl,
  isAppUrl,
  permissionAllowed,
  RELEASE_FUSES,
  RENDERER_CSP,
  resolveAppFile,
  WEB_PREFERENCES,
} from '../../electron/shell/policy';
import { isRendererUrl } from '../../electron/shell/rendererUrl';

/**
 * Electron's security checklist, held by tests: the policy (pure), and how
 * the shell applies it (hardening, IPC and the app protocol run against a
 * stand-in for the electron module, since the binary is not installed
 * here; main.ts's wiring is read from its source).
 */

type Listener = (...args: unknown[]) => unknown;
const appListeners = new Map<string, Listener>();
const opened: string[] = [];
const ipcHandlers = new Map<string, Listener>();
const protocolHandlers = new Map<string, (req: Request) => Promise<Response>>();
const fetched: string[] = [];

vi.mock('electron', () => ({
  app: { on: (event: string, fn: Listener) => appListeners.set(event, fn) },
  shell: { openExternal: async (url: string) => void opened.push(url) },
  ipcMain: {
    handle: (channel: string, fn: Listener) => ipcHandlers.set(channel, fn),
    removeHandler: (channel: string) => ipcHandlers.delete(channel),
  },
  protocol: { registerSchemesAsPrivileged: () => {} },
  net: {
    fetch: async (url: string) => {
      fetched.push(url);
      return new Response('<html></html>', { headers: { 'Content-Type': 'text/html' } });
    },
  },
}));

const source = (path: string) => readFileSync(path, 'utf8');
const main = source('electron/shell/main.ts');
const rendererDir = '/opt/Lading/resources/app.asar/dist/renderer';
const isOurs = (url: string) => isRendererUrl({ kind: 'app', rendererDir }, url);

describe('webPreferences and the sandbox', () => {
  it('every window is isolated, sandboxed, without Node and without <webview>', () => {
    expect(WEB_PREFERENCES).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
    });
  });

  it('main.ts uses exactly those preferences (plus the preload), enables the sandbox and registers app:// before ready', () => {
    const prefs = /webPreferences:\s*(\{[^}]*\})/.exec(main)?.[1];
    expect(prefs?.replace(/\s+/g, ' ')).toBe('{ ...WEB_PREFERENCES, preload: PRELOAD }');
    expect(main.match(/new BrowserWindow\(/g)).toHaveLength(1);
    // Top level (not inside a callback), so before 'ready'.
    expect(main).toMatch(/^app\.enableSandbox\(\);$/m);
    expect(main).toMatch(/^registerAppScheme\(\);$/m);
    expect(main.indexOf('registerAppScheme();\n')).toBeLessThan(main.indexOf('app.requestSingleInstanceLock()'));
  });

  it('main.ts loads the renderer from app://lading/, never file://, and wires every guard', () => {
    expect(main).not.toMatch(/loadFile\(/);
    expect(main).toContain("win.loadURL(entry.kind === 'dev' ? entry.url : APP_INDEX_URL)");
    expect(main).toContain("return { kind: 'app', rendererDir: RENDERER_DIR }");
    expect(main).toContain('serveAppProtocol(session.defaultSession, entry.rendererDir)');
    expect(main).toContain('hardenWebContents(isOurs');
    expect(main).toContain('denyPermissions(session.defaultSession, isOurs)');
    expect(main).toMatch(/registerIpc\(\{[\s\S]*ownsWebContents:[\s\S]*isRendererUrl: isOurs/);
    expect(APP_INDEX_URL).toBe('app://lading/index.html');
    expect(APP_SCHEME_PRIVILEGES).toEqual({ standard: true, secure: true, supportFetchAPI: true });
  });
});

describe('the Content-Security-Policy', () => {
  const directives = (csp: string) =>
    new Map(
      csp
        .split(';')
        .map((d) => d.trim().split(/\s+/))
        .filter((d) => d[0])
        .map(([name, ...values]) => [name, values.join(' ')]),
    );

  it('limits scripts and connections to Lading’s own origin, and sets object-src, base-uri, frame-ancestors', () => {
    const csp = directives(RENDERER_CSP);
    expect(csp.get('default-src')).toBe("'self'");
    expect(csp.get('script-src')).toBe("'self'");
    expect(csp.get('connect-src')).toBe("'self'");
    expect(csp.get('object-src')).toBe("'none'");
    expect(csp.get('base-uri')).toBe("'none'");
    expect(csp.get('frame-ancestors')).toBe("'none'");
    expect(csp.get('form-action')).toBe("'none'");
  });

  it('the page carries the same limits in its meta tag (frame-ancestors only works as a header)', () => {
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(source('renderer/index.html'))?.[1];
    const csp = directives(meta ?? '');
    expect(csp.get('connect-src')).toBe("'self'");
    expect(csp.get('script-src')).toBe("'self'");
    expect(csp.get('object-src')).toBe("'none'");
    expect(csp.get('base-uri')).toBe("'none'");
  });

  it('serve mode sends the same header', () => {
    expect(source('electron/serve/server.ts')).toContain("res.setHeader('Content-Security-Policy', RENDERER_CSP)");
  });
});

describe('app:// serves only the built renderer', () => {
  it('resolves files inside the renderer folder', () => {
    expect(resolveAppFile(rendererDir, 'app://lading/')).toBe(join(rendererDir, 'index.html'));
    expect(resolveAppFile(rendererDir, 'app://lading/index.html?x=1#y')).toBe(join(rendererDir, 'index.html'));
    expect(resolveAppFile(rendererDir, 'app://lading/assets/index-abc.js')).toBe(
      join(rendererDir, 'assets/index-abc.js'),
    );
    expect(resolveAppFile(rendererDir, 'app://lading/assets/a%20b.css')).toBe(join(rendererDir, 'assets/a b.css'));
  });

  it('a ../ the URL parser resolves (literal, or %2e%2e) stays inside the folder', () => {
    expect(resolveAppFile(rendererDir, 'app://lading/../../etc/passwd')).toBe(join(rendererDir, 'etc/passwd'));
    expect(resolveAppFile(rendererDir, 'app://lading/%2e%2e/%2e%2e/etc/passwd')).toBe(join(rendererDir, 'etc/passwd'));
  });

  it.each([
    'app://lading/..%2f..%2fetc%2fpasswd',
    'app://lading/assets/..%2f..%2f..%2fetc/passwd',
    'app://lading/%2e%2e%5c%2e%2e%5cwindows',
    'app://lading/..\\..\\x',
    'app://lading/x%00.html',
    'app://lading/%E0%A4%A',
    'app://evil/index.html',
    'app://lading.evil/index.html',
    'file:///etc/passwd',
    'https://lading/index.html',
    'not a url',
  ])('refuses %s', (url) => expect(resolveAppFile(rendererDir, url)).toBeUndefined());

  it('the handler answers 404 for a path outside the folder and sends the CSP with every page', async () => {
    const { serveAppProtocol } = await import('../../electron/shell/appProtocol');
    const session = {
      protocol: {
        handle: (scheme: string, fn: (req: Request) => Promise<Response>) => protocolHandlers.set(scheme, fn),
      },
    };
    serveAppProtocol(session as never, rendererDir);
    const handler = protocolHandlers.get('app');
    expect(handler).toBeDefined();
    const outside = await handler?.(new Request('app://lading/..%2f..%2fetc/passwd'));
    expect(outside?.status).toBe(404);
    expect(fetched).toEqual([]);
    const page = await handler?.(new Request('app://lading/index.html'));
    expect(page?.status).toBe(200);
    expect(page?.headers.get('Content-Security-Policy')).toBe(RENDERER_CSP);
    expect(fetched).toEqual([`file://${rendererDir}/index.html`]);
  });

  it('only app://lading/ pages (or the dev server) count as Lading’s renderer', () => {
    expect(isAppUrl('app://lading/index.html#x')).toBe(true);
    expect(isOurs('app://lading/index.html')).toBe(true);
    for (const url of ['app://other/index.html', `file://${rendererDir}/index.html`, 'https://lading/', 'x']) {
      expect(isOurs(url), url).toBe(false);
    }
  });
});

describe('links, navigation, popups, webviews, permissions', () => {
  let contentsListeners: Map<string, Listener>;
  let windowOpen: (d: { url: string }) => { action: string };

  beforeAll(async () => {
    const { hardenWebContents } = await import('../../electron/shell/hardening');
    hardenWebContents(isOurs, ['lading.example.org']);
    contentsListeners = new Map();
    const contents = {
      setWindowOpenHandler: (fn: typeof windowOpen) => (windowOpen = fn),
      on: (event: string, fn: Listener) => contentsListeners.set(event, fn),
    };
    appListeners.get('web-contents-created')?.({}, contents);
  });

  it('openExternal only for http(s) URLs on allowlisted hosts', () => {
    expect(EXTERNAL_HOSTS).toContain('docs.docker.com');
    expect(isAllowedExternalUrl('https://docs.docker.com/engine/')).toBe(true);
    expect(isAllowedExternalUrl('https://lading.example.org/', ['lading.example.org'])).toBe(true);
    for (const url of [
      'https://evil.example/',
      'http://docs.docker.com.evil.example/',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'smb://docs.docker.com/x',
      'https://user:pw@github.com/',
      'ms-msdt:/id PCWDiagnostic',
      'not a url',
    ]) {
      expect(isAllowedExternalUrl(url), url).toBe(false);
    }
  });

  it('window.open is always denied; an allowlisted link opens in the browser, others nowhere', () => {
    opened.length = 0;
    expect(windowOpen({ url: 'https://github.com/x' })).toEqual({ action: 'deny' });
    expect(windowOpen({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
    expect(windowOpen({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' });
    expect(windowOpen({ url: 'https://lading.example.org/readme' })).toEqual({ action: 'deny' });
    expect(opened).toEqual(['https://github.com/x', 'https://lading.example.org/readme']);
  });

  it('navigation away from the renderer and <webview> are prevented', () => {
    const prevented = (event: string, payload: Record<string, unknown>) => {
      let stopped = false;
      contentsListeners.get(event)?.({ ...payload, preventDefault: () => (stopped = true) });
      return stopped;
    };
    expect(prevented('will-navigate', { url: 'https://evil.example/' })).toBe(true);
    expect(prevented('will-navigate', { url: 'file:///etc/passwd' })).toBe(true);
    expect(prevented('will-navigate', { url: 'app://lading/index.html' })).toBe(false);
    expect(prevented('will-redirect', { url: 'https://evil.example/', isMainFrame: true })).toBe(true);
    expect(prevented('will-attach-webview', {})).toBe(true);
  });

  it('permission requests and checks are denied, except clipboard writes from Lading’s pages', async () => {
    expect(permissionAllowed('media', 'app://lading/index.html', isOurs)).toBe(false);
    expect(permissionAllowed('clipboard-sanitized-write', 'app://lading/index.html', isOurs)).toBe(true);
    expect(permissionAllowed('clipboard-sanitized-write', 'https://evil.example/', isOurs)).toBe(false);
    const { denyPermissions } = await import('../../electron/shell/hardening');
    let request: Listener = () => {};
    let check: Listener = () => {};
    denyPermissions(
      {
        setPermissionRequestHandler: (fn: Listener) => (request = fn),
        setPermissionCheckHandler: (fn: Listener) => (check = fn),
      } as never,
      isOurs,
    );
    const answers: boolean[] = [];
    for (const permission of ['media', 'geolocation', 'notifications', 'openExternal', 'clipboard-read']) {
      request({}, permission, (ok: boolean) => answers.push(ok), { requestingUrl: 'app://lading/index.html' });
      expect(check(null, permission, 'app://lading', { requestingUrl: 'app://lading/index.html' }), permission).toBe(
        false,
      );
    }
    expect(answers).toEqual([false, false, false, false, false]);
  });

  it('no code opens external links except through the allowlist', () => {
    const files = (dir: string): string[] =>
      readdirSync(dir).flatMap((f) => {
        const p = join(dir, f);
        return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
      });
    const callers = files(resolve('electron')).filter((f) => /shell\.openExternal\(/.test(source(f)));
    expect(callers).toEqual([resolve('electron/shell/hardening.ts')]);
    expect(source('electron/shell/hardening.ts').match(/shell\.openExternal\(/g)).toHaveLength(1);
  });
});

describe('IPC sender checks', () => {
  it('only the top frame of a Lading window showing Lading’s page may call the API', async () => {
    const { registerIpc } = await import('../../electron/shell/ipc');
    const handled: unknown[] = [];
    const dispatcher = {
      openSession: () => ({
        handle: async (raw: unknown) => {
          handled.push(raw);
          return { type: 'reply', id: 1, ok: true, value: null };
        },
        close: () => {},
      }),
    };
    const mainFrame = { processId: 1, routingId: 1, parent: null, detached: false, url: 'app://lading/index.html' };
    const ours = { id: 7, mainFrame, once: () => {}, on: () => {}, isDestroyed: () => false, send: () => {} };
    registerIpc({
      dispatcher: dispatcher as never,
      ownsWebContents: (c) => c === (ours as never),
      isRendererUrl: isOurs,
    });
    const invoke = [...ipcHandlers.values()][0] as (
      event: unknown,
      raw: unknown,
    ) => Promise<{ ok: boolean; error?: { code: string } }>;
    const call = { type: 'call', id: 1, method: 'images.list', args: {} };
    const stranger = { ...ours, id: 8 };
    const iframe = { ...mainFrame, routingId: 2, parent: mainFrame };
    const refusals = [
      { sender: stranger, senderFrame: { ...mainFrame } },
      { sender: ours, senderFrame: iframe },
      { sender: ours, senderFrame: { ...mainFrame, url: 'https://evil.example/' } },
      { sender: ours, senderFrame: { ...mainFrame, url: `file://${rendererDir}/index.html` } },
      { sender: ours, senderFrame: { ...mainFrame, detached: true } },
      { sender: ours, senderFrame: null },
    ];
    for (const event of refusals) {
      const reply = await invoke(event, call);
      expect(reply.ok).toBe(false);
      expect(reply.error?.code).toBe('UNAUTHORIZED');
    }
    expect(handled).toEqual([]);
    expect((await invoke({ sender: ours, senderFrame: mainFrame }, call)).ok).toBe(true);
    expect(handled).toEqual([call]);
  });
});

describe('Electron fuses for release builds', () => {
  it('electron-builder.yml flips exactly the fuses policy.ts names', () => {
    const yml = source('electron-builder.yml');
    const block = /^electronFuses:\n((?: {2}\w+: \w+\n?)+)/m.exec(yml)?.[1] ?? '';
    const fuses = Object.fromEntries(
      block
        .trim()
        .split('\n')
        .map((l) => l.trim().split(': '))
        .map(([k, v]) => [k, v === 'true']),
    );
    expect(fuses).toEqual(RELEASE_FUSES);
    expect(RELEASE_FUSES).toMatchObject({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
    });
  });
});

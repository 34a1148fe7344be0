import { Menu, type MenuItemConstructorOptions } from 'electron';
import { openExternalSafely } from './hardening';
import { hostsOf } from './policy';

/**
 * Every menu label in one place, so the i18n work can swap in translations
 * (items with a role get an explicit label too; Electron's own role labels
 * are English-only on Linux and Windows).
 */
export const defaultMenuLabels = {
  file: 'File',
  quit: 'Quit',
  closeWindow: 'Close Window',
  edit: 'Edit',
  undo: 'Undo',
  redo: 'Redo',
  cut: 'Cut',
  copy: 'Copy',
  paste: 'Paste',
  selectAll: 'Select All',
  view: 'View',
  reload: 'Reload',
  toggleDevTools: 'Toggle Developer Tools',
  resetZoom: 'Actual Size',
  zoomIn: 'Zoom In',
  zoomOut: 'Zoom Out',
  toggleFullScreen: 'Toggle Full Screen',
  window: 'Window',
  minimize: 'Minimize',
  zoom: 'Zoom',
  help: 'Help',
  readme: 'Lading README',
  about: 'About Lading',
  hide: 'Hide Lading',
  hideOthers: 'Hide Others',
  showAll: 'Show All',
} as const;

export type MenuLabels = Record<keyof typeof defaultMenuLabels, string>;

export interface MenuOptions {
  labels?: MenuLabels;
  /** The project README (http/https); the Help menu is left out when unknown. */
  readmeUrl?: string;
  platform?: NodeJS.Platform;
}

export const buildMenuTemplate = (opts: MenuOptions = {}): MenuItemConstructorOptions[] => {
  const l = opts.labels ?? defaultMenuLabels;
  const isMac = (opts.platform ?? process.platform) === 'darwin';
  const readmeUrl = opts.readmeUrl;
  const sep: MenuItemConstructorOptions = { type: 'separator' };

  // macOS puts Quit in the application menu; elsewhere it goes under File.
  const appMenu: MenuItemConstructorOptions[] = isMac
    ? [
        {
          role: 'appMenu',
          submenu: [
            { role: 'about', label: l.about },
            sep,
            { role: 'hide', label: l.hide },
            { role: 'hideOthers', label: l.hideOthers },
            { role: 'unhide', label: l.showAll },
            sep,
            { role: 'quit', label: l.quit },
          ],
        },
      ]
    : [];

  return [
    ...appMenu,
    { label: l.file, submenu: [isMac ? { role: 'close', label: l.closeWindow } : { role: 'quit', label: l.quit }] },
    {
      label: l.edit,
      submenu: [
        { role: 'undo', label: l.undo },
        { role: 'redo', label: l.redo },
        sep,
        { role: 'cut', label: l.cut },
        { role: 'copy', label: l.copy },
        { role: 'paste', label: l.paste },
        { role: 'selectAll', label: l.selectAll },
      ],
    },
    {
      label: l.view,
      submenu: [
        { role: 'reload', label: l.reload },
        { role: 'toggleDevTools', label: l.toggleDevTools },
        sep,
        { role: 'resetZoom', label: l.resetZoom },
        { role: 'zoomIn', label: l.zoomIn },
        { role: 'zoomOut', label: l.zoomOut },
        sep,
        { role: 'togglefullscreen', label: l.toggleFullScreen },
      ],
    },
    {
      label: l.window,
      role: 'window',
      submenu: [
        { role: 'minimize', label: l.minimize },
        { role: 'zoom', label: l.zoom },
        ...(isMac ? [] : [{ role: 'close', label: l.closeWindow } as const]),
      ],
    },
    ...(readmeUrl
      ? [
          {
            label: l.help,
            role: 'help',
            submenu: [{ label: l.readme, click: () => openExternalSafely(readmeUrl, hostsOf(readmeUrl)) }],
          } satisfies MenuItemConstructorOptions,
        ]
      : []),
  ];
};

export const installMenu = (opts: MenuOptions = {}): void => {
  Menu.setApplicationMenu(Menu.buildFromTemplate(buildMenuTemplate(opts)));
};

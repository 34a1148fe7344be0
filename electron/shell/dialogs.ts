import { basename, join } from 'node:path';
import { dialog, type BrowserWindow } from 'electron';

/** Labels shown in the save dialog; kept together for the i18n work. */
export const defaultDialogLabels = {
  tarArchives: 'Tar archives',
  gzipArchives: 'Gzip-compressed tar archives',
  allFiles: 'All files',
};

/**
 * A native "save as" dialog, modal to the window that asked. Resolves to
 * null when the user cancels or the window has gone away.
 */
export const showSaveTarDialog = async (
  window: BrowserWindow | undefined,
  defaultDirectory: string,
  defaultName: string,
  labels: typeof defaultDialogLabels = defaultDialogLabels,
): Promise<string | null> => {
  if (!window || window.isDestroyed()) return null;
  const tar = { name: labels.tarArchives, extensions: ['tar'] };
  const gzip = { name: labels.gzipArchives, extensions: ['tar.gz', 'tgz'] };
  // The filter matching the suggested name comes first, so no platform appends ".tar" to "x.tar.gz".
  const archives = /\.(tar\.gz|tgz)$/i.test(defaultName) ? [gzip, tar] : [tar, gzip];
  const result = await dialog.showSaveDialog(window, {
    // basename: the suggested name comes from the renderer; keep it a name.
    defaultPath: join(defaultDirectory, basename(defaultName)),
    filters: [...archives, { name: labels.allFiles, extensions: ['*'] }],
    properties: ['createDirectory', 'showOverwriteConfirmation'],
  });
  return result.canceled || !result.filePath ? null : result.filePath;
};

/** A native "choose folder" dialog (a build context), modal to the window that asked. */
export const showOpenFolderDialog = async (
  window: BrowserWindow | undefined,
  defaultPath: string,
): Promise<string | null> => {
  if (!window || window.isDestroyed()) return null;
  const result = await dialog.showOpenDialog(window, { defaultPath, properties: ['openDirectory'] });
  return result.canceled ? null : (result.filePaths[0] ?? null);
};

/** A native "open file" dialog (a Dockerfile outside the context), modal to the window that asked. */
export const showOpenFileDialog = async (
  window: BrowserWindow | undefined,
  defaultPath: string,
): Promise<string | null> => {
  if (!window || window.isDestroyed()) return null;
  const result = await dialog.showOpenDialog(window, { defaultPath, properties: ['openFile', 'showHiddenFiles'] });
  return result.canceled ? null : (result.filePaths[0] ?? null);
};

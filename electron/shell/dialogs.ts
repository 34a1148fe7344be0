import { basename, join } from 'node:path';
import { dialog, type BrowserWindow } from 'electron';

/** Labels shown in the save dialog; kept together for the i18n work. */
export const defaultDialogLabels = {
  tarArchives: 'Tar archives',
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
  const result = await dialog.showSaveDialog(window, {
    // basename: the suggested name comes from the renderer; keep it a name.
    defaultPath: join(defaultDirectory, basename(defaultName)),
    filters: [
      { name: labels.tarArchives, extensions: ['tar'] },
      { name: labels.allFiles, extensions: ['*'] },
    ],
    properties: ['createDirectory', 'showOverwriteConfirmation'],
  });
  return result.canceled || !result.filePath ? null : result.filePath;
};

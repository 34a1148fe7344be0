import type { FileContent, TreeRow } from '../../../../shared/contract/layerModels';
import type { ByteProgress } from '../../../../shared/contract/models';
import { api } from '../../api/instance';
import { prepareDownload } from '../archives/download';

/** The last part of a path, for a file name. */
const baseName = (path: string): string => path.split('/').filter(Boolean).at(-1) ?? 'file';

/** Reads a file's content out of the layer its version is in. */
export const openFile = (imageId: string, row: TreeRow, onProgress: (p: ByteProgress) => void): Promise<FileContent> =>
  api().start('layers.readFile', { imageId, layer: row.layer, path: row.path }, onProgress).result;

/**
 * Saves a file out of its layer: desktop, where the user picks (native
 * dialog; written atomically); serve mode, a download to the browser's
 * computer. Undefined when the user dismissed the dialog.
 */
export const saveFile = async (
  imageId: string,
  row: TreeRow,
  serve: boolean,
  onProgress: (p: ByteProgress) => void,
): Promise<{ path: string; bytes: number } | undefined> => {
  const name = baseName(row.path);
  if (serve) {
    const { downloadId, fetch } = await prepareDownload(name);
    const op = api().start(
      'layers.saveFile',
      { imageId, layer: row.layer, path: row.path, download: downloadId },
      onProgress,
    );
    fetch();
    return op.result;
  }
  const choice = await api().call('host.pickSavePath', { defaultName: name });
  if (!choice.path) return undefined;
  return api().start(
    'layers.saveFile',
    { imageId, layer: row.layer, path: row.path, target: choice.path, overwrite: true },
    onProgress,
  ).result;
};

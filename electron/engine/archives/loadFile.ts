import type { FileHandle } from 'node:fs/promises';
import type Docker from 'dockerode';
import { ApiError } from '../../../shared/contract/errors';
import type { ByteProgress, LoadResult } from '../../../shared/contract/models';
import { toApiError } from '../errors';
import { openRegularFileHandle } from '../files/readable';
import { RateMeter } from '../progress';
import { canGetRaw, rawEngineRequest } from './engineStream';
import { sendFile, UploadCut } from './fileUpload';
import { engineFailure, followLoad, LOAD_PATH, loadedImagesOf, loadImages } from './load';
import { scanPlainArchive } from './tarScan';

export interface LoadFileOptions {
  path: string;
  signal: AbortSignal;
  onProgress: (p: ByteProgress) => void;
}

/**
 * `docker load -i FILE`. A plain docker-archive on disk — what `docker
 * save -o` writes, checked by reading its headers only (tarScan.ts) — goes
 * to the engine byte for byte from a few reused buffers (fileUpload.ts),
 * with the CLI's cost. Anything else (compressed, an OCI layout, zstd
 * layers, a damaged or incomplete archive) takes loadImages' path, which
 * converts or says what is wrong.
 */
export const loadFile = async (docker: Docker, opts: LoadFileOptions): Promise<LoadResult> => {
  const { handle, size } = await openRegularFileHandle(opts.path);
  let handedOver = false;
  try {
    const plain = canGetRaw(docker) ? await scanPlainArchive(handle, size).catch(() => undefined) : undefined;
    if (plain) return await sendPlainArchive(docker, handle, size, opts);
    handedOver = true; // the stream closes the file
    return await loadImages(docker, {
      source: handle.createReadStream({ start: 0, highWaterMark: 256 * 1024 }),
      size,
      signal: opts.signal,
      onProgress: opts.onProgress,
    });
  } finally {
    if (!handedOver) await handle.close().catch(() => undefined);
  }
};

const sendPlainArchive = async (
  docker: Docker,
  file: FileHandle,
  size: number,
  { signal, onProgress }: LoadFileOptions,
): Promise<LoadResult> => {
  const meter = new RateMeter(Date.now());
  let sendError: unknown;
  try {
    const response = await rawEngineRequest(docker, 'POST', LOAD_PATH, signal, {
      contentType: 'application/x-tar',
      length: size,
      send: (socket) =>
        sendFile(socket, file, size, (bytes) =>
          onProgress({ bytes, total: size, bytesPerSecond: meter.sample(bytes, Date.now()) }),
        ).catch((err: unknown) => {
          // The file's own failure is the news; a cut connection is only what followed the engine's answer or a cancel.
          if (!(err instanceof UploadCut)) sendError = err;
          throw err;
        }),
    });
    const messages = await followLoad(docker, response);
    if (sendError) throw sendError;
    const refused = engineFailure(messages);
    if (refused) throw refused;
    return { images: loadedImagesOf(messages), bytes: size };
  } catch (err) {
    if (signal.aborted) throw new ApiError('CANCELLED', 'Load cancelled');
    // Reading the file failed, or it changed under us: that, not the cut connection, is the news.
    throw toApiError(sendError ?? err);
  }
};

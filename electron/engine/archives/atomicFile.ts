import { createWriteStream } from 'node:fs';
import { access, rename, rm } from 'node:fs/promises';
import type { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { ApiError } from '../../../shared/contract/errors';
import { toApiError } from '../errors';

/** Suffix of the file a save or export writes before it is complete. */
export const PARTIAL_SUFFIX = '.partial';

/** Large write buffers: fewer, bigger writes keep pace with `docker save -o` (measured in bench/). */
const WRITE_BUFFER = 1024 * 1024;

export const exists = async (p: string): Promise<boolean> =>
  access(p).then(
    () => true,
    () => false,
  );

export const refuseExisting = async (path: string, overwrite: boolean): Promise<void> => {
  if (!overwrite && (await exists(path))) throw new ApiError('FILE_EXISTS', `${path} already exists`, { path });
};

/**
 * Streams `source` through `stages` into `PATH.partial` and renames it to
 * PATH only when everything ended cleanly. On cancel, failure or a full disk
 * the partial file is removed, so nothing that looks complete is left.
 */
export const writeAtomically = async (
  source: () => Promise<Readable>,
  stages: Transform[],
  path: string,
  signal: AbortSignal,
): Promise<void> => {
  const partial = path + PARTIAL_SUFFIX;
  try {
    const input = await source();
    await pipeline([input, ...stages, createWriteStream(partial, { flags: 'w', highWaterMark: WRITE_BUFFER })], {
      signal,
    });
    if (signal.aborted) throw new ApiError('CANCELLED', 'Cancelled');
    await rename(partial, path);
  } catch (err) {
    await rm(partial, { force: true });
    throw signal.aborted ? new ApiError('CANCELLED', 'Cancelled', { path }) : toApiError(err, { path });
  }
};

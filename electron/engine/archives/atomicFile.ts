import { randomBytes } from 'node:crypto';
import { constants, rmSync } from 'node:fs';
import { lstat, open, rename, rm, stat, type FileHandle } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import { finished, Writable, type Readable, type Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { ApiError } from '../../../shared/contract/errors';
import { toApiError } from '../errors';
import { fileError, kindOf, notAFile } from '../files/kinds';
import { isRecycling } from './engineStream';

/** Suffix of the file a save or export writes before it is complete. */
export const PARTIAL_SUFFIX = '.partial';

/**
 * The file's write buffer: one engine chunk (engineStream.ts). A larger one
 * lets the stream merge queued chunks into 1 MiB+ writes, which here cost
 * the kernel anywhere from as much as to 5–10× more CPU than 256 KiB ones
 * (README, Archives bench).
 */
const WRITE_BUFFER = 256 * 1024;

// Created exclusively, never through a symbolic link. (0 where the platform lacks the flag.)
const CREATE_FLAGS = constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | (constants.O_NOFOLLOW ?? 0);

/**
 * The temporary file's name: `NAME.<random>.partial`, in the target's own
 * folder (so the final rename stays on one file system). The random part
 * means an existing `NAME.partial` (someone's data, or a link) is never touched.
 */
export const partialPathFor = (path: string): string => `${path}.${randomBytes(6).toString('hex')}${PARTIAL_SUFFIX}`;

/** Temporary files being written right now; removed on shutdown if the operation could not clean up. */
const live = new Set<string>();
/** Last resort on quit: removes temporary files whose operation did not finish cleaning up in time. */
export const removeLivePartialFiles = (): void => {
  for (const partial of live) {
    try {
      rmSync(partial, { force: true });
    } catch {
      // quitting anyway; nothing more can be done about it here
    }
  }
  live.clear();
};

/**
 * Checks a target before any engine work: its folder exists (else which
 * folder is missing), the name is not a folder or pipe, and an existing
 * file is only replaced when asked.
 */
export const checkTarget = async (path: string, overwrite: boolean): Promise<void> => {
  const folder = dirname(path);
  try {
    const dir = await stat(folder);
    if (!dir.isDirectory())
      throw new ApiError('NOT_FOUND', `${folder} is not a folder`, { path: folder, kind: 'folder' });
  } catch (err) {
    throw fileError(err, folder, 'write');
  }
  let existing;
  try {
    existing = await lstat(path);
  } catch {
    return; // nothing there: fine
  }
  // A link is replaced by the rename (the link itself, never its target).
  if (!existing.isFile() && !existing.isSymbolicLink()) throw notAFile(path, kindOf(existing));
  if (!overwrite) throw new ApiError('FILE_EXISTS', `${basename(path)} already exists in ${folder}`, { path });
};

const createPartial = async (path: string): Promise<{ partial: string; handle: FileHandle }> => {
  for (let attempt = 0; ; attempt++) {
    const partial = partialPathFor(path);
    try {
      return { partial, handle: await open(partial, CREATE_FLAGS, 0o644) };
    } catch (err) {
      // A name clash with 48 random bits is next to impossible; try another name a few times.
      if ((err as { code?: string }).code === 'EEXIST' && attempt < 3) continue;
      throw fileError(err, dirname(path), 'write');
    }
  }
};

/**
 * Runs `write` on a new `PATH.<random>.partial` and renames it to PATH only
 * when everything ended cleanly (`write` closes the file). On cancel,
 * failure, a full disk or shutdown the partial file is removed, so nothing
 * that looks complete is left.
 */
const atomically = async (path: string, signal: AbortSignal, write: (handle: FileHandle) => Promise<void>) => {
  const { partial, handle } = await createPartial(path);
  live.add(partial);
  try {
    await write(handle);
    if (signal.aborted) throw new ApiError('CANCELLED', 'Cancelled');
    await rename(partial, path);
  } catch (err) {
    await handle.close().catch(() => {});
    await rm(partial, { force: true });
    throw signal.aborted ? new ApiError('CANCELLED', 'Cancelled', { path }) : toFileOrEngineError(err, path);
  } finally {
    live.delete(partial);
  }
};

/** Streams `source` through `stages` into PATH, atomically (see atomically). */
export const writeAtomically = (
  source: () => Promise<Readable>,
  stages: Transform[],
  path: string,
  signal: AbortSignal,
): Promise<void> =>
  atomically(path, signal, async (handle) => {
    const output = handle.createWriteStream({ highWaterMark: WRITE_BUFFER });
    await pipeline([await source(), ...stages, output], { signal });
  });

/**
 * PATH written atomically by `fill` through the new file's descriptor (a
 * worker thread's writes: fileDownload.ts). The file is closed once `fill`
 * has resolved, so `fill` must be done with the descriptor by then.
 */
export const fillAtomically = (path: string, signal: AbortSignal, fill: (fd: number) => Promise<void>): Promise<void> =>
  atomically(path, signal, async (handle) => {
    await fill(handle.fd);
    await handle.close();
  });

/**
 * `target` (the browser's download) behind a Writable that hands each chunk
 * back once `target` has passed it on to the kernel. One chunk at a time is
 * in `target`: 256 KiB, enough to keep a socket busy.
 */
const recyclingSink = (target: Writable, sent: (chunk: Buffer) => void): Writable => {
  let ending = false;
  const w = new Writable({
    highWaterMark: WRITE_BUFFER,
    write(chunk: Buffer, _encoding, done) {
      target.write(chunk, (err) => {
        // A failed write may still be referenced by the socket: never reuse it.
        // It failed because the browser's connection went away: said as a response's own close is.
        if (err) done(prematureClose());
        else {
          sent(chunk);
          done();
        }
      });
    },
    final(done) {
      ending = true;
      target.end(() => done());
    },
    destroy(err, done) {
      if (err) target.destroy();
      done(err);
    },
  });
  // The browser closing the download (or the response failing) ends this too, with that reason.
  finished(target, (err) => {
    if (err) w.destroy(err);
    else if (!ending) w.destroy(prematureClose());
  });
  return w;
};

const prematureClose = (): Error => Object.assign(new Error('Premature close'), { code: 'ERR_STREAM_PREMATURE_CLOSE' });

const toFileOrEngineError = (err: unknown, path: string): ApiError => {
  const code = (err as { code?: string } | null)?.code;
  if (code === 'ENOSPC' || code === 'EDQUOT') return fileError(err, path, 'write');
  return toApiError(err, { path });
};

/**
 * Streams `source` through `stages` into `sink` (serve mode: the browser's
 * download). Nothing is buffered beyond the streams' own windows: the
 * sink's backpressure paces the engine.
 */
export const writeToSink = async (
  source: () => Promise<Readable>,
  stages: Transform[],
  sink: () => Writable,
  signal: AbortSignal,
  /** As for writeAtomically: the stages only count, so sent chunks may be reused. */
  passThrough = false,
): Promise<void> => {
  try {
    const input = await source();
    const output = passThrough && isRecycling(input) ? recyclingSink(sink(), (c) => input.recycle(c)) : sink();
    await pipeline([input, ...stages, output], { signal });
  } catch (err) {
    if (signal.aborted) throw new ApiError('CANCELLED', 'Cancelled');
    if ((err as { code?: string }).code === 'ERR_STREAM_PREMATURE_CLOSE') {
      throw new ApiError('CANCELLED', 'The browser stopped the download');
    }
    throw toApiError(err);
  }
};

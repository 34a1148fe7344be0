import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type Docker from 'dockerode';
import { isUncleanEnginePath } from '../refs';
import { fillAtomically } from './atomicFile';
import { canGetRaw, plainAddress } from './engineStream';
import { revivedError, type FileDownloadJob, type FileDownloadMessage } from './fileDownloadProtocol';

/** The worker's bundle, next to the main bundle (scripts/build-main.mjs). */
export const FILE_DOWNLOAD_WORKER = 'fileDownloadWorker.cjs';

/**
 * Threads writing at once. Each costs ~9 MiB of RSS (measured: six idle
 * ones, 53 MiB); past this many, a save takes the main thread's stream
 * path instead, so the backend's memory stays bounded however many saves
 * a user starts.
 */
export const MAX_DOWNLOAD_THREADS = 3;
let threads = 0;

/** A place for one more thread, held until released (once); undefined when all are taken. */
export interface ThreadSlot {
  release(): void;
}

export const reserveDownloadThread = (): ThreadSlot | undefined => {
  if (threads >= MAX_DOWNLOAD_THREADS) return undefined;
  threads++;
  let held = true;
  return {
    release: () => {
      if (held) threads--;
      held = false;
    },
  };
};

const startWorker = (job: FileDownloadJob): Worker => {
  const built = join(__dirname, FILE_DOWNLOAD_WORKER);
  if (existsSync(built)) return new Worker(built, { workerData: job });
  // From the sources (tests, benches): tsx compiles the TypeScript entry in the thread.
  const tsx = createRequire(__filename).resolve('tsx/cjs');
  const entry = join(__dirname, 'fileDownloadWorker.ts');
  return new Worker(`require(${JSON.stringify(tsx)}); require(${JSON.stringify(entry)});`, {
    eval: true,
    workerData: job,
  });
};

/**
 * An engine download (`/images/get`, `/containers/…/export`) written into
 * the open file `fd` by a worker thread of its own (fileDownloadWorker.ts),
 * with blocking writes straight from the socket's read buffer. Measured
 * (README, Archives): three 1 GB saves at once took ~0.8 s of CPU per
 * gigabyte on the main thread's stream path, ~0.3 s here, and two cores
 * are shared with the engine. Resolves with the bytes written once the
 * thread has stopped, so the caller may close `fd`; a cancel terminates the
 * thread first and rejects with an AbortError.
 */
export const downloadToFile = (
  docker: Docker,
  path: string,
  fd: number,
  signal: AbortSignal,
  onBytes: (bytes: number) => void,
): Promise<number> => {
  const address = plainAddress(docker);
  if (!address) return Promise.reject(new Error('not a plain engine connection'));
  if (isUncleanEnginePath(path)) return Promise.reject(new Error(`refusing engine path ${path}`));
  return new Promise((resolve, reject) => {
    const worker = startWorker({ address, path, fd });
    let over = false;
    /** Stops the thread, then settles: nothing writes to `fd` after this promise settles. */
    const settle = (outcome: () => void) => {
      if (over) return;
      over = true;
      signal.removeEventListener('abort', onAbort);
      void worker.terminate().finally(outcome);
    };
    const onAbort = () => {
      const err = new Error('Cancelled');
      err.name = 'AbortError';
      settle(() => reject(err));
    };
    worker.on('message', (m: FileDownloadMessage) => {
      if (over) return;
      if (m.type === 'bytes') onBytes(m.bytes);
      else if (m.type === 'done') {
        onBytes(m.bytes);
        settle(() => resolve(m.bytes));
      } else settle(() => reject(revivedError(m.error)));
    });
    // The thread's own failure (a bug of ours, or no memory): said as such.
    worker.on('error', (err) => settle(() => reject(err)));
    worker.on('exit', () => settle(() => reject(new Error('the download thread stopped before the end'))));
    signal.addEventListener('abort', onAbort, { once: true });
    if (signal.aborted) onAbort();
  });
};

/**
 * `target` written atomically (atomicFile.ts) from the engine download
 * `path` on a thread of its own, as `docker save -o` writes; resolves with
 * the bytes written, or undefined without writing anything when this
 * engine connection is not a plain one or every thread is taken (the
 * caller then streams on the main thread).
 */
export const downloadOnThread = async (
  docker: Docker,
  path: string,
  target: string,
  signal: AbortSignal,
  onBytes: (bytes: number) => void,
): Promise<number | undefined> => {
  const thread = canGetRaw(docker) ? reserveDownloadThread() : undefined;
  if (!thread) return undefined;
  try {
    let bytes = 0;
    await fillAtomically(target, signal, async (fd) => {
      bytes = await downloadToFile(docker, path, fd, signal, onBytes);
    });
    return bytes;
  } finally {
    thread.release();
  }
};

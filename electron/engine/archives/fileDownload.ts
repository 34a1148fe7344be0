import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type Docker from 'dockerode';
import { isUncleanEnginePath } from '../refs';
import { fillAtomically } from './atomicFile';
import { canGetRaw, plainAddress } from './engineStream';
import { revivedError, type FileDownloadCommand, type FileDownloadMessage } from './fileDownloadProtocol';

/** The thread's bundle, next to the main bundle (scripts/build-main.mjs). */
export const FILE_DOWNLOAD_WORKER = 'fileDownloadWorker.cjs';

const startWorker = (): Worker => {
  const built = join(__dirname, FILE_DOWNLOAD_WORKER);
  if (existsSync(built)) return new Worker(built);
  // From the sources (tests, benches): tsx compiles the TypeScript entry in the thread.
  const tsx = createRequire(__filename).resolve('tsx/cjs');
  const entry = join(__dirname, 'fileDownloadWorker.ts');
  return new Worker(`require(${JSON.stringify(tsx)}); require(${JSON.stringify(entry)});`, { eval: true });
};

/** A download the thread is working on: where its messages go, and what ends it if the thread dies. */
interface Job {
  message(m: FileDownloadMessage): void;
  lost(err: Error): void;
}

/**
 * Download threads at most. Up to this many downloads each get a thread of
 * their own; more share them, the newest going to the least busy. Three
 * 1 GB saves at once on one shared thread took 1.07× the CLI's time in a
 * run (a blocked write holds up every download on its thread), on a thread
 * each 0.93–0.94× in two; each thread costs ~9 MiB of RSS (six idle ones:
 * 53 MiB).
 */
export const MAX_DOWNLOAD_THREADS = 3;

interface Thread {
  worker: Worker;
  jobs: Map<number, Job>;
}

/** Running threads: each started for a download, stopped when its last one ends. */
const threads: Thread[] = [];
let nextId = 1;

const startThread = (): Thread => {
  const worker = startWorker();
  const jobs = new Map<number, Job>();
  const thread = { worker, jobs };
  threads.push(thread);
  worker.on('message', (m: FileDownloadMessage) => jobs.get(m.id)?.message(m));
  // The thread's own failure (a bug of ours, or no memory) ends every download it held.
  const lose = (err: Error) => {
    forget(thread);
    for (const job of [...jobs.values()]) job.lost(err);
  };
  worker.on('error', lose);
  worker.on('exit', () => lose(new Error('the download thread stopped before the end')));
  return thread;
};

const forget = (thread: Thread) => {
  const i = threads.indexOf(thread);
  if (i >= 0) threads.splice(i, 1);
};

const threadForNext = (): Thread => {
  if (threads.length < MAX_DOWNLOAD_THREADS) return startThread();
  return threads.reduce((a, b) => (b.jobs.size < a.jobs.size ? b : a));
};

/** Download threads running now (tests: each stops once idle). */
export const downloadThreadCount = (): number => threads.length;

/**
 * An engine download (`/images/get`, `/containers/…/export`) written into
 * the open file `fd` by a download thread (fileDownloadWorker.ts), with
 * blocking writes straight from the socket's read buffer. Measured
 * (README, Archives): three 1 GB saves at once took 5.2–5.5 s of backend
 * CPU on the main thread's stream path, 2.7–2.9 s here, and two cores are
 * shared with the engine. Resolves with the bytes written once the thread
 * is done with `fd`, so the caller may close it; a cancel asks the thread
 * to stop, and rejects with an AbortError once it has.
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
  const thread = threadForNext();
  const { worker, jobs } = thread;
  const id = nextId++;
  const send = (command: FileDownloadCommand) => worker.postMessage(command);
  return new Promise((resolve, reject) => {
    const onAbort = () => send({ type: 'cancel', id });
    const end = (outcome: () => void) => {
      if (!jobs.delete(id)) return;
      signal.removeEventListener('abort', onAbort);
      // A thread's last download out stops it (one starts again in ~30–50 ms).
      if (!jobs.size) {
        forget(thread);
        void worker.terminate();
      }
      outcome();
    };
    jobs.set(id, {
      message: (m) => {
        if (m.type === 'bytes') return onBytes(m.bytes);
        if (m.type === 'done') {
          onBytes(m.bytes);
          return end(() => resolve(m.bytes));
        }
        end(() => reject(revivedError(m.error)));
      },
      lost: (err) => end(() => reject(err)),
    });
    send({ type: 'start', id, address, path, fd });
    signal.addEventListener('abort', onAbort, { once: true });
    if (signal.aborted) onAbort();
  });
};

/**
 * `target` written atomically (atomicFile.ts) from the engine download
 * `path` on a download thread, as `docker save -o` writes; resolves with
 * the bytes written, or undefined without writing anything when this
 * engine connection is not a plain one (the caller then streams on the
 * main thread).
 */
export const downloadOnThread = async (
  docker: Docker,
  path: string,
  target: string,
  signal: AbortSignal,
  onBytes: (bytes: number) => void,
): Promise<number | undefined> => {
  if (!canGetRaw(docker)) return undefined;
  let bytes = 0;
  await fillAtomically(target, signal, async (fd) => {
    bytes = await downloadToFile(docker, path, fd, signal, onBytes);
  });
  return bytes;
};

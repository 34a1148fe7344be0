/**
 * Worker thread of fileDownload.ts: reads one engine download from its own
 * connection and writes each read straight into the file with a blocking
 * write, as `docker save -o` does. Blocking is fine here, and only here:
 * this thread does nothing else, and the socket waits while the disk does.
 * Loads nothing but engineRequest.ts and httpBody.ts.
 */
import { writeSync } from 'node:fs';
import type { Socket } from 'node:net';
import { performance } from 'node:perf_hooks';
import { parentPort, workerData } from 'node:worker_threads';
import { connectionClosed, requestEngine, type ResponseBody } from './engineRequest';
import { carryError, type FileDownloadJob, type FileDownloadMessage } from './fileDownloadProtocol';

/** At most this often a progress message (a message per read would cost more than the write). */
const PROGRESS_MS = 100;

const post = (message: FileDownloadMessage) => parentPort?.postMessage(message);

class FileBody implements ResponseBody {
  private bytes = 0;
  private reported = 0;
  private over = false;

  constructor(
    private readonly fd: number,
    private readonly socket: Socket,
    private readonly done: () => void,
  ) {}

  feed(slice: Buffer): void {
    for (let at = 0; at < slice.length;) {
      const n = writeSync(this.fd, slice, at, slice.length - at);
      if (n <= 0) throw Object.assign(new Error('the file takes no more bytes'), { code: 'ENOSPC' });
      at += n;
    }
    this.bytes += slice.length;
    const now = performance.now();
    if (now - this.reported >= PROGRESS_MS) {
      this.reported = now;
      post({ type: 'bytes', bytes: this.bytes });
    }
  }

  finish(): void {
    this.end();
  }

  connectionClosed(): void {
    this.end(connectionClosed());
  }

  destroy(err: Error): void {
    this.end(err);
  }

  private end(err?: Error): void {
    if (this.over) return;
    this.over = true;
    this.socket.destroy();
    this.done();
    post(err ? { type: 'failed', error: carryError(err) } : { type: 'done', bytes: this.bytes });
  }
}

const job = workerData as FileDownloadJob;
// Never aborted: a cancel terminates this thread (fileDownload.ts).
const signal = new AbortController().signal;
requestEngine(
  job.address,
  'GET',
  job.path,
  signal,
  undefined,
  (socket, done) => new FileBody(job.fd, socket, done),
).catch((err: unknown) => post({ type: 'failed', error: carryError(err) }));

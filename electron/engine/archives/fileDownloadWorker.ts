/**
 * The download thread of fileDownload.ts: each download reads the engine on
 * a connection of its own and writes every read straight into its file
 * with a blocking write, as `docker save -o` does. Blocking is fine here,
 * and only here: this thread does nothing else, and a socket waits while
 * the disk does. A thread may serve several downloads at once (each costs
 * it a read buffer; a thread costs ~9 MiB). Loads nothing but
 * engineRequest.ts and httpBody.ts.
 */
import { writeSync } from 'node:fs';
import type { Socket } from 'node:net';
import { performance } from 'node:perf_hooks';
import { parentPort } from 'node:worker_threads';
import { connectionClosed, requestEngine, type ResponseBody } from './engineRequest';
import { carryError, type FileDownloadCommand, type FileDownloadMessage } from './fileDownloadProtocol';

/** At most this often a progress message per download (one per read would cost more than the write). */
const PROGRESS_MS = 100;

const post = (message: FileDownloadMessage) => parentPort?.postMessage(message);

/** Downloads under way, by id: the cancel of each. */
const running = new Map<number, AbortController>();

/** Posts a download's final word, once; nothing is written for it afterwards. */
const settle = (id: number, err?: unknown, bytes = 0) => {
  if (!running.delete(id)) return;
  post(err === undefined ? { type: 'done', id, bytes } : { type: 'failed', id, error: carryError(err) });
};

class FileBody implements ResponseBody {
  private bytes = 0;
  private reported = 0;

  constructor(
    private readonly id: number,
    private readonly fd: number,
    private readonly socket: Socket,
    private readonly done: () => void,
  ) {}

  feed(slice: Buffer): void {
    if (!running.has(this.id)) return;
    for (let at = 0; at < slice.length;) {
      const n = writeSync(this.fd, slice, at, slice.length - at);
      if (n <= 0) throw Object.assign(new Error('the file takes no more bytes'), { code: 'ENOSPC' });
      at += n;
    }
    this.bytes += slice.length;
    const now = performance.now();
    if (now - this.reported >= PROGRESS_MS) {
      this.reported = now;
      post({ type: 'bytes', id: this.id, bytes: this.bytes });
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
    this.socket.destroy();
    this.done();
    settle(this.id, err, this.bytes);
  }
}

const start = (command: Extract<FileDownloadCommand, { type: 'start' }>) => {
  const { id, address, path, fd } = command;
  const cancel = new AbortController();
  running.set(id, cancel);
  requestEngine(
    address,
    'GET',
    path,
    cancel.signal,
    undefined,
    (socket, done) => new FileBody(id, fd, socket, done),
  ).catch((err: unknown) => settle(id, err));
};

parentPort?.on('message', (command: FileDownloadCommand) => {
  if (command.type === 'start') start(command);
  else running.get(command.id)?.abort();
});

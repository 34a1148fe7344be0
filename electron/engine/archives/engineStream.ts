import type { Socket } from 'node:net';
import { Readable } from 'node:stream';
import { pipeline as pipelinePromise } from 'node:stream/promises';
import type Docker from 'dockerode';
import { isUncleanEnginePath } from '../refs';
import { ChunkedUpload } from './chunkedUpload';
import {
  connectionClosed,
  requestEngine,
  type EngineAddress,
  type EngineUpload,
  type ResponseBody,
} from './engineRequest';

/**
 * Bytes per chunk handed downstream, and so per write to the browser's
 * download or a gzip stage (a plain save to a file writes each socket read
 * on a thread of its own: fileDownload.ts). Measured here (300 MB into a file, CPU time): 32 KiB writes ~100
 * ms, 128–256 KiB ~70 ms, 1 MiB anywhere from 65 to 590 ms (the kernel's
 * page-cache side of large writes varies a lot), so not larger.
 */
export const BODY_CHUNK = 256 * 1024;

/** The plain connection docker-modem would open, or undefined when it is anything else (TLS, ssh, options). */
export const plainAddress = (docker: Docker): EngineAddress | undefined => {
  const m = docker.modem as unknown as {
    socketPath?: unknown;
    host?: string;
    port?: number | string;
    protocol?: string;
    version?: string;
    pathPrefix?: string;
    agent?: unknown;
    headers?: Record<string, string>;
  };
  if ((m.protocol ?? 'http') !== 'http' || m.version || m.pathPrefix || m.agent) return undefined;
  if (m.headers && Object.keys(m.headers).length) return undefined;
  if (typeof m.socketPath === 'string' && m.socketPath) return { path: m.socketPath };
  if (m.host && m.port) return { host: m.host, port: Number(m.port) };
  return undefined;
};

/** True when `rawEngineGet` can talk to this client's engine itself. */
export const canGetRaw = (docker: Docker): boolean => plainAddress(docker) !== undefined;

export type { EngineUpload } from './engineRequest';

/** A stream as a chunked request body (chunkedUpload.ts). */
export const chunkedBody = (body: Readable, contentType: string): EngineUpload => ({
  contentType,
  send: (socket) => pipelinePromise(body, new ChunkedUpload(socket, BODY_CHUNK)),
});

/**
 * A long engine download (`/images/get`, `/containers/…/export`) read from a
 * connection of its own, as one stream of 256 KiB chunks. Measured
 * (bench/archives.mts, README "Archives"): Node's HTTP client hands the
 * body over in ~22 KB pieces, one JavaScript callback, Buffer and stream
 * hop each, and that — with the file writes of the same size — was what
 * kept a save behind `docker save -o`. Here the socket reads into one
 * reused buffer and the body is copied straight into large chunks
 * (engineRequest.ts).
 *
 * Resolves once the engine answered 200 (its first byte can take long: the
 * engine stages the archive first); rejects with docker-modem's error shape
 * on any other answer, or with the connection's error.
 */
export const rawEngineGet = (docker: Docker, path: string, signal: AbortSignal): Promise<Readable> =>
  rawEngineRequest(docker, 'GET', path, signal);

/**
 * A request on a connection of Lading's own, as rawEngineGet, with an
 * optional body streamed up (a load's archive): see chunkedUpload.ts. The
 * answer's body is the same large-chunk stream. A body that fails, or a
 * cancel, closes the connection before the body's end, so the engine keeps
 * nothing of it; so does an answer other than 200 (the engine stopped
 * reading).
 */
export const rawEngineRequest = (
  docker: Docker,
  method: 'GET' | 'POST',
  path: string,
  signal: AbortSignal,
  upload?: EngineUpload,
): Promise<Readable> => {
  const address = plainAddress(docker);
  if (!address) return Promise.reject(new Error('not a plain engine connection'));
  if (isUncleanEnginePath(path)) return Promise.reject(new Error(`refusing engine path ${path}`));
  return requestEngine(address, method, path, signal, upload, (socket, done) => {
    const body = new EngineBody(socket);
    body.once('close', done);
    return body;
  });
};

/**
 * A stream whose chunks a consumer may hand back once written out, so
 * they are filled again instead of allocated. A gigabyte in fresh 256 KiB
 * Buffers kept V8 collecting garbage (a full GC every ~64 MB of them) and
 * the backend's RSS up by that much.
 */
export interface RecyclingReadable extends Readable {
  /** `chunk` (one this stream pushed) is no longer referenced by anyone: reuse it. */
  recycle(chunk: Buffer): void;
}

export const isRecycling = (s: Readable): s is RecyclingReadable =>
  typeof (s as Partial<RecyclingReadable>).recycle === 'function';

/** Chunks kept for reuse: the most that can be between the socket and the file at once. */
const POOL = 8;

/** The 200 answer's body: large chunks, paced by the consumer (the socket pauses while they wait). */
class EngineBody extends Readable implements RecyclingReadable, ResponseBody {
  /** Chunks handed back by a consumer that is done with them (see recycle). */
  private free: Buffer[] = [];
  /** Chunks this body handed out and may take back, each once. */
  private lent = new WeakSet<Buffer>();
  private out = this.fresh();
  private used = 0;
  private finished = false;

  constructor(private readonly socket: Socket) {
    super({ highWaterMark: 4 * BODY_CHUNK });
  }

  /** A slice of the socket's reused buffer: copied into the current chunk. */
  feed(slice: Buffer): void {
    let i = 0;
    while (i < slice.length) {
      const n = Math.min(slice.length - i, this.out.length - this.used);
      slice.copy(this.out, this.used, i, i + n);
      this.used += n;
      i += n;
      if (this.used === this.out.length) {
        const full = this.out;
        this.out = this.fresh();
        this.used = 0;
        if (!this.push(full)) this.socket.pause();
      }
    }
  }

  private fresh(): Buffer {
    const b = this.free.pop() ?? Buffer.allocUnsafe(BODY_CHUNK);
    this.lent.add(b);
    return b;
  }

  recycle(chunk: Buffer): void {
    if (this.lent.delete(chunk) && chunk.length === BODY_CHUNK && this.free.length < POOL) this.free.push(chunk);
  }

  /** The body's end arrived: the rest goes out, the connection is done. */
  finish(): void {
    if (this.finished) return;
    this.finished = true;
    if (this.used) this.push(this.out.subarray(0, this.used));
    this.push(null);
    this.socket.destroy();
  }

  /** The connection closed: fine after the body's end (or for a body that runs until close). */
  connectionClosed(): void {
    if (this.finished || this.destroyed) return;
    this.destroy(connectionClosed());
  }

  override _read(): void {
    if (this.socket.isPaused()) this.socket.resume();
  }

  override _destroy(err: Error | null, cb: (err?: Error | null) => void): void {
    this.socket.destroy();
    cb(err);
  }
}

import { connect, type Socket } from 'node:net';
import { Readable } from 'node:stream';
import { pipeline as pipelinePromise } from 'node:stream/promises';
import type Docker from 'dockerode';
import { isUncleanEnginePath } from '../refs';
import { ChunkedUpload } from './chunkedUpload';
import { BodyDecoder, framingOf, HttpFramingError, MAX_HEAD_BYTES, parseHead, type ResponseHead } from './httpBody';

/**
 * Bytes per chunk handed downstream, and so per write to the file or the
 * browser. Measured here (300 MB into a file, CPU time): 32 KiB writes ~100
 * ms, 128–256 KiB ~70 ms, 1 MiB anywhere from 65 to 590 ms (the kernel's
 * page-cache side of large writes varies a lot), so not larger.
 */
export const BODY_CHUNK = 256 * 1024;
/** One reused buffer per connection for the socket's reads (copied out at once). */
const READ_BUFFER = 256 * 1024;
/** An error answer's body is read whole (the engine's are a line of JSON). */
const MAX_ERROR_BODY = 1024 * 1024;

/** What docker-modem puts on an engine error, so errors.ts maps both alike. */
interface EngineHttpError extends Error {
  statusCode: number;
  json: unknown;
}

/** The plain connection docker-modem would open, or undefined when it is anything else (TLS, ssh, options). */
const plainAddress = (docker: Docker): { path: string } | { host: string; port: number } | undefined => {
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

/** A request body for the engine. */
export interface EngineUpload {
  contentType: string;
  /** The body's length when known (sent as Content-Length); without it the body is sent chunked. */
  length?: number;
  /** Writes the body onto the connection; a rejection cuts it (the connection is closed). */
  send(socket: Socket): Promise<void>;
}

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
 * reused buffer and the body is copied straight into large chunks.
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
  return new Promise((resolve, reject) => {
    let settled = false;
    let head: ResponseHead | undefined;
    let headBytes: Buffer[] = [];
    let headLength = 0;
    let body: EngineBody | undefined;
    const errorBody: Buffer[] = [];
    let errorLength = 0;
    let decoder: BodyDecoder | undefined;
    let untilClose = false;

    const fail = (err: Error) => {
      if (!settled) {
        settled = true;
        signal.removeEventListener('abort', onAbort);
        reject(err);
      }
      socket.destroy();
    };
    const onAbort = () => {
      const err = new Error('Cancelled');
      err.name = 'AbortError';
      if (body) body.destroy(err);
      else fail(err);
    };

    const onHeadComplete = (rest: Buffer) => {
      const h = head as ResponseHead;
      const framing = framingOf(h);
      untilClose = framing.kind === 'close';
      if (h.statusCode === 200) {
        const b = new EngineBody(socket);
        body = b;
        decoder = new BodyDecoder(framing, (slice) => b.feed(slice));
        settled = true;
        // A cancel from now on ends the body with an AbortError (and closes the connection).
        b.once('close', () => signal.removeEventListener('abort', onAbort));
        resolve(b);
      } else {
        decoder = new BodyDecoder(framing, (slice) => {
          errorLength += slice.length;
          if (errorLength <= MAX_ERROR_BODY) errorBody.push(Buffer.from(slice));
        });
      }
      feedBody(rest);
    };

    const engineError = (): EngineHttpError => {
      const h = head as ResponseHead;
      const text = Buffer.concat(errorBody).toString('utf8');
      let json: unknown = text;
      try {
        json = JSON.parse(text);
      } catch {
        // not JSON: the text itself is the message
      }
      const message = (json as { message?: unknown } | null)?.message;
      const err = new Error(
        `(HTTP code ${h.statusCode}) ${h.statusMessage}${typeof message === 'string' ? ` - ${message}` : ''}`,
      ) as EngineHttpError;
      err.statusCode = h.statusCode;
      err.json = json;
      return err;
    };

    const feedBody = (buf: Buffer) => {
      const d = decoder as BodyDecoder;
      const ended = d.write(buf);
      if (!ended) return;
      if (body) body.finish();
      else fail(engineError());
    };

    const onRead = (n: number, buf: Uint8Array): boolean => {
      const chunk = Buffer.from(buf.buffer, buf.byteOffset, n);
      try {
        if (decoder) {
          feedBody(chunk);
          return true;
        }
        headBytes.push(Buffer.from(chunk)); // the read buffer is reused: keep a copy
        headLength += n;
        const all = headBytes.length === 1 ? (headBytes[0] as Buffer) : Buffer.concat(headBytes);
        headBytes = [all];
        const end = all.indexOf('\r\n\r\n');
        if (end < 0) {
          if (headLength > MAX_HEAD_BYTES) throw new HttpFramingError("the engine's answer has no end of headers");
          return true;
        }
        head = parseHead(all.toString('latin1', 0, end));
        headBytes = [];
        onHeadComplete(all.subarray(end + 4));
      } catch (err) {
        if (body) body.destroy(err as Error);
        else fail(err as Error);
      }
      return true;
    };

    const socket: Socket = connect({
      ...address,
      onread: { buffer: Buffer.allocUnsafe(READ_BUFFER), callback: onRead },
    });
    signal.addEventListener('abort', onAbort, { once: true });
    if (signal.aborted) onAbort();
    socket.on('error', (err) => {
      if (body) return body.destroy(err);
      // Writing to an engine that answered and hung up fails: its answer is the news.
      if (head && head.statusCode !== 200 && decoder) return fail(engineError());
      fail(err);
    });
    socket.on('close', () => {
      // A body without length or chunks ends with the connection.
      if (body) return untilClose ? body.finish() : body.connectionClosed();
      fail(decoder && untilClose ? engineError() : connectionClosed());
    });
    const host = 'host' in address ? `${address.host}:${address.port}` : 'docker';
    const framing = upload?.length === undefined ? 'Transfer-Encoding: chunked' : `Content-Length: ${upload.length}`;
    const bodyHeaders = upload ? `Content-Type: ${upload.contentType}\r\n${framing}\r\n` : '';
    socket.write(`${method} ${path} HTTP/1.1\r\nHost: ${host}\r\n${bodyHeaders}Connection: close\r\n\r\n`);
    // The body failing (or the connection gone) cuts the upload: close the connection.
    upload?.send(socket).catch((err: Error) => {
      if (!socket.destroyed) fail(err);
    });
  });
};

const connectionClosed = (): Error =>
  Object.assign(new Error('the engine closed the connection before the end of its answer'), { code: 'ECONNRESET' });

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
class EngineBody extends Readable implements RecyclingReadable {
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

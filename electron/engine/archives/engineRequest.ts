import { connect, type Socket } from 'node:net';
import { BodyDecoder, framingOf, HttpFramingError, MAX_HEAD_BYTES, parseHead, type ResponseHead } from './httpBody';

/**
 * One HTTP/1.1 exchange with the engine on a connection of Lading's own:
 * the request, an optional streamed body, and the answer's head and body
 * read straight from the socket into one reused buffer. Kept free of
 * dockerode and of the contract so a worker thread can load it alone
 * (fileDownloadWorker.ts); engineStream.ts builds the main side's streams on it.
 */

/** Where a plain (unencrypted, unproxied) engine listens. */
export type EngineAddress = { path: string } | { host: string; port: number };

/** One reused buffer per connection for the socket's reads (slices of it are handed to the body). */
const READ_BUFFER = 256 * 1024;
/** An error answer's body is read whole (the engine's are a line of JSON). */
const MAX_ERROR_BODY = 1024 * 1024;

/** What docker-modem puts on an engine error, so errors.ts maps both alike. */
export interface EngineHttpError extends Error {
  statusCode: number;
  json: unknown;
}

/** A request body for the engine. */
export interface EngineUpload {
  contentType: string;
  /** The body's length when known (sent as Content-Length); without it the body is sent chunked. */
  length?: number;
  /** Writes the body onto the connection; a rejection cuts it (the connection is closed). */
  send(socket: Socket): Promise<void>;
}

/** Where a 200 answer's body goes, slice by slice. */
export interface ResponseBody {
  /** A slice of the connection's reused read buffer: valid only during the call. */
  feed(slice: Buffer): void;
  /** The body's end arrived. */
  finish(): void;
  /** The connection closed (after finish, or before: then the body is cut). */
  connectionClosed(): void;
  /** The exchange failed (a framing error, the socket's error, a cancel). */
  destroy(err: Error): void;
}

/**
 * Sends the request and resolves with the body `makeBody` made once the
 * engine answered 200 (its first byte can take long: the engine stages an
 * archive first). Rejects with docker-modem's error shape on any other
 * answer, or with the connection's error. `makeBody` gets `done`, to call
 * once the body is over, which ends the watch on `signal`; a cancel before
 * that destroys the body with an AbortError.
 */
export const requestEngine = <B extends ResponseBody>(
  address: EngineAddress,
  method: 'GET' | 'POST',
  path: string,
  signal: AbortSignal,
  upload: EngineUpload | undefined,
  makeBody: (socket: Socket, done: () => void) => B,
): Promise<B> =>
  new Promise((resolve, reject) => {
    let settled = false;
    let head: ResponseHead | undefined;
    let headBytes: Buffer[] = [];
    let headLength = 0;
    let body: B | undefined;
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
        // A cancel from the body's end on is no longer this exchange's business.
        const b = makeBody(socket, () => signal.removeEventListener('abort', onAbort));
        body = b;
        decoder = new BodyDecoder(framing, (slice) => b.feed(slice));
        settled = true;
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

export const connectionClosed = (): Error =>
  Object.assign(new Error('the engine closed the connection before the end of its answer'), { code: 'ECONNRESET' });

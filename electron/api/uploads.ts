import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import { ApiError } from '../../shared/contract/errors';

interface Upload {
  sessionId: string;
  name: string;
  size: number;
  /** Set when the bytes arrive (serve mode: the HTTP request body). */
  body?: Readable;
  /** Waiting consumer, if it asked before the bytes arrived. */
  waiter?: (body: Readable) => void;
  expires: NodeJS.Timeout;
}

/** An upload nobody used is dropped after this long. */
const UNUSED_TTL_MS = 10 * 60 * 1000;

/**
 * Files travelling from the browser to the main side in serve mode. A
 * session announces an upload (uploads.create), an operation takes its
 * stream, and the HTTP handler attaches the request body; either of the
 * last two may come first. Nothing is buffered here: the body is paused
 * until the consumer reads it, so TCP carries the backpressure.
 */
export class UploadRegistry {
  private uploads = new Map<string, Upload>();

  create(sessionId: string, name: string, size: number): string {
    const id = randomUUID();
    const expires = setTimeout(() => this.drop(id), UNUSED_TTL_MS);
    expires.unref();
    this.uploads.set(id, { sessionId, name, size, expires });
    return id;
  }

  /** The HTTP side: hands over the request body. False when the id is unknown or already used. */
  attach(id: string, body: Readable): boolean {
    const u = this.uploads.get(id);
    if (!u || u.body) return false;
    u.body = body;
    body.once('close', () => this.drop(id));
    u.waiter?.(body);
    return true;
  }

  /**
   * The consuming operation: waits until the body arrives. Only the session
   * that created the upload may take it.
   */
  take(id: string, sessionId: string, signal: AbortSignal): Promise<{ body: Readable; size: number; name: string }> {
    const u = this.uploads.get(id);
    if (!u || u.sessionId !== sessionId) {
      return Promise.reject(new ApiError('NOT_FOUND', `no upload ${id} for this session (expired or never created)`));
    }
    clearTimeout(u.expires);
    const result = (body: Readable) => ({ body, size: u.size, name: u.name });
    if (u.body) return Promise.resolve(result(u.body));
    return new Promise((resolve, reject) => {
      const onAbort = () => {
        this.drop(id);
        reject(new ApiError('CANCELLED', 'Cancelled'));
      };
      signal.addEventListener('abort', onAbort, { once: true });
      u.waiter = (body) => {
        signal.removeEventListener('abort', onAbort);
        resolve(result(body));
      };
    });
  }

  has(id: string): boolean {
    return this.uploads.has(id);
  }

  /** The file name the browser announced (for the task's title), before any byte arrives. */
  nameOf(id: string): string | undefined {
    return this.uploads.get(id)?.name;
  }

  private drop(id: string): void {
    const u = this.uploads.get(id);
    if (!u) return;
    clearTimeout(u.expires);
    this.uploads.delete(id);
  }
}

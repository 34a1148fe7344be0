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
  /** An operation took it (it no longer counts as pending). */
  taken?: boolean;
  expires: NodeJS.Timeout;
}

/** An upload no operation took is dropped after this long (the UI starts the operation at once). */
export const UNUSED_UPLOAD_TTL_MS = 60 * 1000;
/** Uploads announced but not yet taken by an operation, per session and in all. */
export const MAX_PENDING_UPLOADS_PER_SESSION = 8;
export const MAX_PENDING_UPLOADS = 64;

/**
 * Files travelling from the browser to the main side in serve mode. A
 * session announces an upload (uploads.create), an operation takes its
 * stream, and the HTTP handler attaches the request body; either of the
 * last two may come first. Nothing is buffered here: the body is paused
 * until the consumer reads it, so TCP carries the backpressure.
 */
export class UploadRegistry {
  private uploads = new Map<string, Upload>();

  constructor(private readonly ttlMs = UNUSED_UPLOAD_TTL_MS) {}

  /** Announces an upload; refused (CONFLICT, kind tooManyUploads) past the caps. */
  create(sessionId: string, name: string, size: number): string {
    const pending = [...this.uploads.values()].filter((u) => !u.taken);
    const mine = pending.filter((u) => u.sessionId === sessionId).length;
    if (mine >= MAX_PENDING_UPLOADS_PER_SESSION || pending.length >= MAX_PENDING_UPLOADS) {
      const limit = mine >= MAX_PENDING_UPLOADS_PER_SESSION ? MAX_PENDING_UPLOADS_PER_SESSION : MAX_PENDING_UPLOADS;
      throw new ApiError('CONFLICT', `too many uploads waiting (at most ${limit}); wait for one to finish`, {
        kind: 'tooManyUploads',
        limit: String(limit),
      });
    }
    const id = randomUUID();
    // Unused: dropped, and a body already attached is cut (its request would otherwise wait forever).
    const expires = setTimeout(() => {
      this.uploads.get(id)?.body?.destroy();
      this.drop(id);
    }, this.ttlMs);
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
    u.taken = true;
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

import { randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import type { Writable } from 'node:stream';
import { ApiError } from '../../shared/contract/errors';

/** The HTTP side of one download, as the operation that fills it sees it. */
export interface DownloadSink {
  /** The file name the browser stores it under. */
  name: string;
  /** Sends the headers and returns the body to stream into. */
  begin(): Writable;
  /** The operation failed before or while sending: tell the browser (status page, or a cut connection). */
  fail(err: ApiError): void;
}

interface Download {
  sessionId: string;
  name: string;
  res?: ServerResponse;
  /** An operation took it: a second one may not. */
  taken?: boolean;
  waiter?: (res: ServerResponse) => void;
  /** Rejects a waiting operation when the browser never fetched the URL. */
  giveUp?: (err: ApiError) => void;
  expires: NodeJS.Timeout;
}

/** A download the browser did not fetch is dropped after this long (the browser fetches at once). */
const UNUSED_TTL_MS = 60 * 1000;
/** Downloads announced but neither fetched nor taken by an operation, per session and in all. */
export const MAX_PENDING_DOWNLOADS_PER_SESSION = 8;
export const MAX_PENDING_DOWNLOADS = 64;

/** `filename` for Content-Disposition: ASCII fallback plus the UTF-8 name (RFC 6266). */
export const contentDisposition = (name: string): string => {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  // RFC 5987 attr-chars exclude ' ( ) *, which encodeURIComponent leaves as they are.
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
};

const sinkFor = (name: string, res: ServerResponse): DownloadSink => ({
  name,
  begin: () => {
    res.writeHead(200, {
      'Content-Type': /\.(tar\.gz|tgz)$/i.test(name) ? 'application/gzip' : 'application/x-tar',
      'Content-Disposition': contentDisposition(name),
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
    });
    return res;
  },
  fail: (err) => {
    if (res.headersSent) {
      // Mid-stream: cutting the connection is the only way the browser marks the download failed.
      res.destroy();
      return;
    }
    const status = err.code === 'CANCELLED' ? 410 : err.code === 'NOT_FOUND' ? 404 : 409;
    res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' });
    res.end(`${err.message}\n`);
  },
});

/**
 * Serve mode's saves and exports to the browser's computer. A session
 * announces a download (downloads.create), the browser fetches its URL,
 * and the save or export operation takes the response and streams the
 * engine's bytes into it; either of the last two may come first. Nothing
 * is buffered here: the response's backpressure paces the engine.
 */
export class DownloadRegistry {
  private downloads = new Map<string, Download>();

  /** Announces a download; refused (CONFLICT, kind tooManyDownloads) past the caps. */
  create(sessionId: string, name: string): string {
    const pending = [...this.downloads.values()].filter((d) => !d.taken && !d.res);
    const mine = pending.filter((d) => d.sessionId === sessionId).length;
    if (mine >= MAX_PENDING_DOWNLOADS_PER_SESSION || pending.length >= MAX_PENDING_DOWNLOADS) {
      const limit =
        mine >= MAX_PENDING_DOWNLOADS_PER_SESSION ? MAX_PENDING_DOWNLOADS_PER_SESSION : MAX_PENDING_DOWNLOADS;
      throw new ApiError('CONFLICT', `too many downloads waiting (at most ${limit}); wait for one to start`, {
        kind: 'tooManyDownloads',
        limit: String(limit),
      });
    }
    const id = randomUUID();
    const expires = setTimeout(() => {
      this.downloads
        .get(id)
        ?.giveUp?.(
          new ApiError('NOT_FOUND', 'The browser did not start the download', { kind: 'download', downloadId: id }),
        );
      this.drop(id);
    }, UNUSED_TTL_MS);
    expires.unref();
    this.downloads.set(id, { sessionId, name, expires });
    return id;
  }

  /** The HTTP side: hands over the response. False when the id is unknown or already fetched. */
  attach(id: string, res: ServerResponse): boolean {
    const d = this.downloads.get(id);
    if (!d || d.res) return false;
    d.res = res;
    clearTimeout(d.expires);
    res.once('close', () => this.drop(id));
    d.waiter?.(res);
    return true;
  }

  /** The operation: waits until the browser fetches the URL. Only the creating session may take it. */
  take(id: string, sessionId: string, signal: AbortSignal): Promise<DownloadSink> {
    const d = this.downloads.get(id);
    if (!d || d.sessionId !== sessionId || d.taken) {
      return Promise.reject(new ApiError('NOT_FOUND', `no download ${id} for this session (expired or used)`));
    }
    d.taken = true;
    if (d.res) return Promise.resolve(sinkFor(d.name, d.res));
    return new Promise((resolve, reject) => {
      const onAbort = () => {
        this.drop(id);
        reject(new ApiError('CANCELLED', 'Cancelled'));
      };
      signal.addEventListener('abort', onAbort, { once: true });
      d.waiter = (res) => {
        signal.removeEventListener('abort', onAbort);
        resolve(sinkFor(d.name, res));
      };
      d.giveUp = (err) => {
        signal.removeEventListener('abort', onAbort);
        reject(err);
      };
    });
  }

  private drop(id: string): void {
    const d = this.downloads.get(id);
    if (!d) return;
    clearTimeout(d.expires);
    this.downloads.delete(id);
  }
}

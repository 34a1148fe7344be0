import type Docker from 'dockerode';
import type { LogEntry, LogsChunk } from '../../../shared/contract/containerModels';
import { toApiError } from '../errors';

/** One answer carries at most this much log text; the caller asks again at once (`more`). */
const MAX_BYTES = 512 * 1024;
/** Once output arrives, wait this long for more before answering, so a burst is one answer. */
const SETTLE_MS = 120;

/**
 * A cursor is the timestamp of the last entry delivered and how many
 * entries carried exactly that timestamp: the engine's `since` includes
 * entries at that instant, so those are skipped on the next call.
 */
interface Cursor {
  ts: string;
  seen: number;
}
const encodeCursor = (c: Cursor): string => `${c.ts}|${c.seen}`;
const decodeCursor = (s: string | null): Cursor | undefined => {
  if (!s) return undefined;
  const m = /^(\S+)\|([0-9]+)$/.exec(s);
  return m ? { ts: m[1] ?? '', seen: Number(m[2]) } : undefined;
};

/** RFC 3339 (nanoseconds) → the "seconds.nanoseconds" form the logs API's `since` takes. */
export const sinceOf = (ts: string): string | undefined => {
  const m = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(?:\.(\d{1,9}))?(Z|[+-]\d\d:\d\d)$/.exec(ts);
  if (!m) return undefined;
  const seconds = Date.parse(`${m[1]}${m[3]}`) / 1000;
  if (!Number.isFinite(seconds)) return undefined;
  return `${seconds}.${(m[2] ?? '').padEnd(9, '0')}`;
};

interface RawEntry extends LogEntry {
  ts: string;
}

/**
 * Splits the logs stream into entries. Without a TTY the engine multiplexes
 * stdout and stderr in frames (8-byte header: stream, 0, 0, 0, length);
 * with one it sends raw text. Each entry starts with its timestamp. A line
 * cut off at the end is left for the next call.
 */
class EntryReader {
  private buf: Buffer = Buffer.alloc(0);
  private partial = { stdout: '', stderr: '' };
  /** New entries: those the cursor already delivered are dropped as they arrive. */
  readonly entries: RawEntry[] = [];
  /** Timestamp of the last entry read, and how many read entries (delivered before or now) carry it. */
  lastTs = '';
  lastTsCount = 0;
  bytes = 0;
  private skip: number;

  constructor(
    private readonly tty: boolean,
    private readonly cursor: Cursor | undefined,
  ) {
    this.skip = cursor?.seen ?? 0;
  }

  push(chunk: Buffer): void {
    this.bytes += chunk.length;
    if (this.tty) {
      this.text('stdout', chunk);
      return;
    }
    this.buf = this.buf.length ? Buffer.concat([this.buf, chunk]) : chunk;
    while (this.buf.length >= 8) {
      const size = this.buf.readUInt32BE(4);
      if (this.buf.length < 8 + size) break;
      const stream = this.buf[0] === 2 ? 'stderr' : 'stdout';
      this.text(stream, this.buf.subarray(8, 8 + size));
      this.buf = this.buf.subarray(8 + size);
    }
  }

  private text(stream: 'stdout' | 'stderr', data: Buffer): void {
    const all = this.partial[stream] + data.toString('utf8');
    const lines = all.split('\n');
    this.partial[stream] = lines.pop() ?? '';
    for (const line of lines) {
      const space = line.indexOf(' ');
      const ts = space === -1 ? line : line.slice(0, space);
      const text = space === -1 ? '' : line.slice(space + 1);
      this.lastTsCount = ts === this.lastTs ? this.lastTsCount + 1 : 1;
      this.lastTs = ts;
      // The engine's `since` includes entries at the cursor's instant: those were delivered already.
      if (ts === this.cursor?.ts && this.skip > 0) {
        this.skip--;
        continue;
      }
      this.entries.push({ stream, ts, text: text.endsWith('\r') ? text.slice(0, -1) : text });
    }
  }
}

export interface LogsOptions {
  cursor: string | null;
  tail: number;
  waitMs: number;
}

/**
 * `docker logs --timestamps [--follow]` for one stretch: the entries after
 * the cursor; for a running container with nothing new yet, it waits (up to
 * `waitMs`) for the next output. Memory is bounded by MAX_BYTES per call.
 */
export const readLogs = async (docker: Docker, id: string, opts: LogsOptions): Promise<LogsChunk> => {
  try {
    const container = docker.getContainer(id);
    const info = await container.inspect();
    const running = info.State?.Running === true;
    const cursor = decodeCursor(opts.cursor);
    const since = cursor ? sinceOf(cursor.ts) : undefined;
    const follow = running && opts.waitMs > 0;
    const reader = new EntryReader(info.Config?.Tty === true, cursor);
    const controller = new AbortController();
    const stream = (await container.logs({
      follow: follow as true,
      stdout: true,
      stderr: true,
      timestamps: true,
      ...(since ? { since: since as unknown as number } : { tail: opts.tail }),
      abortSignal: controller.signal,
    })) as unknown as NodeJS.ReadableStream | Buffer;
    if (Buffer.isBuffer(stream)) reader.push(stream);
    else {
      await new Promise<void>((resolve) => {
        let settle: NodeJS.Timeout | undefined;
        const done = () => {
          clearTimeout(settle);
          clearTimeout(wait);
          resolve();
        };
        const wait = setTimeout(done, follow ? opts.waitMs : 60_000);
        stream.on('data', (chunk: Buffer) => {
          reader.push(chunk);
          if (reader.bytes >= MAX_BYTES) done();
          else if (follow && !settle && reader.entries.length > 0) settle = setTimeout(done, SETTLE_MS);
        });
        stream.on('end', done);
        stream.on('close', done);
        stream.on('error', done);
      });
      controller.abort();
      (stream as NodeJS.ReadableStream & { destroy?: () => void }).destroy?.();
    }

    const next: Cursor | undefined = reader.entries.length ? { ts: reader.lastTs, seen: reader.lastTsCount } : cursor;
    return {
      entries: reader.entries.map(({ stream: s, text }) => ({ stream: s, text })),
      cursor: next ? encodeCursor(next) : null,
      running,
      more: reader.bytes >= MAX_BYTES,
      truncated: !cursor && reader.entries.length >= opts.tail,
    };
  } catch (err) {
    throw toApiError(err, { container: id });
  }
};

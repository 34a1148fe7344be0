/**
 * The little of HTTP/1.1 a raw engine download needs (engineStream.ts): the
 * response head and the body's framing (chunked, Content-Length, or until
 * the connection closes). Hand-written because Node's own parser is only
 * reachable through its HTTP client, whose per-chunk cost is what
 * engineStream.ts avoids; RFC 9112 §6–7, nothing more (no trailers kept,
 * no other transfer codings).
 */

/** Largest response head accepted (the engine's are a few hundred bytes). */
export const MAX_HEAD_BYTES = 64 * 1024;
/** Longest chunk-size line (hex size plus extensions) accepted. */
const MAX_SIZE_LINE = 1024;

export interface ResponseHead {
  statusCode: number;
  statusMessage: string;
  /** Lower-case names; a repeated header keeps its last value. */
  headers: Record<string, string>;
}

/** A response that is not HTTP, or a framing error: the connection cannot be trusted further. */
export class HttpFramingError extends Error {
  readonly code = 'ECONNRESET';
}

/** Parses the head (status line and headers, without the final empty line). */
export const parseHead = (text: string): ResponseHead => {
  const [statusLine = '', ...lines] = text.split('\r\n');
  const m = /^HTTP\/1\.[01] (\d{3})(?: (.*))?$/.exec(statusLine);
  if (!m) throw new HttpFramingError(`the engine did not answer in HTTP: ${JSON.stringify(statusLine.slice(0, 80))}`);
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    if (colon <= 0) throw new HttpFramingError(`malformed header line in the engine's answer`);
    headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return { statusCode: Number(m[1]), statusMessage: m[2] ?? '', headers };
};

/** Where a body ends. */
export type Framing = { kind: 'chunked' } | { kind: 'length'; length: number } | { kind: 'close' };

export const framingOf = (head: ResponseHead): Framing => {
  const te = head.headers['transfer-encoding'];
  if (te !== undefined) {
    if (te.toLowerCase() !== 'chunked') throw new HttpFramingError(`unsupported transfer encoding ${te}`);
    return { kind: 'chunked' };
  }
  const cl = head.headers['content-length'];
  if (cl !== undefined) {
    if (!/^\d+$/.test(cl)) throw new HttpFramingError(`malformed Content-Length ${cl}`);
    return { kind: 'length', length: Number(cl) };
  }
  return { kind: 'close' };
};

const enum State {
  Size,
  Data,
  DataEnd,
  Trailer,
  Done,
}

/**
 * Removes the body's framing as bytes arrive: `write` calls `onData` with
 * slices of its input (valid only during the call) and returns true once
 * the body is complete. Slices never span two inputs, so nothing is copied.
 */
export class BodyDecoder {
  private state = State.Size;
  private remaining = 0;
  private line = '';
  private lengthLeft: number;

  constructor(
    private readonly framing: Framing,
    private readonly onData: (slice: Buffer) => void,
  ) {
    this.lengthLeft = framing.kind === 'length' ? framing.length : 0;
  }

  get done(): boolean {
    return this.framing.kind === 'chunked'
      ? this.state === State.Done
      : this.framing.kind === 'length' && this.lengthLeft === 0;
  }

  /** Feeds bytes; true when the body ended (bytes after its end are ignored). */
  write(buf: Buffer): boolean {
    if (this.framing.kind === 'close') {
      if (buf.length) this.onData(buf);
      return false;
    }
    if (this.framing.kind === 'length') {
      const n = Math.min(buf.length, this.lengthLeft);
      if (n) this.onData(buf.subarray(0, n));
      this.lengthLeft -= n;
      return this.lengthLeft === 0;
    }
    let i = 0;
    while (i < buf.length && this.state !== State.Done) {
      switch (this.state) {
        case State.Data: {
          const n = Math.min(buf.length - i, this.remaining);
          this.onData(buf.subarray(i, i + n));
          i += n;
          this.remaining -= n;
          if (this.remaining === 0) this.state = State.DataEnd;
          break;
        }
        case State.Size:
        case State.DataEnd:
        case State.Trailer: {
          const nl = buf.indexOf(10, i);
          const end = nl < 0 ? buf.length : nl + 1;
          this.line += buf.toString('latin1', i, end);
          i = end;
          if (this.line.length > MAX_SIZE_LINE) throw new HttpFramingError("malformed chunk in the engine's answer");
          if (nl >= 0) this.endOfLine(this.line.replace(/\r?\n$/, ''));
          break;
        }
        default:
          break;
      }
    }
    return this.state === State.Done;
  }

  private endOfLine(line: string): void {
    this.line = '';
    if (this.state === State.DataEnd) {
      if (line !== '') throw new HttpFramingError("malformed chunk in the engine's answer");
      this.state = State.Size;
    } else if (this.state === State.Size) {
      const m = /^([0-9a-fA-F]{1,12})[ \t]*(?:;.*)?$/.exec(line);
      if (!m?.[1]) throw new HttpFramingError("malformed chunk size in the engine's answer");
      this.remaining = parseInt(m[1], 16);
      this.state = this.remaining === 0 ? State.Trailer : State.Data;
    } else if (line === '') {
      this.state = State.Done; // the empty line after the (ignored) trailers
    }
  }
}

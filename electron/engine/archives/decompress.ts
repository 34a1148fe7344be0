import { finished, PassThrough, Readable, Transform, type TransformCallback, type Writable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { Decompress as ZstdDecoder } from 'fzstd';
import unbzip2Stream from 'unbzip2-stream';
import { XzReadableStream } from 'xz-decompress';

/** The compressions `docker load` reads, and zstd, which Engine 20.10 does not. */
export type Compression = 'gzip' | 'bzip2' | 'xz' | 'zstd';

/**
 * Compressed data that cannot be decompressed: it ends early (`truncated`)
 * or is damaged. Every decompressor here reports its failures as this, so
 * the load can say which it is whatever the library's own words.
 */
export class CompressedDataError extends Error {
  constructor(
    readonly compression: Compression,
    readonly truncated: boolean,
    detail: string,
  ) {
    // A cut file is a cut file: the libraries' own words for it ("error code 8",
    // a TypeError from reading past the end) would only confuse.
    super(
      truncated
        ? `unexpected EOF: the ${compression} data ends early`
        : `the ${compression} data is damaged: ${detail}`,
    );
  }
}

/** zstd frames, and the skippable frames some writers put first (zstd:chunked). */
export const isZstd = (head: Buffer): boolean =>
  head.length >= 4 &&
  ((head[0] === 0x28 && head[1] === 0xb5 && head[2] === 0x2f && head[3] === 0xfd) ||
    ((head[0] ?? 0) >> 4 === 0x5 && head[1] === 0x2a && head[2] === 0x4d && head[3] === 0x18));

const messageOf = (err: unknown): string => (err instanceof Error ? err.message : String(err));

/**
 * zstd as a Node stream, on fzstd (pure JavaScript, streaming). Node 20's
 * zlib has no zstd. fzstd throws from push(); "unexpected EOF" (its code 5)
 * at the end means the data stops mid-frame.
 */
export class ZstdDecompress extends Transform {
  private readonly decoder = new ZstdDecoder((chunk) => {
    // fzstd hands out a fresh array per block: wrapping it copies nothing.
    this.push(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.length));
  });

  constructor() {
    super({ readableHighWaterMark: 256 * 1024 });
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    try {
      this.decoder.push(chunk);
      done();
    } catch (err) {
      done(new CompressedDataError('zstd', false, messageOf(err)));
    }
  }

  override _flush(done: TransformCallback): void {
    try {
      this.decoder.push(new Uint8Array(0), true);
      done();
    } catch (err) {
      done(new CompressedDataError('zstd', (err as { code?: number }).code === 5, messageOf(err)));
    }
  }
}

/**
 * bzip2 as a Node stream, on unbzip2-stream (pure JavaScript; a classic
 * `through` stream that emits synchronously). It decodes a block once it has
 * all of it, so a failure while the input still flows is damage, and one at
 * the end — a block or the stream trailer missing — is a cut file.
 */
class Bunzip2 extends Transform {
  private readonly inner = unbzip2Stream();
  private failure: Error | undefined;

  constructor() {
    super({ readableHighWaterMark: 256 * 1024 });
    this.inner.on('data', (chunk: Buffer) => this.push(chunk));
    this.inner.on('error', (err: Error) => (this.failure ??= err));
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    this.inner.write(chunk);
    done(this.failure ? new CompressedDataError('bzip2', false, this.failure.message) : undefined);
  }

  override _flush(done: TransformCallback): void {
    this.inner.end();
    done(this.failure ? new CompressedDataError('bzip2', true, this.failure.message) : undefined);
  }
}

/** xz-embedded's result codes (xz.h) the WASM decoder reports as "error code N". */
const XZ_BUF_ERROR = 8;
const xzCodes: Record<string, string> = {
  2: 'unsupported integrity check',
  4: 'needs more memory than the decoder allows',
  5: 'not xz data',
  6: 'unsupported xz options',
  7: 'corrupt data',
};

/**
 * xz through xz-decompress (xz-embedded compiled to WASM), which takes and
 * gives web streams. XZ_BUF_ERROR: no progress possible, the input ended.
 */
const xzPair = (): { input: Writable; output: Readable } => {
  const input = new PassThrough({ highWaterMark: 256 * 1024 });
  const web = new XzReadableStream(Readable.toWeb(input) as unknown as ReadableStream<Uint8Array>);
  const output = Readable.fromWeb(web as unknown as Parameters<typeof Readable.fromWeb>[0], {
    highWaterMark: 256 * 1024,
  });
  return { input, output };
};

const xzError = (err: unknown): CompressedDataError => {
  const code = /error code (\d+)/.exec(messageOf(err))?.[1] ?? '';
  return new CompressedDataError('xz', Number(code) === XZ_BUF_ERROR, xzCodes[code] ?? messageOf(err));
};

const gzipError = (err: unknown): CompressedDataError =>
  new CompressedDataError(
    'gzip',
    (err as { code?: string }).code === 'Z_BUF_ERROR' || /unexpected end/i.test(messageOf(err)),
    messageOf(err),
  );

interface Decoder {
  input: Writable;
  /** The same stream as `input` for Node transforms; apart for web-stream decoders. */
  output: Readable;
  toDataError: (err: unknown) => Error;
}

const decoderFor = (compression: Compression): Decoder => {
  switch (compression) {
    case 'gzip': {
      const gunzip = createGunzip({ chunkSize: 256 * 1024 });
      return { input: gunzip, output: gunzip, toDataError: gzipError };
    }
    case 'bzip2': {
      const bunzip = new Bunzip2();
      return { input: bunzip, output: bunzip, toDataError: (err) => err as Error };
    }
    case 'xz':
      return { ...xzPair(), toDataError: xzError };
    case 'zstd': {
      const unzstd = new ZstdDecompress();
      return { input: unzstd, output: unzstd, toDataError: (err) => err as Error };
    }
  }
};

/**
 * The decompressed bytes of `source`, as a stream that keeps backpressure.
 * A failure of the source passes through as it is; one of the data arrives
 * as a CompressedDataError.
 */
export const decompressed = (source: Readable, compression: Compression): Readable => {
  const out = new PassThrough({ highWaterMark: 256 * 1024 });
  const { input, output, toDataError } = decoderFor(compression);
  const fail = (err: unknown) => out.destroy(err instanceof CompressedDataError ? err : toDataError(err));
  // A source that fails or is destroyed early (a cancelled load) ends the output too.
  finished(source, { writable: false }, (err) => {
    if (err) out.destroy(err);
  });
  for (const stream of new Set<NodeJS.EventEmitter>([input, output])) stream.on('error', fail);
  // The reader gave up (the load failed or was cancelled): stop decoding.
  out.on('close', () => {
    if (!out.readableEnded) {
      source.unpipe(input);
      input.destroy();
      output.destroy();
    }
  });
  source.pipe(input);
  output.pipe(out);
  return out;
};

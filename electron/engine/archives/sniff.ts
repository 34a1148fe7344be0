import { finished, PassThrough, type Readable } from 'node:stream';

/** What the first bytes of a file say it is. */
export type SniffResult =
  | 'tar'
  | 'gzip'
  | 'bzip2'
  | 'xz'
  | 'zstd'
  | 'zip'
  | 'empty'
  /** Anything else: random bytes, a text file, an image… */
  | 'unknown';

/** Bytes needed to tell a tar from the rest: one tar header block. */
export const SNIFF_BYTES = 512;

const startsWith = (head: Buffer, bytes: number[]): boolean =>
  head.length >= bytes.length && bytes.every((b, i) => head[i] === b);

/**
 * A tar header: "ustar" magic at offset 257 (POSIX and GNU), or, for old
 * v7 tars without magic, a header checksum that adds up.
 */
export const isTarHeader = (head: Buffer): boolean => {
  if (head.length < SNIFF_BYTES) return false;
  if (head.toString('latin1', 257, 262) === 'ustar') return true;
  const stored = parseInt(head.toString('latin1', 148, 156).replace(/\0.*$/s, '').trim(), 8);
  if (!Number.isFinite(stored)) return false;
  let sum = 0;
  for (let i = 0; i < SNIFF_BYTES; i++) sum += i >= 148 && i < 156 ? 0x20 : (head[i] ?? 0);
  return sum === stored && head[0] !== 0;
};

const isOctalField = (bytes: Buffer): boolean => bytes.every((b) => (b >= 0x30 && b <= 0x37) || b === 0x20 || b === 0);

/**
 * The start of a tar header in a file that ends before the header's 512
 * bytes (a tar cut inside its first header): a NUL-padded name, then the
 * octal mode, uid, gid, size, mtime and checksum fields as far as they go,
 * and the "ustar" magic if the file reaches it. Under 108 bytes (name and
 * mode) there is too little to tell a tar from any short file.
 */
export const isTarHeaderStart = (head: Buffer): boolean => {
  if (head.length >= SNIFF_BYTES || head.length < 108) return false;
  const nameEnd = head.indexOf(0);
  if (nameEnd <= 0 || nameEnd > 100) return false;
  if (!head.subarray(0, nameEnd).every((b) => b >= 0x20)) return false;
  if (!head.subarray(nameEnd, 100).every((b) => b === 0)) return false;
  if (!isOctalField(head.subarray(100, 156))) return false;
  const magic = head.subarray(257, 262);
  return magic.length === 0 || Buffer.from('ustar').subarray(0, magic.length).equals(magic);
};

/** Classifies a file from its first bytes (at least SNIFF_BYTES when the file has them). */
export const sniff = (head: Buffer): SniffResult => {
  if (head.length === 0) return 'empty';
  if (startsWith(head, [0x1f, 0x8b])) return 'gzip';
  if (startsWith(head, [0x50, 0x4b, 0x03, 0x04]) || startsWith(head, [0x50, 0x4b, 0x05, 0x06])) return 'zip';
  if (startsWith(head, [0x42, 0x5a, 0x68])) return 'bzip2';
  if (startsWith(head, [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00])) return 'xz';
  if (startsWith(head, [0x28, 0xb5, 0x2f, 0xfd])) return 'zstd';
  return isTarHeader(head) || isTarHeaderStart(head) ? 'tar' : 'unknown';
};

/**
 * Reads the first `n` bytes of a stream without losing them: resolves with
 * those bytes and a stream that yields the whole content again, head first.
 * Backpressure is kept (the rest is piped, not buffered).
 *
 * A source that fails, or is destroyed before its end (a cancelled load),
 * rejects the peek or destroys the returned stream with that error, so
 * nothing downstream waits for bytes that will never come. That error may
 * come before the caller has attached a listener (it is emitted on the tick
 * queue, the caller resumes on the microtask queue after it): the stream
 * keeps a listener of its own so that is not a crash, and callers watch it
 * with `finished()`, which also reports a stream already destroyed.
 */
export const peek = (source: Readable, n: number): Promise<{ head: Buffer; stream: Readable }> =>
  new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let length = 0;
    const cleanup = () => {
      source.off('readable', onReadable);
      source.off('end', onEnd);
      unwatch();
    };
    const finish = (ended: boolean) => {
      cleanup();
      const buffered = Buffer.concat(chunks);
      const stream = new PassThrough({ highWaterMark: 1024 * 1024 });
      stream.on('error', () => undefined);
      stream.write(buffered);
      if (ended) stream.end();
      else {
        finished(source, { writable: false }, (err) => {
          if (err) stream.destroy(err);
        });
        source.pipe(stream);
      }
      resolve({ head: buffered.subarray(0, n), stream });
    };
    const onReadable = () => {
      let chunk: Buffer | null;
      while (length < n && (chunk = source.read() as Buffer | null) !== null) {
        chunks.push(chunk);
        length += chunk.length;
      }
      if (length >= n) finish(false);
    };
    const onEnd = () => finish(true);
    // Failed, or destroyed before its end (also if it already was).
    const unwatch = finished(source, { writable: false }, (err) => {
      if (!err) return;
      cleanup();
      reject(err);
    });
    source.on('readable', onReadable);
    source.on('end', onEnd);
  });

import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { ByteCounter } from '../progress';
import { ZstdDecompress } from './decompress';

export interface SpooledLayer {
  path: string;
  /** Bytes of the decompressed layer: the size its tar entry needs up front. */
  size: number;
  dispose(): Promise<void>;
}

/**
 * Decompresses a zstd-compressed layer into a temporary file of its own.
 *
 * Engine 20.10 cannot read zstd layers, but a docker-archive may hold its
 * layers uncompressed (the config's diff_ids name the uncompressed digests,
 * which is what the engine checks). A tar entry states its size before its
 * data, and a zstd frame need not say how large it decompresses, so the
 * layer goes through disk rather than memory: one layer at a time, removed
 * as soon as it has been copied into the archive the engine reads.
 */
export const spoolZstdLayer = async (bytes: AsyncIterable<Buffer> | Iterable<Buffer>): Promise<SpooledLayer> => {
  const dir = await mkdtemp(join(tmpdir(), 'lading-layer-'));
  const dispose = () => rm(dir, { recursive: true, force: true });
  const path = join(dir, 'layer.tar');
  const counter = new ByteCounter(() => undefined);
  try {
    // 'wx': a name of our own in a directory of our own, never an existing file.
    await pipeline(Readable.from(bytes), new ZstdDecompress(), counter, createWriteStream(path, { flags: 'wx' }));
    return { path, size: counter.bytes, dispose };
  } catch (err) {
    await dispose();
    throw err;
  }
};

/**
 * The first `n` bytes of an entry (fewer if it is shorter), read as the
 * chunks they came in (`first`), and the rest of it (`rest`, the same
 * iterator: no extra stage per chunk on the way).
 */
export const peekBytes = async (
  source: AsyncIterable<unknown>,
  n: number,
): Promise<{ head: Buffer; first: Buffer[]; rest: AsyncIterable<unknown> }> => {
  const it = source[Symbol.asyncIterator]();
  const first: Buffer[] = [];
  let length = 0;
  while (length < n) {
    const next = await it.next();
    if (next.done) break;
    first.push(next.value as Buffer);
    length += (next.value as Buffer).length;
  }
  return { head: Buffer.concat(first).subarray(0, n), first, rest: { [Symbol.asyncIterator]: () => it } };
};

/** `first`, then `rest`: all of an entry's bytes again after peekBytes. */
export async function* allBytes(first: readonly Buffer[], rest: AsyncIterable<unknown>): AsyncGenerator<Buffer> {
  yield* first;
  for await (const chunk of rest) yield chunk as Buffer;
}

import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { CompressedDataError, decompressed, isZstd } from '../../electron/engine/archives/decompress';
import { allBytes, peekBytes } from '../../electron/engine/archives/zstdLayer';

const read = async (s: Readable): Promise<Buffer> => {
  const chunks: Buffer[] = [];
  for await (const c of s) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
};

const failureOf = (bytes: Buffer) =>
  read(decompressed(Readable.from([bytes]), 'gzip')).then(
    () => undefined,
    (e: unknown) => e,
  );

describe('decompressed', () => {
  const plain = Buffer.from('layer bytes '.repeat(5000));
  const gz = gzipSync(plain);

  it('streams the data back, whole', async () => {
    expect((await read(decompressed(Readable.from([gz]), 'gzip'))).equals(plain)).toBe(true);
  });

  it('tells data that ends early from damaged data', async () => {
    const cut = await failureOf(gz.subarray(0, gz.length - 10));
    expect(cut).toBeInstanceOf(CompressedDataError);
    expect(cut).toMatchObject({ compression: 'gzip', truncated: true });
    expect((cut as Error).message).toMatch(/unexpected EOF/);

    const damaged = Buffer.from(gz);
    damaged.writeUInt8(damaged.readUInt8(20) ^ 0xff, 20);
    expect(await failureOf(damaged)).toMatchObject({ compression: 'gzip', truncated: false });
  });

  it('passes a failure of the source through, and ends when the source is destroyed early', async () => {
    const failing = new Readable({ read() {} });
    const out = decompressed(failing, 'gzip');
    failing.destroy(new Error('disk went away'));
    await expect(read(out)).rejects.toThrow('disk went away');

    const cancelled = new Readable({ read() {} });
    const out2 = decompressed(cancelled, 'gzip');
    cancelled.destroy();
    await expect(read(out2)).rejects.toThrow(/premature close/i);
  });
});

describe('isZstd', () => {
  it('knows zstd frames and skippable frames, and nothing else', () => {
    expect(isZstd(Buffer.from([0x28, 0xb5, 0x2f, 0xfd, 0]))).toBe(true);
    expect(isZstd(Buffer.from([0x5e, 0x2a, 0x4d, 0x18]))).toBe(true);
    expect(isZstd(Buffer.from('{"a"'))).toBe(false);
    expect(isZstd(gzipSync(Buffer.from('x')))).toBe(false);
    expect(isZstd(Buffer.from([0x28, 0xb5]))).toBe(false);
  });
});

describe('peekBytes', () => {
  it('gives the first bytes across small chunks, then everything again', async () => {
    const parts = ['ab', 'c', 'defg', 'hi'].map((s) => Buffer.from(s));
    const { head, first, rest } = await peekBytes(Readable.from(parts), 4);
    expect(head.toString()).toBe('abcd');
    const all: Buffer[] = [];
    for await (const c of allBytes(first, rest)) all.push(c);
    expect(Buffer.concat(all).toString()).toBe('abcdefghi');
  });

  it('copes with an entry shorter than asked', async () => {
    const { head, first, rest } = await peekBytes(Readable.from([Buffer.from('xy')]), 4);
    expect(head.toString()).toBe('xy');
    const all: Buffer[] = [];
    for await (const c of allBytes(first, rest)) all.push(c);
    expect(Buffer.concat(all).toString()).toBe('xy');
  });
});

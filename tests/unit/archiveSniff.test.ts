import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import tar from 'tar-stream';
import { describe, expect, it } from 'vitest';
import { isTarHeader, peek, sniff } from '../../electron/engine/archives/sniff';

const tarBytes = async (): Promise<Buffer> => {
  const pack = tar.pack();
  pack.entry({ name: 'manifest.json' }, '[]');
  pack.finalize();
  const chunks: Buffer[] = [];
  for await (const c of pack) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
};

describe('sniff', () => {
  it('tells a tar, a gzip, a zip, compressed formats, an empty file and random bytes apart', async () => {
    const t = await tarBytes();
    expect(sniff(t)).toBe('tar');
    expect(sniff(gzipSync(t))).toBe('gzip');
    expect(sniff(Buffer.from('PK\x03\x04rest'))).toBe('zip');
    expect(sniff(Buffer.from('BZh91AY'))).toBe('bzip2');
    expect(sniff(Buffer.from([0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00, 1]))).toBe('xz');
    expect(sniff(Buffer.from([0x28, 0xb5, 0x2f, 0xfd, 1]))).toBe('zstd');
    expect(sniff(Buffer.alloc(0))).toBe('empty');
    expect(sniff(Buffer.alloc(1024, 0x41))).toBe('unknown');
  });

  it('accepts an old tar header without "ustar" magic when its checksum adds up', async () => {
    const header = Buffer.from((await tarBytes()).subarray(0, 512));
    header.fill(0, 257, 265); // erase magic and version
    let sum = 0;
    for (let i = 0; i < 512; i++) sum += i >= 148 && i < 156 ? 0x20 : (header[i] ?? 0);
    header.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 'latin1');
    expect(isTarHeader(header)).toBe(true);
    header[0] = (header[0] ?? 0) + 1; // any change breaks the checksum
    expect(isTarHeader(header)).toBe(false);
  });
});

describe('a tar cut inside its first header', () => {
  it('is still a tar (so the load says "truncated"), from its name and octal fields on', async () => {
    const t = await tarBytes();
    for (const cut of [108, 130, 200, 260, 511]) expect(sniff(t.subarray(0, cut))).toBe('tar');
    expect(sniff(t.subarray(0, 60))).toBe('unknown');
    const text = Buffer.alloc(300, 0x61);
    expect(sniff(text)).toBe('unknown');
    const wrongMode = Buffer.from(t.subarray(0, 300));
    wrongMode.write('9', 101, 'latin1');
    expect(sniff(wrongMode)).toBe('unknown');
  });
});

describe('peek', () => {
  it('returns the first bytes and a stream that still yields everything, head first', async () => {
    const parts = [Buffer.from('abc'), Buffer.from('defgh'), Buffer.from('ij')];
    const { head, stream } = await peek(Readable.from(parts), 4);
    expect(head.toString()).toBe('abcd');
    const all: Buffer[] = [];
    for await (const c of stream) all.push(c as Buffer);
    expect(Buffer.concat(all).toString()).toBe('abcdefghij');
  });

  it('copes with a stream shorter than the bytes asked for', async () => {
    const { head, stream } = await peek(Readable.from([Buffer.from('xy')]), 512);
    expect(head.toString()).toBe('xy');
    const all: Buffer[] = [];
    for await (const c of stream) all.push(c as Buffer);
    expect(Buffer.concat(all).toString()).toBe('xy');
  });
});

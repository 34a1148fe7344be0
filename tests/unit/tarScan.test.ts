import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import tar from 'tar-stream';
import { afterAll, describe, expect, it } from 'vitest';
import { scanPlainArchive } from '../../electron/engine/archives/tarScan';

const dir = mkdtempSync(join(tmpdir(), 'lading-tarscan-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

type Entry = { name: string; body?: Buffer | string; type?: 'file' | 'directory' };

const tarOf = async (entries: Entry[]): Promise<Buffer> => {
  const pack = tar.pack();
  for (const e of entries) {
    if (e.type === 'directory') pack.entry({ name: e.name, type: 'directory' });
    else pack.entry({ name: e.name }, e.body ?? '');
  }
  pack.finalize();
  const chunks: Buffer[] = [];
  for await (const c of pack) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
};

let n = 0;
const scan = async (bytes: Buffer) => {
  const path = join(dir, `t${++n}.tar`);
  writeFileSync(path, bytes);
  const file = await open(path, 'r');
  try {
    return await scanPlainArchive(file, bytes.length);
  } finally {
    await file.close();
  }
};

const LAYER = 'a'.repeat(64);
const manifest = (layers = [`${LAYER}/layer.tar`]) =>
  JSON.stringify([{ Config: 'c0ffee.json', RepoTags: ['x/y:1'], Layers: layers }]);
/** What `docker save` writes: layer folders, the config, then manifest.json. */
const dockerSave = (over: Partial<Record<'layer' | 'manifest', Buffer | string>> = {}): Entry[] => [
  { name: `${LAYER}/`, type: 'directory' },
  { name: `${LAYER}/VERSION`, body: '1.0' },
  { name: `${LAYER}/json`, body: '{}' },
  { name: `${LAYER}/layer.tar`, body: over.layer ?? Buffer.alloc(3000, 7) },
  { name: 'c0ffee.json', body: '{"architecture":"amd64"}' },
  { name: 'manifest.json', body: over.manifest ?? manifest() },
  { name: 'repositories', body: '{}' },
];

describe('the quick look at a tar on disk (headers only) before sending it as it is', () => {
  it('takes a complete docker-archive, with its manifest', async () => {
    const result = await scan(await tarOf(dockerSave()));
    expect(result?.manifest).toEqual([{ Config: 'c0ffee.json', RepoTags: ['x/y:1'], Layers: [`${LAYER}/layer.tar`] }]);
  });

  it('leaves to the full path an archive that lacks a layer its manifest names', async () => {
    expect(await scan(await tarOf(dockerSave({ manifest: manifest([`${'b'.repeat(64)}/layer.tar`]) })))).toBe(
      undefined,
    );
  });

  it('leaves a zstd layer to the full path (the engine cannot read it)', async () => {
    const zstd = Buffer.concat([Buffer.from([0x28, 0xb5, 0x2f, 0xfd]), Buffer.alloc(100, 1)]);
    expect(await scan(await tarOf(dockerSave({ layer: zstd })))).toBe(undefined);
  });

  it('leaves a cut file to the full path: inside an entry, or right after the last one', async () => {
    const whole = await tarOf(dockerSave());
    expect(await scan(whole.subarray(0, 2048))).toBe(undefined);
    expect(await scan(whole.subarray(0, whole.length - 1024))).toBe(undefined);
  });

  it('leaves an OCI layout (index.json, no manifest.json) and a plain file system tar to the full path', async () => {
    expect(
      await scan(
        await tarOf([
          { name: 'oci-layout', body: '{}' },
          { name: 'index.json', body: '{}' },
        ]),
      ),
    ).toBe(undefined);
    expect(await scan(await tarOf([{ name: 'etc/hostname', body: 'box\n' }]))).toBe(undefined);
  });

  it('leaves a manifest that is not a list of images to the full path', async () => {
    expect(await scan(await tarOf(dockerSave({ manifest: '{"Config":1}' })))).toBe(undefined);
    expect(await scan(await tarOf(dockerSave({ manifest: 'not json' })))).toBe(undefined);
  });

  it('reads a long name split over the ustar prefix, and leaves extension headers (PAX) to the full path', async () => {
    const split = `${'d'.repeat(120)}/layer.tar`;
    const splitEntries = [...dockerSave({ manifest: manifest([split]) }), { name: split, body: 'x' }];
    expect((await scan(await tarOf(splitEntries)))?.manifest[0]?.Layers).toEqual([split]);
    const long = 'e'.repeat(150); // no slash to split at: tar-stream writes a PAX header
    const entries = [...dockerSave({ manifest: manifest([long]) }), { name: long, body: 'x' }];
    expect(await scan(await tarOf(entries))).toBe(undefined);
  });

  it('leaves a header with a wrong checksum, or bytes that are no tar at all, to the full path', async () => {
    const broken = await tarOf(dockerSave());
    broken[0] = (broken[0] ?? 0) ^ 1; // the first header's name changes, its checksum does not
    expect(await scan(broken)).toBe(undefined);
    expect(await scan(Buffer.alloc(4096, 0x41))).toBe(undefined);
    expect(await scan(Buffer.alloc(0))).toBe(undefined);
  });
});

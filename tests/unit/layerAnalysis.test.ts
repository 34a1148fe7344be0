import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import tar from 'tar-stream';
import { describe, expect, it } from 'vitest';
import { analyzeArchive } from '../../electron/engine/layers/analyze';
import { looksBinary } from '../../electron/engine/layers/entryStream';

/** One tar entry of a crafted layer. */
type E = { name: string; size?: number; type?: 'file' | 'directory' | 'symlink' | 'link'; linkname?: string };

const tarOf = async (entries: { name: string; body?: Buffer; type?: string; linkname?: string }[]): Promise<Buffer> => {
  const pack = tar.pack();
  const chunks: Buffer[] = [];
  pack.on('data', (c: unknown) => chunks.push(c as Buffer));
  const done = new Promise<void>((r) => pack.on('end', () => r()));
  for (const e of entries) {
    await new Promise<void>((resolve, reject) =>
      pack.entry(
        {
          name: e.name,
          type: (e.type ?? 'file') as 'file',
          ...(e.linkname ? { linkname: e.linkname } : {}),
          mode: e.type === 'directory' ? 0o755 : 0o644,
        },
        e.body ?? Buffer.alloc(0),
        (err) => (err ? reject(err) : resolve()),
      ),
    );
  }
  pack.finalize();
  await done;
  return Buffer.concat(chunks);
};

const layerTar = (entries: E[]) =>
  tarOf(
    entries.map((e) => ({ ...e, body: e.type && e.type !== 'file' ? undefined : Buffer.alloc(e.size ?? 0, 0x61) })),
  );

const sha = (b: Buffer) => `sha256:${createHash('sha256').update(b).digest('hex')}`;

const config = (diffIds: string[], commands: string[]) =>
  Buffer.from(
    JSON.stringify({
      rootfs: { type: 'layers', diff_ids: diffIds },
      history: commands.flatMap((c) => [{ created_by: c }, { created_by: 'ENV x=1', empty_layer: true }]),
    }),
  );

/**
 * A docker-archive (engines ≤ 24): layers stored in reverse order, the
 * second-to-last one a symlink to the first (a repeated layer), manifest last.
 */
const dockerArchive = async (layers: Buffer[], commands: string[], opts: { linkRepeat?: number } = {}) => {
  const diffIds = layers.map(sha);
  const cfg = config(diffIds, commands);
  const cfgName = `${sha(cfg).slice(7)}.json`;
  const dirs = layers.map((_, i) => `${String(i).padStart(2, '0')}${'f'.repeat(62)}`);
  const entries: { name: string; body?: Buffer; type?: string; linkname?: string }[] = [];
  for (let i = layers.length - 1; i >= 0; i--) {
    entries.push({ name: `${dirs[i]}/`, type: 'directory' });
    entries.push({ name: `${dirs[i]}/VERSION`, body: Buffer.from('1.0') });
    if (opts.linkRepeat === i)
      entries.push({ name: `${dirs[i]}/layer.tar`, type: 'symlink', linkname: `../${dirs[0]}/layer.tar` });
    else entries.push({ name: `${dirs[i]}/layer.tar`, body: layers[i] });
  }
  entries.push({ name: cfgName, body: cfg });
  entries.push({
    name: 'manifest.json',
    body: Buffer.from(
      JSON.stringify([{ Config: cfgName, RepoTags: ['x:1'], Layers: dirs.map((d) => `${d}/layer.tar`) }]),
    ),
  });
  return tarOf(entries);
};

/** An OCI layout (engines ≥ 25, skopeo): gzip blobs, index.json → manifest → config. */
const ociArchive = async (layers: Buffer[], commands: string[]) => {
  const diffIds = layers.map(sha);
  const blobs = layers.map((l) => gzipSync(l));
  const cfg = config(diffIds, commands);
  const manifest = Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
      config: { mediaType: 'application/vnd.oci.image.config.v1+json', digest: sha(cfg), size: cfg.length },
      layers: blobs.map((b) => ({
        mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip',
        digest: sha(b),
        size: b.length,
      })),
    }),
  );
  const index = Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      manifests: [
        { mediaType: 'application/vnd.oci.image.manifest.v1+json', digest: sha(manifest), size: manifest.length },
      ],
    }),
  );
  const blob = (b: Buffer) => ({ name: `blobs/sha256/${sha(b).slice(7)}`, body: b });
  // Blobs in an order unrelated to the layer order.
  return tarOf([
    { name: 'oci-layout', body: Buffer.from('{"imageLayoutVersion":"1.0.0"}') },
    ...[...blobs].reverse().map(blob),
    blob(cfg),
    blob(manifest),
    { name: 'index.json', body: index },
  ]);
};

/** Five layers whose waste is known exactly. */
const wasteLayers = async () => [
  await layerTar([
    { name: 'bin/', type: 'directory' },
    { name: 'bin/tool', size: 5000 },
    { name: 'bin/sh', type: 'symlink', linkname: 'tool' },
  ]),
  await layerTar([
    { name: 'data/', type: 'directory' },
    { name: 'data/a', size: 1000 },
    { name: 'data/b', size: 2000 },
    { name: 'o/', type: 'directory' },
    { name: 'o/x', size: 300 },
    { name: 'o/sub/', type: 'directory' },
    { name: 'o/sub/deep', size: 50 },
    { name: 'h1', size: 4000 },
    { name: 'h2', type: 'link', linkname: 'h1' },
    { name: 'keep', size: 500 },
  ]),
  await layerTar([
    { name: 'data/', type: 'directory' },
    { name: 'data/a', size: 1500 },
    { name: 'tmpfile', size: 700 },
  ]),
  await layerTar([
    { name: 'data/', type: 'directory' },
    { name: 'data/.wh.b' },
    { name: '.wh.tmpfile' },
    { name: '.wh.h1' },
    { name: 'o/', type: 'directory' },
    { name: 'o/y', size: 3 },
    { name: 'o/.wh..wh..opq' },
    { name: `long/${'n'.repeat(120)}/${'m'.repeat(150)}`, size: 10 },
  ]),
  await layerTar([{ name: '.wh.h2' }]),
];
const commands = ['ADD rootfs', 'RUN make data', 'RUN rewrite', 'RUN clean', 'RUN rm /h2'];

const checkWaste = async (archive: Buffer) => {
  const a = await analyzeArchive(Readable.from([archive]), undefined);
  // total: every regular file's size in every layer, the hard link once
  expect(a.totalBytes).toBe(5000 + (1000 + 2000 + 300 + 50 + 4000 + 500) + (1500 + 700) + (3 + 10));
  const waste = a.report('x').wasted;
  expect(waste).toEqual([
    { path: '/h2', bytes: 4000, layer: 1 },
    { path: '/data/b', bytes: 2000, layer: 1 },
    { path: '/data/a', bytes: 1000, layer: 1 },
    { path: '/tmpfile', bytes: 700, layer: 2 },
    { path: '/o/x', bytes: 300, layer: 1 },
    { path: '/o/sub/deep', bytes: 50, layer: 1 },
  ]);
  expect(a.wastedBytes).toBe(8050);
  expect(a.efficiency).toBeCloseTo(1 - 8050 / a.totalBytes, 12);
  const layers = a.layerInfos();
  expect(layers.map((l) => l.command)).toEqual(commands);
  expect(layers.map((l) => [l.files, l.added, l.changed, l.removed])).toEqual([
    [2, 2, 0, 0],
    [7, 7, 0, 0],
    [2, 1, 1, 0],
    [2, 2, 0, 5],
    [0, 0, 0, 1],
  ]);
  return a;
};

describe('layer analysis on crafted archives', () => {
  it('docker-archive: waste counted right (survivors never, opaque folders hide, hard links once), order from the config', async () => {
    const a = await checkWaste(await dockerArchive(await wasteLayers(), commands));
    const explained = a.summary('x', false, 0).wasted.find((w) => w.path === '/tmpfile');
    expect(explained).toMatchObject({ layer: 2, removedIn: 3, how: 'deleted' });
    expect(a.summary('x', false, 0).wasted.find((w) => w.path === '/o/x')).toMatchObject({ how: 'hidden' });
  });

  it('OCI layout with gzip layers gives the same answer', async () => {
    await checkWaste(await ociArchive(await wasteLayers(), commands));
  });

  it('a survivor is never counted: the final /data/a and /keep are not waste', async () => {
    const a = await checkWaste(await dockerArchive(await wasteLayers(), commands));
    const waste = a.report('x').wasted;
    expect(waste.filter((w) => w.path === '/data/a')).toEqual([{ path: '/data/a', bytes: 1000, layer: 1 }]);
    expect(waste.some((w) => w.path === '/keep')).toBe(false);
    const final = a.children(4, false, 0);
    expect(final.find((r) => r.name === 'keep')).toMatchObject({ status: 'unchanged', wasted: false, size: 500 });
  });

  it('a hard link keeps its data: deleting one name is not waste', async () => {
    const layers = [
      await layerTar([
        { name: 'h1', size: 4000 },
        { name: 'h2', type: 'link', linkname: 'h1' },
      ]),
      await layerTar([{ name: '.wh.h1' }]),
    ];
    const a = await analyzeArchive(Readable.from([await dockerArchive(layers, ['a', 'b'])]), undefined);
    expect(a.totalBytes).toBe(4000);
    expect(a.wastedBytes).toBe(0);
  });

  it('a repeated layer stored as a symlink is read once and used twice', async () => {
    const l0 = await layerTar([{ name: 'f', size: 10 }]);
    const l1 = await layerTar([{ name: 'g', size: 20 }]);
    const a = await analyzeArchive(
      Readable.from([await dockerArchive([l0, l1, l0], ['a', 'b', 'c'], { linkRepeat: 2 })]),
      undefined,
    );
    expect(a.totalBytes).toBe(40);
    // the third layer writes f again: the first f is overwritten
    expect(a.report('x').wasted).toEqual([{ path: '/f', bytes: 10, layer: 0 }]);
  });

  it('tree views: only the changes of a layer, removed entries marked, sizes summed', async () => {
    const a = await checkWaste(await dockerArchive(await wasteLayers(), commands));
    const changes = a.children(3, true, 0);
    expect(changes.map((r) => [r.path, r.status])).toEqual([
      ['/data', 'changed'],
      ['/long', 'changed'], // no entry of its own: its contents changed
      ['/o', 'changed'],
      ['/h1', 'removed'],
      ['/tmpfile', 'removed'],
    ]);
    const o = changes.find((r) => r.path === '/o')!;
    expect(a.children(3, true, o.id).map((r) => [r.name, r.status])).toEqual([
      ['sub', 'removed'],
      ['x', 'removed'],
      ['y', 'added'],
    ]);
    // as of layer 2, the combined tree still has /o/x
    const o2 = a.children(2, false, 0).find((r) => r.path === '/o')!;
    expect(a.children(2, false, o2.id).map((r) => r.name)).toEqual(['sub', 'x']);
    expect(a.search(4, false, 'DATA', 0, 10).rows.map((r) => r.path)).toEqual(['/data/a']);
    expect(a.search(4, false, '', 1000, 10).rows.map((r) => [r.path, r.size])).toEqual([
      ['/bin/tool', 5000],
      ['/data/a', 1500],
    ]);
    expect(a.locate(1, '/h2')).toMatchObject({ entryPath: 'h1', kind: 'file', size: 4000 });
  });

  it('a damaged layer fails with a reason, not a crash', async () => {
    const good = await dockerArchive(await wasteLayers(), commands);
    await expect(analyzeArchive(Readable.from([good.subarray(0, 4000)]), undefined)).rejects.toThrow();
  });
});

describe('text or binary', () => {
  it('tells text from binary, allowing a character cut at the cap', () => {
    expect(looksBinary(Buffer.from('hello\n'), false)).toBe(false);
    expect(looksBinary(Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 1]), false)).toBe(true);
    const cut = Buffer.from('中文', 'utf8').subarray(0, 4);
    expect(looksBinary(cut, true)).toBe(false);
    expect(looksBinary(cut, false)).toBe(true);
  });
});

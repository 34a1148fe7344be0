import { execFile } from 'node:child_process';
import { createReadStream, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import tar from 'tar-stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dockerBuild, dockerCli, sandboxEnv } from '../support/sandbox';
import { startServeFromSource, type SourceServe } from '../support/serveSource';
import { loadUpload } from '../support/serveUpload';
import { TestWsClient } from '../support/wsClient';

const run = promisify(execFile);
const env = sandboxEnv();
// Each image has a layer of its own: the engine skips layers it already has,
// so only a new layer proves the layer in the archive was read.
const REFS = ['fixture/fmt-a:1', 'fixture/fmt-b:1'];
const OCI_REF = 'fixture/fmt-oci:1';

let dir: string;
let archive: string;
let serve: SourceServe;
let client: TestWsClient;
/** ref → image ID, as the engine had them before they were saved and removed. */
const ids = new Map<string, string>();

/** Sorted "ID repo:tag" lines, as `docker images` prints them. */
const listing = async () =>
  (await dockerCli(env, 'images', '--no-trunc', '--format', '{{.ID}} {{.Repository}}:{{.Tag}}'))
    .trim()
    .split('\n')
    .sort();

const removeAll = async () => {
  for (const ref of [...REFS, OCI_REF]) await dockerCli(env, 'rmi', ref).catch(() => '');
};

const load = (file: string) => loadUpload(serve, client, readFileSync(file), file);

/** Every entry of a (small) tar, in order. */
const entriesOf = async (file: string): Promise<{ header: tar.Header; body: Buffer }[]> => {
  const entries: { header: tar.Header; body: Buffer }[] = [];
  const extract = tar.extract();
  createReadStream(file).pipe(extract);
  for await (const entry of extract) {
    const chunks: Buffer[] = [];
    for await (const c of entry) chunks.push(c as Buffer);
    entries.push({ header: entry.header, body: Buffer.concat(chunks) });
  }
  return entries;
};

type PackHeader = Parameters<tar.Pack['entry']>[0];

const tarOf = async (entries: { header: PackHeader; body: Buffer }[]): Promise<Buffer> => {
  const pack = tar.pack();
  for (const { header, body } of entries) pack.entry({ ...header, size: body.length }, body);
  pack.finalize();
  const chunks: Buffer[] = [];
  for await (const c of pack) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
};

/** The small JSON documents of an OCI archive, by path. */
const ociDocuments = async (file: string): Promise<Map<string, unknown>> => {
  const docs = new Map<string, unknown>();
  const extract = tar.extract();
  createReadStream(file).pipe(extract);
  for await (const entry of extract) {
    const chunks: Buffer[] = [];
    for await (const c of entry) chunks.push(c as Buffer);
    const body = Buffer.concat(chunks);
    if (body[0] === 0x7b) docs.set(entry.header.name.replace(/^\.\//, ''), JSON.parse(body.toString('utf8')));
  }
  return docs;
};

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'lading-formats-'));
  for (const ref of REFS) {
    await dockerBuild(env, ref, `FROM fixture/busybox:1\nRUN echo "${ref} ${Date.now()} ${Math.random()}" > /made\n`);
    ids.set(ref, (await dockerCli(env, 'image', 'inspect', '--format', '{{.Id}}', ref)).trim());
  }
  archive = join(dir, 'two.tar');
  await dockerCli(env, 'save', '-o', archive, ...REFS);
  // The tools a user has: each leaves the .tar and writes the compressed file beside it.
  await run('bzip2', ['-k', archive]);
  await run('xz', ['-k', archive]);
  await run('zstd', ['-q', archive]);
  serve = await startServeFromSource(env.dockerHost);
  client = await TestWsClient.open(serve.wsUrl, serve.origin);
});

afterAll(async () => {
  client?.close();
  await serve?.stop();
  await removeAll();
  rmSync(dir, { recursive: true, force: true });
});

describe('archives docker load reads, and zstd', () => {
  it.each([
    ['bzip2', 'two.tar.bz2'],
    ['xz', 'two.tar.xz'],
    ['zstd (which Engine 20.10 itself cannot read)', 'two.tar.zst'],
  ])('loads a %s-compressed docker-archive: both images, with their IDs', async (_kind, name) => {
    await removeAll();
    const update = await load(join(dir, name));
    // `docker save a b` orders its manifest as it likes, and the engine reports loads in that order.
    expect(update).toMatchObject({ state: 'succeeded', result: { images: expect.arrayContaining(REFS) } });
    expect(update).toMatchObject({ result: { images: { length: REFS.length } } });
    const images = await listing();
    for (const ref of REFS) expect(images).toContain(`${ids.get(ref)} ${ref}`);
  });

  it('the engine alone refuses the zstd archive (why Lading decompresses it)', async () => {
    const err = await dockerCli(env, 'load', '-i', join(dir, 'two.tar.zst')).then(
      () => undefined,
      (e: unknown) => String(e),
    );
    expect(err).toMatch(/invalid tar header|unexpected EOF/);
  });

  it('loads an OCI archive whose layers are zstd-compressed (skopeo), decompressing them on the way', async () => {
    await removeAll();
    await dockerBuild(env, OCI_REF, `FROM fixture/busybox:1\nRUN echo "oci ${Date.now()} ${Math.random()}" > /made\n`);
    type Inspect = { RootFS: { Layers: string[] } }[];
    const original = (JSON.parse(await dockerCli(env, 'image', 'inspect', OCI_REF)) as Inspect)[0]?.RootFS.Layers;
    const oci = join(dir, 'zstd-oci.tar');
    await run('skopeo', [
      'copy',
      '--quiet',
      '--src-daemon-host',
      env.dockerHost,
      '--dest-compress-format',
      'zstd',
      `docker-daemon:${OCI_REF}`,
      `oci-archive:${oci}:${OCI_REF}`,
    ]);
    // What skopeo wrote: zstd layers, and the config the loaded image's ID must be the digest of.
    const docs = await ociDocuments(oci);
    const index = docs.get('index.json') as { manifests: { digest: string }[] };
    const manifestDigest = index.manifests[0]?.digest.replace(':', '/') ?? '';
    const manifest = docs.get(`blobs/${manifestDigest}`) as {
      config: { digest: string };
      layers: { mediaType: string }[];
    };
    expect(manifest.layers.map((l) => l.mediaType)).toEqual(
      original?.map(() => 'application/vnd.oci.image.layer.v1.tar+zstd'),
    );
    await dockerCli(env, 'rmi', OCI_REF);

    const update = await load(oci);
    expect(update).toMatchObject({ state: 'succeeded', result: { images: [OCI_REF] } });
    expect(await listing()).toContain(`${manifest.config.digest} ${OCI_REF}`);
    const loaded = (JSON.parse(await dockerCli(env, 'image', 'inspect', OCI_REF)) as Inspect)[0]?.RootFS.Layers;
    expect(loaded).toEqual(original);
  });

  it('cancelling a load whose upload stalls ends it as cancelled, leaving no temporary layer behind', async () => {
    const layerDirs = () => readdirSync(tmpdir()).filter((n) => n.startsWith('lading-layer-'));
    const before = layerDirs();
    // Cut inside the plain archive's big layer, and inside the zstd OCI archive's big layer (being decompressed).
    for (const [file, part] of [
      [archive, 0.5],
      [join(dir, 'zstd-oci.tar'), 0.6],
    ] as const) {
      const bytes = readFileSync(file);
      const sent = Math.floor(bytes.length * part);
      const created = await client.call('uploads.create', { name: 'stalled.tar', size: bytes.length });
      if (!created.ok) throw new Error(created.error.message);
      const { uploadId, path } = created.value as { uploadId: string; path: string };
      const operationId = `stalled-${sent}`;
      expect((await client.call('images.load', { source: { kind: 'upload', uploadId } }, operationId)).ok).toBe(true);
      const post = new AbortController();
      const body = new ReadableStream<Uint8Array>({
        start: (c) => c.enqueue(bytes.subarray(0, sent)), // then nothing: the browser stalls
      });
      void fetch(`${serve.origin}${path}?token=${serve.token}`, {
        method: 'POST',
        body,
        signal: post.signal,
        duplex: 'half',
      } as RequestInit).catch(() => undefined);
      await client.waitFor(
        (m) =>
          m.type === 'operation' &&
          m.update.operationId === operationId &&
          m.update.state === 'running' &&
          (m.update.progress as { bytes?: number } | undefined)?.bytes === sent,
      );
      expect((await client.call('operations.cancel', { operationId })).ok).toBe(true);
      const final = await client.waitFor(
        (m) => m.type === 'operation' && m.update.operationId === operationId && m.update.state !== 'running',
      );
      post.abort();
      expect(final).toMatchObject({ update: { state: 'cancelled' } });
    }
    expect(layerDirs()).toEqual(before);
  });

  it('an archive the engine refuses halfway names the image it loaded before (not "unchanged")', async () => {
    await removeAll();
    // The second image's own layer swapped for another valid tar: its digest no
    // longer matches the config's diff_id, which only the engine checks.
    const entries = await entriesOf(archive);
    const manifest = JSON.parse(
      entries.find((e) => e.header.name === 'manifest.json')?.body.toString('utf8') ?? '[]',
    ) as { RepoTags: string[]; Layers: string[] }[];
    const order = manifest.map((m) => m.RepoTags[0]);
    const second = manifest[1]?.Layers.at(-1);
    const other = await tarOf([{ header: { name: 'other', mode: 0o644, mtime: new Date(0) }, body: Buffer.from('x') }]);
    const swapped = await tarOf(entries.map((e) => (e.header.name === second ? { ...e, body: other } : e)));

    const update = await loadUpload(serve, client, swapped, 'swapped.tar');
    expect(update).toMatchObject({
      state: 'failed',
      error: { code: 'INVALID_ARCHIVE', details: { problem: 'engine-refused', loaded: [order[0]] } },
    });
    const images = await listing();
    expect(images).toContain(`${ids.get(order[0] ?? '')} ${order[0]}`);
    expect(images.join('\n')).not.toContain(order[1]);
  });

  it('refuses a damaged xz archive as damaged, and changes nothing', async () => {
    await removeAll();
    const before = await listing();
    const bytes = readFileSync(join(dir, 'two.tar.xz'));
    const middle = Math.floor(bytes.length / 2);
    bytes.writeUInt8(bytes.readUInt8(middle) ^ 0xff, middle);
    const update = await loadUpload(serve, client, bytes, 'damaged.tar.xz');
    expect(update).toMatchObject({
      state: 'failed',
      error: { code: 'INVALID_ARCHIVE', details: { problem: 'damaged', compression: 'xz' } },
    });
    expect(await listing()).toEqual(before);
  });
});

import { execFile } from 'node:child_process';
import { createReadStream, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { gzipSync } from 'node:zlib';
import tar from 'tar-stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDockerClient } from '../../electron/engine/host';
import { loadImages } from '../../electron/engine/archives/load';
import { loadFile } from '../../electron/engine/archives/loadFile';
import { ApiError } from '../../shared/contract/errors';
import { dockerCli, imageListing, sandboxEnv } from '../support/sandbox';

const run = promisify(execFile);
const env = sandboxEnv();
const docker = createDockerClient(env.dockerHost);
const OCI_REF = 'fixture/oci-load:1';
const GZ_REF = 'fixture/gz-load:1';

let dir: string;
let ociArchive: string;

const load = (path: string) =>
  loadImages(docker, {
    source: createReadStream(path),
    size: statSync(path).size,
    signal: new AbortController().signal,
    onProgress: () => {},
  });
/** A path the user picked: what the desktop app and serve-mode paths do (loadFile.ts). */
const loadPath = (path: string) =>
  loadFile(docker, { path, signal: new AbortController().signal, onProgress: () => {} });

const listing = () => imageListing(env);

const failureOf = async (path: string, loader = load): Promise<ApiError> => {
  const err = await loader(path).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ApiError);
  return err as ApiError;
};

/** Rewrites a tar without the entries `drop` matches. */
const withoutEntries = async (from: string, to: string, drop: (name: string) => boolean) => {
  const extract = tar.extract();
  const pack = tar.pack();
  const chunks: Buffer[] = [];
  pack.on('data', (c: unknown) => chunks.push(c as Buffer));
  const ended = new Promise<void>((r) => pack.on('end', () => r()));
  createReadStream(from).pipe(extract);
  for await (const entry of extract) {
    const body: Buffer[] = [];
    for await (const c of entry) body.push(c as Buffer);
    if (!drop(entry.header.name)) pack.entry(entry.header, Buffer.concat(body));
  }
  pack.finalize();
  await ended;
  writeFileSync(to, Buffer.concat(chunks));
};

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'lading-oci-'));
  ociArchive = join(dir, 'app-oci.tar');
  // skopeo makes the OCI archive from the loopback registry, as a user would.
  await run('skopeo', [
    'copy',
    '--src-tls-verify=false',
    `docker://${env.registry}/team/app:1.0`,
    `oci-archive:${ociArchive}:${OCI_REF}`,
  ]);
});

afterAll(async () => {
  await dockerCli(env, 'rmi', OCI_REF).catch(() => '');
  await dockerCli(env, 'rmi', GZ_REF).catch(() => '');
  rmSync(dir, { recursive: true, force: true });
});

describe('OCI layout archives on Engine 20.10', () => {
  it('the engine alone refuses a skopeo OCI archive (why Lading converts)', async () => {
    const err = await dockerCli(env, 'load', '-i', ociArchive).then(
      () => undefined,
      (e: unknown) => e as Error,
    );
    expect(String(err)).toMatch(/blobs\/json|no such file/);
  });

  it('loads a skopeo-made OCI archive, keeping the name from its annotation', async () => {
    await dockerCli(env, 'rmi', OCI_REF).catch(() => '');
    const result = await load(ociArchive);
    expect(result.images).toEqual([OCI_REF]);
    type Inspect = { RootFS: { Layers: string[] }; Config: { Cmd: string[] | null } }[];
    const loaded = JSON.parse(await dockerCli(env, 'image', 'inspect', OCI_REF)) as Inspect;
    const original = JSON.parse(await dockerCli(env, 'image', 'inspect', 'fixture/app:1.0')) as Inspect;
    // Same layers and config as the image that was pushed (skopeo rewrites the config's JSON, so not the same ID).
    expect(loaded[0]?.RootFS.Layers).toEqual(original[0]?.RootFS.Layers);
    expect(loaded[0]?.Config.Cmd).toEqual(original[0]?.Config.Cmd);
  });

  it('refuses an OCI archive with a missing layer blob, naming it, and loads nothing', async () => {
    await dockerCli(env, 'rmi', OCI_REF).catch(() => '');
    const manifestDigests: string[] = [];
    // Find a layer digest: the largest blob is a layer.
    const extract = tar.extract();
    createReadStream(ociArchive).pipe(extract);
    let largest = { name: '', size: 0 };
    for await (const entry of extract) {
      if ((entry.header.size ?? 0) > largest.size) largest = { name: entry.header.name, size: entry.header.size ?? 0 };
      manifestDigests.push(entry.header.name);
      entry.resume();
    }
    const broken = join(dir, 'missing-blob.tar');
    await withoutEntries(ociArchive, broken, (n) => n === largest.name);
    const before = await listing();
    const err = await failureOf(broken);
    expect(err.code).toBe('INVALID_ARCHIVE');
    expect(err.details?.problem).toBe('missing-blob');
    expect(err.message).toContain(largest.name.split('/').pop());
    expect(await listing()).toEqual(before);
  });
});

describe('Docker ≥ 25 archives (OCI layout plus manifest.json)', () => {
  it('load as they are, named by their manifest.json', async () => {
    // Make one from the skopeo archive: Docker 25 writes the same layout and adds a manifest.json.
    const docs = new Map<string, Buffer>();
    const extract = tar.extract();
    createReadStream(ociArchive).pipe(extract);
    for await (const entry of extract) {
      const chunks: Buffer[] = [];
      for await (const c of entry) chunks.push(c as Buffer);
      if ((entry.header.size ?? 0) < 65536) docs.set(entry.header.name, Buffer.concat(chunks));
    }
    const json = (name: string) => JSON.parse(docs.get(name)?.toString() ?? 'null') as unknown;
    const index = json('index.json') as { manifests: { digest: string }[] };
    const path = (digest: string) => `blobs/${digest.replace(':', '/')}`;
    const manifest = json(path(index.manifests[0]?.digest ?? '')) as {
      config: { digest: string };
      layers: { digest: string }[];
    };
    const docker25 = join(dir, 'docker25.tar');
    const REF25 = 'fixture/docker25:1';
    const pack = tar.pack();
    const chunks: Buffer[] = [];
    pack.on('data', (c: unknown) => chunks.push(c as Buffer));
    const ended = new Promise<void>((r) => pack.on('end', () => r()));
    const source = tar.extract();
    createReadStream(ociArchive).pipe(source);
    for await (const entry of source) {
      const body: Buffer[] = [];
      for await (const c of entry) body.push(c as Buffer);
      pack.entry(entry.header, Buffer.concat(body));
    }
    const m = [
      { Config: path(manifest.config.digest), RepoTags: [REF25], Layers: manifest.layers.map((l) => path(l.digest)) },
    ];
    pack.entry({ name: 'manifest.json' }, JSON.stringify(m));
    pack.finalize();
    await ended;
    writeFileSync(docker25, Buffer.concat(chunks));

    expect((await load(docker25)).images).toEqual([REF25]);
    await dockerCli(env, 'rmi', REF25);
  });
});

describe('OCI layout archives on Podman’s Docker API', () => {
  it('loads the same skopeo archive, converted, with its name', async () => {
    if (!env.podmanHost) throw new Error('the sandbox was started without --podman');
    const podman = createDockerClient(env.podmanHost);
    const result = await loadImages(podman, {
      source: createReadStream(ociArchive),
      signal: new AbortController().signal,
      onProgress: () => {},
    });
    // Podman names images it loads with its own prefix for names without a registry.
    expect(result.images.join(' ')).toMatch(/fixture\/oci-load:1/);
    await podman.getImage(OCI_REF).remove();
  });
});

describe.each([
  ['streamed', load],
  ['from a path', loadPath],
])('what the load checks before the engine sees anything (%s)', (_how, loader) => {
  it('loads a gzip-compressed docker-archive', async () => {
    const plain = join(dir, 'gz.tar');
    await dockerCli(env, 'tag', 'fixture/busybox:1', GZ_REF);
    await dockerCli(env, 'save', '-o', plain, GZ_REF);
    await dockerCli(env, 'rmi', GZ_REF);
    const gz = join(dir, 'gz.tar.gz');
    writeFileSync(gz, gzipSync(readFileSync(plain)));
    expect((await loader(gz)).images).toEqual([GZ_REF]);
  });

  it.each([
    ['a zip file', Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.alloc(600, 1)]), 'zip', /zip file/],
    ['random bytes', Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 251)), 'not-tar', /not a tar/],
    ['a gzip of text', gzipSync(Buffer.from('hello world\n'.repeat(100))), 'compressed-not-tar', /gzip-compressed/],
    ['an empty file', Buffer.alloc(0), 'empty', /empty/],
  ])('refuses %s, naming it, and changes nothing', async (_what, bytes, problem, text) => {
    const file = join(dir, `bad-${problem}`);
    writeFileSync(file, bytes);
    const before = await listing();
    const err = await failureOf(file, loader);
    expect(err.code).toBe('INVALID_ARCHIVE');
    expect(err.details?.problem).toBe(problem);
    expect(err.message).toMatch(text);
    expect(await listing()).toEqual(before);
  });

  it('refuses a truncated gzip archive and a docker-archive missing a layer, naming each, and changes nothing', async () => {
    const plain = join(dir, 'gz.tar');
    const before = await listing();

    const cut = join(dir, 'cut.tar.gz');
    const gz = gzipSync(readFileSync(plain));
    writeFileSync(cut, gz.subarray(0, Math.floor(gz.length / 2)));
    const truncated = await failureOf(cut, loader);
    expect(truncated.details?.problem).toBe('truncated');
    expect(truncated.message).toMatch(/unexpected EOF/);

    const holed = join(dir, 'no-layer.tar');
    await withoutEntries(plain, holed, (n) => n.endsWith('/layer.tar'));
    const missing = await failureOf(holed, loader);
    expect(missing.details?.problem).toBe('missing-blob');
    expect(missing.message).toMatch(/manifest\.json refers to [0-9a-f]{64}\/layer\.tar/);

    expect(await listing()).toEqual(before);
  });

  it('refuses a tar that is not an image archive (a root file system), pointing to Import', async () => {
    const pack = tar.pack();
    pack.entry({ name: 'etc/hostname' }, 'box\n');
    pack.finalize();
    const chunks: Buffer[] = [];
    for await (const c of pack) chunks.push(c as Buffer);
    const file = join(dir, 'rootfs.tar');
    writeFileSync(file, Buffer.concat(chunks));
    const err = await failureOf(file, loader);
    expect(err.details?.problem).toBe('not-image-archive');
    expect(err.message).toMatch(/Import/);
  });
});

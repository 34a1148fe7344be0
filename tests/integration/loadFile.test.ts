import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { createServer, connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import tar from 'tar-stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendFile, UploadCut } from '../../electron/engine/archives/fileUpload';
import { loadFile } from '../../electron/engine/archives/loadFile';
import { scanPlainArchive } from '../../electron/engine/archives/tarScan';
import { createDockerClient } from '../../electron/engine/host';
import type { ByteProgress } from '../../shared/contract/models';
import { ApiError } from '../../shared/contract/errors';
import { dockerCli, imageListing, sandboxEnv } from '../support/sandbox';

const env = sandboxEnv();
const docker = createDockerClient(env.dockerHost);
const REF = 'fixture/load-file:1';
const BIG_REF = 'fixture/load-file-big:1';

let dir: string;
let archive: string;

const listing = () => imageListing(env);

const loadPath = (path: string, signal = new AbortController().signal, onProgress = (_: ByteProgress) => {}) =>
  loadFile(docker, { path, signal, onProgress });

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'lading-load-file-'));
  archive = join(dir, 'app.tar');
  await dockerCli(env, 'tag', 'fixture/app:2.0', REF);
  await dockerCli(env, 'save', '-o', archive, REF);
  await dockerCli(env, 'rmi', REF);
});

afterAll(async () => {
  await dockerCli(env, 'rmi', REF).catch(() => '');
  await dockerCli(env, 'rmi', BIG_REF).catch(() => '');
  rmSync(dir, { recursive: true, force: true });
});

describe('loading a file on disk (docker load -i)', () => {
  it('what `docker save -o` wrote passes the header check and is sent as it is, with byte progress', async () => {
    const file = await open(archive, 'r');
    try {
      const plain = await scanPlainArchive(file, statSync(archive).size);
      expect(plain?.manifest.map((m) => m.RepoTags)).toEqual([[REF]]);
    } finally {
      await file.close();
    }
    const progress: ByteProgress[] = [];
    const result = await loadPath(archive, undefined, (p) => progress.push(p));
    expect(result).toEqual({ images: [REF], bytes: statSync(archive).size });
    expect(progress.at(-1)).toMatchObject({ bytes: statSync(archive).size, total: statSync(archive).size });
    expect(await listing()).toContainEqual(expect.stringMatching(new RegExp(`^sha256:[0-9a-f]{64} ${REF}$`)));
  });

  it('an archive that passes the header check but that the engine refuses fails with its reason, and changes nothing', async () => {
    // The same archive with its image config's bytes replaced: every header intact, the config no JSON.
    const damaged = join(dir, 'damaged.tar');
    const extract = tar.extract();
    const pack = tar.pack();
    const out: Buffer[] = [];
    pack.on('data', (c: unknown) => out.push(c as Buffer));
    const ended = new Promise<void>((r) => pack.on('end', () => r()));
    extract.end(readFileSync(archive));
    for await (const entry of extract) {
      const body: Buffer[] = [];
      for await (const c of entry) body.push(c as Buffer);
      const bytes = Buffer.concat(body);
      const isConfig = /^[0-9a-f]{64}\.json$/.test(entry.header.name);
      pack.entry(entry.header, isConfig ? Buffer.alloc(bytes.length, 0x41) : bytes);
    }
    pack.finalize();
    await ended;
    writeFileSync(damaged, Buffer.concat(out));

    await dockerCli(env, 'rmi', REF).catch(() => '');
    const before = await listing();
    const err = await loadPath(damaged).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).code).toBe('INVALID_ARCHIVE');
    expect((err as ApiError).details?.problem).toBe('engine-refused');
    expect((err as ApiError).message).toMatch(/invalid character/);
    expect(await listing()).toEqual(before);
  });

  it('a cancel while the bytes go to the engine ends the load as cancelled, and the engine keeps nothing', async () => {
    const big = join(dir, 'big.tar');
    await dockerCli(env, 'tag', 'fixture/big:1', BIG_REF);
    await dockerCli(env, 'save', '-o', big, BIG_REF);
    await dockerCli(env, 'rmi', BIG_REF);
    const before = await listing();
    const ac = new AbortController();
    const seen: number[] = [];
    const err = await loadPath(big, ac.signal, (p) => {
      seen.push(p.bytes);
      if (p.bytes > 0) ac.abort();
    }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect((err as ApiError).code).toBe('CANCELLED');
    expect(seen[0]).toBeLessThan(statSync(big).size);
    expect(await listing()).toEqual(before);
  });
});

describe('loading a file on disk when the engine is gone', () => {
  it('says the engine is not reachable, and the backend goes on', async () => {
    const gone = createDockerClient(`unix://${join(dir, 'no-engine-here.sock')}`);
    const err = await loadFile(gone, {
      path: archive,
      signal: new AbortController().signal,
      onProgress: () => {},
    }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect((err as ApiError).code).toBe('ENGINE_UNREACHABLE');
    expect((await loadPath(archive)).images).toEqual([REF]);
  });
});

describe('loading a file on disk into Podman’s Docker API', () => {
  it('takes the same docker-archive, sent as it is', async () => {
    if (!env.podmanHost) throw new Error('the sandbox was started without --podman');
    const podman = createDockerClient(env.podmanHost);
    const result = await loadFile(podman, {
      path: archive,
      signal: new AbortController().signal,
      onProgress: () => {},
    });
    // Podman names images it loads with its own prefix for names without a registry.
    expect(result.images.join(' ')).toMatch(/fixture\/load-file:1/);
    await podman.getImage(REF).remove();
  });
});

describe('sending a file as a request body (fileUpload.ts)', () => {
  const receiver = async () => {
    const path = join(dir, `recv-${Date.now()}.sock`);
    const received: Buffer[] = [];
    const server = createServer((s) => s.on('data', (c: Buffer) => received.push(Buffer.from(c))));
    await new Promise<void>((r) => server.listen(path, r));
    const socket: Socket = connect(path);
    await new Promise((r) => socket.once('connect', r));
    return { socket, received, close: () => (socket.destroy(), server.close()) };
  };

  it('sends the file exactly, over many reused buffers', async () => {
    const path = join(dir, 'pattern.bin');
    const bytes = Buffer.from(Array.from({ length: 5 * 1024 * 1024 + 123 }, (_, i) => (i * 31 + (i >> 12)) & 0xff));
    writeFileSync(path, bytes);
    const r = await receiver();
    const file = await open(path, 'r');
    try {
      const counts: number[] = [];
      await sendFile(r.socket, file, bytes.length, (n) => counts.push(n));
      r.socket.end();
      await new Promise((done) => setTimeout(done, 100));
      expect(Buffer.concat(r.received).equals(bytes)).toBe(true);
      expect(counts.at(-1)).toBe(bytes.length);
    } finally {
      await file.close();
      r.close();
    }
  });

  it('a connection closed mid-send is a cut upload (the engine’s answer or the cancel says why), not a file error', async () => {
    const path = join(dir, 'big-pattern.bin');
    writeFileSync(path, Buffer.alloc(16 * 1024 * 1024, 3));
    const r = await receiver();
    const file = await open(path, 'r');
    try {
      const sending = sendFile(r.socket, file, 16 * 1024 * 1024, () => {}).then(
        () => undefined,
        (e: unknown) => e,
      );
      r.socket.destroy();
      expect(await sending).toBeInstanceOf(UploadCut);
    } finally {
      await file.close();
      r.close();
    }
  });

  it('a file shorter than it was (changed since it was looked at) is said so, not sent short', async () => {
    const path = join(dir, 'shrunk.bin');
    writeFileSync(path, Buffer.alloc(1000, 1));
    const r = await receiver();
    const file = await open(path, 'r');
    try {
      const err = await sendFile(r.socket, file, 3 * 1024 * 1024, () => {}).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(ApiError);
      expect((err as ApiError).details?.problem).toBe('truncated');
      expect((err as ApiError).message).toMatch(/ended after 1000 of its 3145728 bytes/);
    } finally {
      await file.close();
      r.close();
    }
  });
});

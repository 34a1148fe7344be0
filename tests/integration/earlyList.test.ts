import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer as createHttpServer } from 'node:http';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import tar from 'tar-stream';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Backend } from '../../electron/backend';
import type { Session } from '../../electron/api/dispatcher';
import { startEarlyList } from '../../electron/engine/images/earlyList';
import { createDockerClient } from '../../electron/engine/host';
import type { ImageSummary } from '../../shared/contract/models';
import { callOk, openBackend } from '../support/backendSession';
import { sandboxEnv } from '../support/sandbox';

// Serve mode asks the engine for the image list before the rest of Lading
// has loaded, then starts the backend with that list. A change made in the
// terminal in between must still reach the table: the events subscription
// replays from the second the list was taken.

const env = sandboxEnv();
const engines = [
  { name: 'Docker', host: env.dockerHost },
  { name: 'Podman', host: env.podmanHost ?? '' },
];

/**
 * Runs `use` with `server` listening on a unix socket of its own (its
 * `unix://` address), then closes both; `drop` ends connections the server
 * would otherwise wait for.
 */
const onSocket = async (server: Server, use: (host: string) => Promise<void>, drop = () => {}): Promise<void> => {
  const dir = mkdtempSync(join(tmpdir(), 'lading-early-'));
  const path = join(dir, 'engine.sock');
  await new Promise<void>((resolve) => server.listen(path, resolve));
  try {
    await use(`unix://${path}`);
  } finally {
    drop();
    await new Promise((resolve) => server.close(resolve));
    rmSync(dir, { recursive: true, force: true });
  }
};

describe('the image list asked for at start', () => {
  it('is not asked of a socket that is not there, nor of a remote engine', async () => {
    const nowhere = startEarlyList('unix:///nonexistent/lading-early.sock');
    expect(await nowhere.since).toBeUndefined();
    expect(await nowhere.lists).toBeUndefined();
    const remote = startEarlyList('tcp://127.0.0.1:1');
    expect(await remote.since).toBeUndefined();
    expect(await remote.lists).toBeUndefined();
  });

  it('falls back on an engine whose lists are not lists (bad JSON, an object, an error status)', async () => {
    const answers: Record<string, [number, string]> = {
      '/images/json?all=true': [200, '{"Id": "not a list"'],
      '/containers/json?all=true': [500, '{"message": "boom"}'],
    };
    const odd = createHttpServer((req, res) => {
      const [status, body] = req.url === '/_ping' ? [200, 'OK'] : (answers[req.url ?? ''] ?? [404, '']);
      res.writeHead(status, { 'Content-Type': 'application/json' }).end(body);
    });
    await onSocket(odd, async (host) => {
      expect(await startEarlyList(host).since).toEqual(expect.any(Number));
      expect(await startEarlyList(host).lists).toBeUndefined();
      answers['/images/json?all=true'] = [200, '{"Id": "an object, not a list"}'];
      answers['/containers/json?all=true'] = [200, '[]'];
      expect(await startEarlyList(host).lists).toBeUndefined();
      answers['/images/json?all=true'] = [200, '[{"Id": 7}]'];
      expect(await startEarlyList(host).lists).toBeUndefined();
      answers['/images/json?all=true'] = [200, '[]'];
      expect(await startEarlyList(host).lists).toMatchObject({ images: [], containers: [] });
    });
  });

  it('gives up on an engine that takes the connection and never answers', async () => {
    const sockets: Socket[] = [];
    const mute = createServer((socket) => void sockets.push(socket));
    await onSocket(
      mute,
      async (host) => {
        const early = startEarlyList(host);
        expect(await early.since).toBeUndefined();
        expect(await early.lists).toBeUndefined();
        await early.sent;
        expect(sockets.length).toBe(1); // the ping only: no list was asked of it
      },
      () => sockets.forEach((s) => s.destroy()),
    );
  });
});

describe.each(engines)('the image list asked for at start ($name)', ({ host }) => {
  let opened: { backend: Backend; session: Session } | undefined;
  const docker = () => createDockerClient(host);
  const tagsOf = async (session: Session) =>
    ((await callOk(session, 'images.list')) as ImageSummary[]).flatMap((i) => i.repoTags);
  /** Any repository name ending in `name` (Podman prefixes localhost/). */
  const named = (name: string) => (t: string) => t === name || t.endsWith(`/${name}`);
  /** A one-file image of this test's own (each engine has its own store): its ID. */
  const importBase = async (): Promise<string> => {
    const pack = tar.pack();
    pack.entry({ name: 'bin/busybox', mode: 0o755 }, readFileSync('/bin/busybox'));
    pack.finalize();
    const client = docker();
    const stream = await client.importImage(pack as unknown as NodeJS.ReadableStream, { repo: 'early/base:1' });
    await new Promise((resolve, reject) =>
      client.modem.followProgress(stream, (err) => (err ? reject(err) : resolve(null))),
    );
    const info = await client.getImage('early/base:1').inspect();
    return info.Id;
  };

  afterEach(async () => {
    opened?.session.close();
    opened?.backend.dispose();
    opened = undefined;
    for (const name of ['early/gap:added', 'early/gap:removed', 'early/base:1'])
      await docker()
        .getImage(name)
        .remove()
        .catch(() => {});
  });

  it('is the engine’s own list, with the engine’s clock', async () => {
    expect(host, 'the sandbox was started without --podman').toBeTruthy();
    const early = startEarlyList(host);
    const lists = await early.lists;
    const [images, containers] = await Promise.all([
      docker().listImages({ all: true }),
      docker().listContainers({ all: true }),
    ]);
    expect(lists?.images.map((i) => i.Id).sort()).toEqual(images.map((i) => i.Id).sort());
    expect(lists?.containers.map((c) => c.Id).sort()).toEqual(containers.map((c) => c.Id).sort());
    expect(lists?.since).toBe(await early.since);
    expect(Math.abs((lists?.since ?? 0) - Date.now() / 1000)).toBeLessThan(5);
  });

  it('misses no tag or untag made between it and the backend’s start, and the engine is not asked again', async () => {
    expect(host, 'the sandbox was started without --podman').toBeTruthy();
    const base = await importBase();
    await docker().getImage(base).tag({ repo: 'early/gap', tag: 'removed' });

    const early = startEarlyList(host);
    const before = (await early.lists)?.images.flatMap((i) => i.RepoTags ?? []) ?? [];
    expect(before.some(named('early/gap:removed'))).toBe(true);
    expect(before.some(named('early/gap:added'))).toBe(false);
    // The terminal, while Lading is still loading.
    await docker().getImage(base).tag({ repo: 'early/gap', tag: 'added' });
    await docker().getImage('early/gap:removed').remove();

    const listImages = vi.fn();
    opened = await openBackend(host, {
      early,
      onCreated: (backend) => {
        const client = backend.monitor.docker;
        const original = client.listImages.bind(client);
        client.listImages = ((...args: Parameters<typeof original>) => {
          listImages();
          return original(...args);
        }) as typeof client.listImages;
      },
    });
    const { session } = opened;
    const deadline = Date.now() + 10_000;
    let tags = await tagsOf(session);
    while (!(tags.some(named('early/gap:added')) && !tags.some(named('early/gap:removed'))) && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 100));
      tags = await tagsOf(session);
    }
    expect(tags.filter(named('early/gap:added'))).toHaveLength(1);
    expect(tags.filter(named('early/gap:removed'))).toEqual([]);
    expect(listImages).not.toHaveBeenCalled();
  });
});

import { readFileSync } from 'node:fs';
import tar from 'tar-stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBackend, type Backend } from '../../electron/backend';
import type { Session } from '../../electron/api/dispatcher';
import type { ConnectionState, ImageSummary } from '../../shared/contract/models';
import { toRows } from '../../shared/images/rows';
import { sortRows } from '../../shared/images/sortRows';
import { dockerCli, sandboxEnv } from '../support/sandbox';

const env = sandboxEnv();

const hostInfo = {
  mode: 'serve' as const,
  nativeDialogs: false,
  defaultDirectory: '/tmp',
  platform: 'linux',
  appVersion: 'test',
};

/** A backend on a real engine, talked to through a session like any renderer. */
const open = async (engineHost: string) => {
  const backend = createBackend({ engineHost, host: { info: hostInfo } });
  const session = backend.dispatcher.openSession({ send: () => {} });
  const deadline = Date.now() + 20_000;
  while (backend.monitor.state.status !== 'connected') {
    if (Date.now() > deadline)
      throw new Error(`engine ${engineHost} never connected: ${JSON.stringify(backend.monitor.state)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return { backend, session };
};

const call = async (session: Session, method: string, args: unknown = {}) => {
  const reply = await session.handle({ type: 'call', id: 1, method, args });
  if (!reply.ok) throw new Error(`${method}: ${reply.error.code} ${reply.error.message}`);
  return reply.value;
};

describe('Docker Engine (sandbox)', () => {
  let backend: Backend;
  let session: Session;
  beforeAll(async () => {
    ({ backend, session } = await open(env.dockerHost));
  });
  afterAll(() => {
    session?.close();
    backend?.dispose();
  });

  it('reports the engine kind and versions', async () => {
    const state = (await call(session, 'engine.connection')) as ConnectionState;
    expect(state.status).toBe('connected');
    expect(state.engine?.kind).toBe('docker');
    const cliVersion = (
      await dockerCli(env, 'version', '--format', '{{.Server.Version}} {{.Server.APIVersion}}')
    ).trim();
    expect(`${state.engine?.version} ${state.engine?.apiVersion}`).toBe(cliVersion);
  });

  it('lists the same images and tags as `docker images`', async () => {
    const images = (await call(session, 'images.list')) as ImageSummary[];
    const cli = (await dockerCli(env, 'images', '--no-trunc', '--format', '{{.ID}} {{.Repository}}:{{.Tag}}'))
      .trim()
      .split('\n');
    const ours = images.flatMap((i) =>
      i.repoTags.length ? i.repoTags.map((t) => `${i.id} ${t}`) : [`${i.id} <none>:<none>`],
    );
    expect(new Set(ours)).toEqual(new Set(cli));
  });

  it('answers a first screen whose rows are the first rows of the whole list, as the page sorts them', async () => {
    const images = (await call(session, 'images.list')) as ImageSummary[];
    for (const sort of [
      [{ id: 'repository', desc: false }],
      [{ id: 'created', desc: true }],
      [{ id: 'size', desc: true }],
    ] as const) {
      for (const groupByImage of [false, true]) {
        const query = { sort: [...sort], groupByImage, rows: 3, locale: 'en-US' };
        const first = (await call(session, 'images.firstScreen', query)) as { images: ImageSummary[]; total: number };
        expect(first.total).toBe(images.length);
        const keys = (list: ImageSummary[]) =>
          sortRows(toRows(list, { groupByImage }), query.sort, (r) => r.platform, 'en-US').map((r) => r.key);
        expect(keys(first.images).slice(0, 3)).toEqual(keys(images).slice(0, 3));
        expect(first.images.length).toBeLessThan(images.length);
      }
    }
    // What Intl.Collator would throw on never reaches it.
    const bad = await session.handle({
      type: 'call',
      id: 2,
      method: 'images.firstScreen',
      args: { sort: [], groupByImage: false, rows: 3, locale: 'not a locale' },
    });
    expect(bad.ok ? null : bad.error.code).toBe('INVALID_ARGUMENT');
  });

  it('shows several tags on one image, a dangling image and the container using an image', async () => {
    const images = (await call(session, 'images.list')) as ImageSummary[];
    const busybox = images.find((i) => i.repoTags.includes('fixture/busybox:1'));
    expect(busybox?.repoTags).toEqual(
      expect.arrayContaining(['fixture/busybox:1', 'fixture/busybox:latest', 'fixture/busybox:stable']),
    );
    expect(images.some((i) => i.dangling && i.repoTags.length === 0)).toBe(true);
    const app = images.find((i) => i.repoTags.includes('fixture/app:1.0'));
    expect(app?.containerNames).toContain('lading-fixture-user');
    expect(app?.containers).toBeGreaterThanOrEqual(1);
  });

  it('pushes an image event when a tag is added from the terminal', async () => {
    const events: string[] = [];
    const listener = (e: { action: string }) => events.push(e.action);
    backend.monitor.on('image', listener);
    await dockerCli(env, 'tag', 'fixture/web:latest', 'fixture/web:event-test');
    const deadline = Date.now() + 10_000;
    while (!events.includes('tag') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    backend.monitor.off('image', listener);
    await dockerCli(env, 'rmi', 'fixture/web:event-test');
    expect(events).toContain('tag');
  });
});

/** `podman import` of a one-file root filesystem, through the Docker-compatible API. */
const importIntoPodman = async (backend: Backend, repo: string, tag: string) => {
  const pack = tar.pack();
  pack.entry({ name: 'bin/busybox', mode: 0o755 }, readFileSync('/bin/busybox'));
  pack.finalize();
  const stream = await backend.monitor.docker.importImage(pack as unknown as NodeJS.ReadableStream, {
    repo: `${repo}:${tag}`,
  });
  await new Promise((resolve, reject) =>
    backend.monitor.docker.modem.followProgress(stream, (err) => (err ? reject(err) : resolve(null))),
  );
};

describe('Podman (second engine)', () => {
  it('connects, names itself Podman and lists images with no null tags', async () => {
    expect(env.podmanHost, 'the sandbox was started without --podman').toBeTruthy();
    const { backend, session } = await open(env.podmanHost as string);
    try {
      const state = (await call(session, 'engine.connection')) as ConnectionState;
      expect(state.engine?.kind).toBe('podman');
      await importIntoPodman(backend, 'fixture/podman', '1');
      const images = (await call(session, 'images.list')) as ImageSummary[];
      expect(images.flatMap((i) => i.repoTags)).toContainEqual(expect.stringMatching(/(^|\/)fixture\/podman:1$/));
      for (const i of images)
        expect(i.repoTags.every((t) => typeof t === 'string' && t !== '<none>:<none>')).toBe(true);
    } finally {
      session.close();
      backend.dispose();
    }
  });
});

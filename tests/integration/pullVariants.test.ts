import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Session } from '../../electron/api/dispatcher';
import type { Backend } from '../../electron/backend';
import type { ApiErrorData } from '../../shared/contract/errors';
import type { PullResult, PushResult, TransferProgress } from '../../shared/contract/methods/registries';
import type { EventMessage } from '../../shared/contract/protocol';
import { openBackend } from '../support/backendSession';
import { pushMultiPlatform, pushSyntheticImage } from '../support/registryPush';
import { dockerCli, sandboxEnv } from '../support/sandbox';

const env = sandboxEnv();
const run = `v${Date.now().toString(36)}`;
const reg = env.registry;

type Final =
  | { state: 'succeeded'; result: PullResult; frames: TransferProgress[] }
  | { state: 'failed'; error: ApiErrorData; frames: TransferProgress[] }
  | { state: 'cancelled'; frames: TransferProgress[] };

const inspect = async (ref: string) =>
  JSON.parse(await dockerCli(env, 'image', 'inspect', ref)) as { Id: string; Architecture: string; Os: string }[];

/** Starts images.pull in `session` and waits for its final state in `events`, keeping its progress frames. */
const pullOn = (session: () => Session, events: EventMessage[], prefix: string) => {
  let nextId = 0;
  return async (args: Record<string, unknown>): Promise<Final> => {
    const operationId = `${prefix}-${++nextId}`;
    const reply = await session().handle({ type: 'call', id: nextId, method: 'images.pull', args, operationId });
    if (!reply.ok) throw new Error(reply.error.message);
    const frames: TransferProgress[] = [];
    for (let seen = 0; ;) {
      for (; seen < events.length; seen++) {
        const m = events[seen];
        if (m?.type !== 'operation' || m.update.operationId !== operationId) continue;
        const u = m.update;
        if (u.state === 'running') frames.push(u.progress as TransferProgress);
        else if (u.state === 'succeeded') return { state: 'succeeded', result: u.result as PullResult, frames };
        else if (u.state === 'failed') return { state: 'failed', error: u.error, frames };
        else return { state: 'cancelled', frames };
      }
      await new Promise((r) => setTimeout(r, 20));
    }
  };
};

describe('pull with a platform and with all tags (-a) on the real engine', () => {
  let backend: Backend;
  let session: Session;
  const events: EventMessage[] = [];

  const pull = pullOn(() => session, events, 'pv');
  const removeLocal = (...refs: string[]) => dockerCli(env, 'rmi', '-f', ...refs).catch(() => '');

  beforeAll(async () => {
    ({ backend } = await openBackend(env.dockerHost));
    session = backend.dispatcher.openSession({ send: (m) => void events.push(m) });
  });
  afterAll(() => backend?.dispose());

  it('pulls the linux/arm64 image of a manifest list when asked for that platform', async () => {
    const repo = `${run}/multi`;
    const ref = `${reg}/${repo}:1`;
    const pushed = await pushMultiPlatform(reg, repo, '1', ['linux/amd64', 'linux/arm64'], run);
    const arm = pushed.find((p) => p.platform === 'linux/arm64');
    const amd = pushed.find((p) => p.platform === 'linux/amd64');
    try {
      const final = await pull({ reference: ref, platform: 'linux/arm64' });
      expect(final.state).toBe('succeeded');
      const result = (final as { result: PullResult }).result;
      expect(result.reference).toBe(ref);
      expect(result.id).toBe(arm?.configDigest);
      const [image] = await inspect(ref);
      expect(image).toMatchObject({ Id: arm?.configDigest, Architecture: 'arm64', Os: 'linux' });
      expect(result.final.layers.map((l) => l.state)).toEqual(['done']);

      // The same tag for this machine's platform replaces it: the amd64 image.
      const host = await pull({ reference: ref, platform: 'linux/amd64' });
      expect(host.state).toBe('succeeded');
      expect((host as { result: PullResult }).result.id).toBe(amd?.configDigest);
      expect((await inspect(ref))[0]?.Architecture).toBe('amd64');
    } finally {
      await removeLocal(ref, arm?.configDigest ?? '', amd?.configDigest ?? '');
    }
  });

  it('says so when the manifest list has no image for the platform asked for', async () => {
    const repo = `${run}/only-amd`;
    const ref = `${reg}/${repo}:1`;
    await pushMultiPlatform(reg, repo, '1', ['linux/amd64', 'linux/arm64'], `${run}-only`);
    const final = await pull({ reference: ref, platform: 'linux/s390x' });
    expect(final.state).toBe('failed');
    const error = (final as { error: ApiErrorData }).error;
    expect(error.code).toBe('NOT_FOUND');
    expect(error.details).toMatchObject({ kind: 'platform', platform: 'linux/s390x' });
    await expect(inspect(ref)).rejects.toThrow();
  });

  it('pulls every tag of a repository with all tags (-a)', async () => {
    const repo = `${run}/tags`;
    const tags = ['1', '2', 'latest'];
    const ids: string[] = [];
    for (const tag of tags)
      ids.push((await pushSyntheticImage(reg, repo, 'linux/amd64', `${run}-${tag}`, tag)).configDigest);
    const refs = tags.map((t) => `${reg}/${repo}:${t}`);
    try {
      const final = await pull({ reference: `${reg}/${repo}`, allTags: true });
      expect(final.state).toBe('succeeded');
      const result = (final as { result: PullResult }).result;
      expect(result.reference).toBe(`${reg}/${repo}`);
      expect(result.upToDate).toBe(false);
      for (const [i, ref] of refs.entries()) expect((await inspect(ref))[0]?.Id).toBe(ids[i]);
      // Three images, one layer each: every layer row ends done.
      expect(result.final.layers).toHaveLength(3);
      expect(result.final.layers.every((l) => l.state === 'done')).toBe(true);
      expect(result.final.bytes).toBe(result.final.total);
    } finally {
      await removeLocal(...refs);
    }
  });
});

describe("pull through Podman's Docker-compatible API", () => {
  const podmanHost = env.podmanHost as string;
  const podman = { ...env, dockerHost: podmanHost };
  let backend: Backend;
  let session: Session;
  const events: EventMessage[] = [];
  let nextId = 0;

  const pull = pullOn(() => session, events, 'pp');
  const inspectOnPodman = async (ref: string) =>
    JSON.parse(await dockerCli(podman, 'image', 'inspect', ref)) as { Id: string; Architecture: string }[];

  beforeAll(async () => {
    ({ backend } = await openBackend(podmanHost));
    session = backend.dispatcher.openSession({ send: (m) => void events.push(m) });
    expect(backend.monitor.state.engine?.kind).toBe('podman');
  });
  afterAll(() => backend?.dispose());

  it('shows the layer rows, finishes with the image ID and digest, and knows a second pull is up to date', async () => {
    const repo = `${run}/pod`;
    const ref = `${reg}/${repo}:1`;
    const pushed = await pushSyntheticImage(reg, repo, 'linux/amd64', `${run}-pod`, '1');
    try {
      const final = await pull({ reference: ref });
      expect(final.state).toBe('succeeded');
      const result = (final as { result: PullResult }).result;
      expect(result).toMatchObject({
        reference: ref,
        id: pushed.configDigest,
        digest: `${reg}/${repo}@${pushed.manifestDigest}`,
        upToDate: false,
      });
      // The one layer, done; not the config blob Podman reports like a layer.
      const layerId = (JSON.parse(pushed.body) as { layers: { digest: string }[] }).layers[0]?.digest.slice(7, 19);
      expect(result.final.layers).toEqual([{ id: layerId, state: 'done' }]);
      // While it ran, the rows were there for the UI.
      expect(final.frames.some((f) => f.layers.some((l) => l.id === layerId))).toBe(true);
      expect((await inspectOnPodman(ref))[0]?.Id).toBe(pushed.configDigest);

      const again = await pull({ reference: ref });
      expect(again.state).toBe('succeeded');
      expect((again as { result: PullResult }).result.upToDate).toBe(true);
    } finally {
      await dockerCli(podman, 'rmi', '-f', ref).catch(() => '');
    }
  });

  it('pushes through Podman: the digest from its status line is the registry’s', async () => {
    const repo = `${run}/pod-pushed`;
    const ref = `${reg}/${repo}:1`;
    const source = `${reg}/${run}/pod-src:1`;
    await pushSyntheticImage(reg, `${run}/pod-src`, 'linux/amd64', `${run}-push`, '1');
    try {
      expect((await pull({ reference: source })).state).toBe('succeeded');
      await dockerCli(podman, 'tag', source, ref);
      // Its own prefix and ids: the pulls' are `pp-1`, `pp-2`, ….
      const operationId = `push-${++nextId}`;
      const reply = await session.handle({
        type: 'call',
        id: 1000 + nextId,
        method: 'images.push',
        args: { reference: ref },
        operationId,
      });
      expect(reply.ok).toBe(true);
      let final: EventMessage | undefined;
      while (!final) {
        final = events.find(
          (m) => m.type === 'operation' && m.update.operationId === operationId && m.update.state !== 'running',
        );
        await new Promise((r) => setTimeout(r, 20));
      }
      const update = (final as Extract<EventMessage, { type: 'operation' }>).update;
      expect(update.state).toBe('succeeded');
      const head = await fetch(`http://${reg}/v2/${repo}/manifests/1`, {
        method: 'HEAD',
        headers: {
          accept: 'application/vnd.docker.distribution.manifest.v2+json, application/vnd.oci.image.manifest.v1+json',
        },
      });
      expect(head.ok).toBe(true);
      expect((update as { result: PushResult }).result.digest).toBe(head.headers.get('docker-content-digest'));
    } finally {
      await dockerCli(podman, 'rmi', '-f', ref, source).catch(() => '');
    }
  });

  it('fails a missing tag, and a platform a manifest list lacks, with their sentences', async () => {
    const missing = await pull({ reference: `${reg}/${run}/pod-none:1` });
    expect(missing.state).toBe('failed');
    expect((missing as { error: ApiErrorData }).error).toMatchObject({ code: 'NOT_FOUND', details: { kind: 'tag' } });

    const repo = `${run}/pod-multi`;
    await pushMultiPlatform(reg, repo, '1', ['linux/amd64', 'linux/arm64'], `${run}-pm`);
    const lacking = await pull({ reference: `${reg}/${repo}:1`, platform: 'linux/s390x' });
    expect((lacking as { error: ApiErrorData }).error).toMatchObject({
      code: 'NOT_FOUND',
      details: { kind: 'platform', platform: 'linux/s390x' },
    });
    const arm = await pull({ reference: `${reg}/${repo}:1`, platform: 'linux/arm64' });
    expect(arm.state).toBe('succeeded');
    expect((await inspectOnPodman(`${reg}/${repo}:1`))[0]?.Architecture).toBe('arm64');
    await dockerCli(podman, 'rmi', '-f', `${reg}/${repo}:1`).catch(() => '');
  });
});

import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Session } from '../../electron/api/dispatcher';
import { createBackend, type Backend } from '../../electron/backend';
import type {
  DiskUsage,
  ImageDetails,
  ImagesPatch,
  PrunePreview,
  PruneResult,
  RemoveOutcome,
  RemovePlanItem,
} from '../../shared/contract/imageModels';
import type { ImageSummary } from '../../shared/contract/models';
import type { EventMessage } from '../../shared/contract/protocol';
import { dockerCli, sandboxEnv, throwawayImage } from '../support/sandbox';

const env = sandboxEnv();
const run = `t${Date.now().toString(36)}`;

describe('image actions on the real engine', () => {
  let backend: Backend;
  let session: Session;
  const events: EventMessage[] = [];
  let nextId = 0;

  const call = async <T>(method: string, args: unknown = {}): Promise<T> => {
    const reply = await session.handle({ type: 'call', id: ++nextId, method, args });
    if (!reply.ok) throw Object.assign(new Error(`${method}: ${reply.error.message}`), { code: reply.error.code });
    return reply.value as T;
  };
  const operation = async <T>(method: string, args: unknown): Promise<T> => {
    const operationId = `op-${++nextId}`;
    const reply = await session.handle({ type: 'call', id: nextId, method, args, operationId });
    if (!reply.ok) throw new Error(reply.error.message);
    for (;;) {
      const final = events.find(
        (m) => m.type === 'operation' && m.update.operationId === operationId && m.update.state !== 'running',
      );
      if (final?.type === 'operation') {
        if (final.update.state === 'succeeded') return final.update.result as T;
        throw new Error(`${method} ended ${final.update.state}`);
      }
      await new Promise((r) => setTimeout(r, 20));
    }
  };
  /** Waits for a pushed images patch that satisfies `match`. */
  const patchWhere = async (match: (p: ImagesPatch) => boolean): Promise<ImagesPatch> => {
    const deadline = Date.now() + 10_000;
    while (Date.now() < deadline) {
      for (const m of events) {
        if (m.type === 'event' && m.topic === 'images' && m.payload.kind === 'patch' && match(m.payload.patch)) {
          return m.payload.patch;
        }
      }
      await new Promise((r) => setTimeout(r, 20));
    }
    throw new Error('no matching images patch arrived');
  };

  beforeAll(async () => {
    backend = createBackend({
      engineHost: env.dockerHost,
      host: {
        info: { mode: 'serve', nativeDialogs: false, defaultDirectory: '/tmp', platform: 'linux', appVersion: 'test' },
      },
    });
    session = backend.dispatcher.openSession({ send: (m) => void events.push(m) });
    while (backend.monitor.state.status !== 'connected') await new Promise((r) => setTimeout(r, 50));
    await session.handle({ type: 'subscribe', id: ++nextId, topic: 'images' });
  });
  afterAll(() => {
    session?.close();
    backend?.dispose();
  });

  it('pushes a patch, not a refetch, when a tag is added, moved and removed in a terminal', async () => {
    const a = await throwawayImage(env, `itest/${run}-a:1`);
    const b = await throwawayImage(env, `itest/${run}-b:1`);
    events.length = 0;
    await dockerCli(env, 'tag', `itest/${run}-a:1`, `itest/${run}-moving:x`);
    const added = await patchWhere((p) => p.upserts.some((i) => i.repoTags.includes(`itest/${run}-moving:x`)));
    expect(added.upserts.find((i) => i.id === a)?.platform).toMatch(/^linux\//);

    // Moving the tag to b: the engine reports only b's tag event; b's upsert claims the tag.
    await dockerCli(env, 'tag', `itest/${run}-b:1`, `itest/${run}-moving:x`);
    const moved = await patchWhere((p) =>
      p.upserts.some((i) => i.id === b && i.repoTags.includes(`itest/${run}-moving:x`)),
    );
    expect(moved.removed).toEqual([]);

    await dockerCli(env, 'rmi', `itest/${run}-a:1`);
    const removed = await patchWhere((p) => p.removed.includes(a));
    expect(removed.upserts.map((i) => i.id)).not.toContain(a);
    expect(events.some((m) => m.type === 'event' && m.topic === 'images' && m.payload.kind === 'resync')).toBe(false);
    await dockerCli(env, 'rmi', `itest/${run}-b:1`, `itest/${run}-moving:x`);
  });

  it('tells which containers use an image as containers come and go', async () => {
    const id = await throwawayImage(env, `itest/${run}-used:1`);
    events.length = 0;
    await dockerCli(env, 'create', '--name', `${run}-user`, '--network', 'none', `itest/${run}-used:1`, 'true');
    const created = await patchWhere((p) => p.containers?.[id]?.includes(`${run}-user`) === true);
    expect(created.containers?.[id]).toEqual([`${run}-user`]);
    await dockerCli(env, 'rm', `${run}-user`);
    await patchWhere((p) => p.containers !== undefined && p.containers[id] === undefined);
    await dockerCli(env, 'rmi', `itest/${run}-used:1`);
  });

  it('tags with the reference grammar checked before the engine', async () => {
    await expect(call('images.tag', { source: 'fixture/busybox:1', target: 'Upper/Case:1' })).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
    });
    await expect(
      call('images.tag', { source: 'fixture/busybox:1', target: `itest/${run}:${'x'.repeat(129)}` }),
    ).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    const res = await call<{ reference: string; imageId: string }>('images.tag', {
      source: 'fixture/busybox:1',
      target: `127.0.0.1:5999/itest/${run}`,
    });
    expect(res.reference).toBe(`127.0.0.1:5999/itest/${run}:latest`);
    const cli = await dockerCli(
      env,
      'images',
      '--format',
      '{{.Repository}}:{{.Tag}} {{.ID}}',
      `127.0.0.1:5999/itest/${run}`,
    );
    expect(cli.trim()).toBe(`127.0.0.1:5999/itest/${run}:latest ${res.imageId.slice(7, 19)}`);
    await dockerCli(env, 'rmi', res.reference);
  });

  it('plans untag vs delete and names the containers in use', async () => {
    await throwawayImage(env, `itest/${run}-plan:1`);
    await dockerCli(env, 'tag', `itest/${run}-plan:1`, `itest/${run}-plan:2`);
    await dockerCli(env, 'create', '--name', `${run}-planner`, '--network', 'none', `itest/${run}-plan:1`, 'true');
    const one = await call<RemovePlanItem[]>('images.planRemove', { references: [`itest/${run}-plan:1`] });
    expect(one[0]).toMatchObject({ action: 'untag', remainingTags: [`itest/${run}-plan:2`] });
    expect(one[0]?.containers.map((c) => c.name)).toEqual([`${run}-planner`]);
    const both = await call<RemovePlanItem[]>('images.planRemove', {
      references: [`itest/${run}-plan:1`, `itest/${run}-plan:2`],
    });
    // The first tag goes; the second is then the only one, and the container's image stays unless forced.
    expect(both.map((p) => p.action)).toEqual(['untag', 'refused']);
    expect(both[1]).toMatchObject({ refusal: 'in-use', needsForce: true });
    await dockerCli(env, 'rm', `${run}-planner`);
    await dockerCli(env, 'rmi', `itest/${run}-plan:1`, `itest/${run}-plan:2`);
  });

  it('removes in bulk with one outcome per image: success, in use (then forced), parent, missing', async () => {
    const free = await throwawayImage(env, `itest/${run}-free:1`);
    await throwawayImage(env, `itest/${run}-busy:1`);
    await dockerCli(env, 'create', '--name', `${run}-busy`, '--network', 'none', `itest/${run}-busy:1`, 'true');
    const busyboxId = (await dockerCli(env, 'image', 'inspect', '--format', '{{.Id}}', 'fixture/busybox:1')).trim();

    const outcomes = await operation<RemoveOutcome[]>('images.remove', {
      references: [`itest/${run}-free:1`, `itest/${run}-busy:1`, busyboxId, `itest/${run}-never:1`],
    });
    expect(outcomes[0]).toMatchObject({ ok: true, untagged: [`itest/${run}-free:1`] });
    expect(outcomes[0]?.ok && outcomes[0].deleted).toContain(free);
    expect(outcomes[1]).toMatchObject({ ok: false, refusal: 'in-use', forceable: true });
    expect(!outcomes[1]?.ok && outcomes[1]?.containers.map((c) => c.name)).toEqual([`${run}-busy`]);
    // Other fixtures are built on busybox: the engine refuses, and force cannot override it.
    expect(outcomes[2]).toMatchObject({ ok: false, refusal: 'has-children', forceable: false });
    expect(outcomes[3]).toMatchObject({ ok: false, refusal: 'not-found' });

    const forced = await operation<RemoveOutcome[]>('images.remove', {
      references: [`itest/${run}-busy:1`],
      force: true,
    });
    expect(forced[0]).toMatchObject({ ok: true });
    const left = await dockerCli(env, 'images', '-q', `itest/${run}-busy`);
    expect(left.trim()).toBe('');
    await dockerCli(env, 'rm', `${run}-busy`);
    // The fixture busybox is untouched.
    expect((await dockerCli(env, 'images', '-q', 'fixture/busybox:1')).trim()).not.toBe('');
  });

  it('previews a prune and then removes exactly those images', async () => {
    const label = `lading.itest=${run}`;
    // Two builds under one tag leave the first dangling; a used image and a tagged one stay out of a dangling prune.
    const dangling = await throwawayImage(env, `itest/${run}-prune:1`, { 'lading.itest': run });
    await throwawayImage(env, `itest/${run}-prune:1`, { 'lading.itest': run });
    const kept = await throwawayImage(env, `itest/${run}-prunekeep:1`, { 'lading.itest': run });
    await dockerCli(env, 'create', '--name', `${run}-pruneuser`, '--network', 'none', kept, 'true');

    const preview = await call<PrunePreview>('images.planPrune', { all: false, labels: [label] });
    expect(preview.images.map((i) => i.id)).toEqual([dangling]);
    const result = await call<PruneResult>('images.prune', { all: false, labels: [label] });
    expect(result.deleted).toContain(dangling);
    expect(result.spaceReclaimed).toBeGreaterThanOrEqual(0);

    const previewAll = await call<PrunePreview>('images.planPrune', { all: true, labels: [label] });
    expect(previewAll.images.map((i) => i.repoTags)).toEqual([[`itest/${run}-prune:1`]]);
    const resultAll = await call<PruneResult>('images.prune', { all: true, labels: [label] });
    expect(resultAll.deleted).toContain(previewAll.images[0]?.id);
    const images = await call<ImageSummary[]>('images.list');
    expect(images.some((i) => i.id === kept)).toBe(true);
    expect(images.some((i) => i.id === previewAll.images[0]?.id || i.id === dangling)).toBe(false);
    await dockerCli(env, 'rm', `${run}-pruneuser`);
    await dockerCli(env, 'rmi', kept);

    // Images others are built on only lose their tags in a prune -a: the preview says so.
    const parents = await call<PrunePreview>('images.planPrune', { all: true, labels: ['lading.fixture=busybox'] });
    expect(parents.images.map((i) => [i.repoTags.length, i.untagOnly])).toEqual([[3, true]]);
    expect(parents.sizeUpperBound).toBe(0);
  });

  it('reports disk usage as `docker system df` counts it', async () => {
    const usage = await call<DiskUsage>('images.diskUsage');
    const line = (await dockerCli(env, 'system', 'df', '--format', '{{.Type}} {{.TotalCount}} {{.Active}}'))
      .split('\n')
      .find((l) => l.startsWith('Images '));
    expect(line).toBe(`Images ${usage.images} ${usage.active}`);
    expect(usage.reclaimable).toBeLessThanOrEqual(usage.totalSize);
    const big = (await dockerCli(env, 'image', 'inspect', '--format', '{{.Id}}', 'fixture/big:1')).trim();
    expect(usage.perImage[big]?.unique).toBeGreaterThan(300_000_000);
  });

  it('inspects an image for the details panel and finds platforms by ID', async () => {
    const details = await call<ImageDetails>('images.inspect', { reference: 'fixture/web:latest' });
    expect(details.config.labels['lading.fixture']).toBe('web');
    expect(details.platform).toMatch(/^linux\//);
    const platforms = await call<Record<string, string>>('images.platforms', { ids: [details.id] });
    expect(platforms[details.id]).toBe(details.platform);
  });
});

describe('live patches on Podman’s Docker-compatible API', () => {
  it('follows a tag and an untag made in a terminal', { timeout: 90_000 }, async () => {
    if (!env.podmanHost) throw new Error('the sandbox was started without --podman');
    const podman = { ...env, dockerHost: env.podmanHost };
    const backend = createBackend({
      engineHost: env.podmanHost,
      host: {
        info: { mode: 'serve', nativeDialogs: false, defaultDirectory: '/tmp', platform: 'linux', appVersion: 'test' },
      },
    });
    const events: EventMessage[] = [];
    const session = backend.dispatcher.openSession({ send: (m) => void events.push(m) });
    try {
      while (backend.monitor.state.status !== 'connected') await new Promise((r) => setTimeout(r, 50));
      await session.handle({ type: 'subscribe', id: 1, topic: 'images' });
      // An image of its own in Podman: a one-file root file system, imported.
      const dir = mkdtempSync(join(tmpdir(), 'lading-pod-'));
      writeFileSync(join(dir, 'hello'), run);
      await promisify(execFile)('tar', ['-C', dir, '-cf', join(dir, 'root.tar'), 'hello']);
      const imported = await dockerCli(podman, 'import', join(dir, 'root.tar'), `itest/${run}-podbase:1`);
      // Podman's compat answer prints the ID twice ("sha256:x: sha256:x").
      const id = /sha256:[0-9a-f]{64}/.exec(imported)?.[0] ?? '';
      rmSync(dir, { recursive: true, force: true });
      const waitFor = async (what: string, match: (p: ImagesPatch) => boolean) => {
        // Podman's file-backed event log can lag by seconds on a loaded machine.
        const deadline = Date.now() + 30_000;
        while (Date.now() < deadline) {
          if (
            events.some(
              (m) => m.type === 'event' && m.topic === 'images' && m.payload.kind === 'patch' && match(m.payload.patch),
            )
          )
            return;
          await new Promise((r) => setTimeout(r, 20));
        }
        throw new Error(
          `no patch from Podman for ${what}; got ${JSON.stringify(events.map((m) => (m.type === 'event' ? m.payload : m)))}`,
        );
      };
      const tagged = (p: ImagesPatch) =>
        p.upserts.some((i) => i.repoTags.some((t) => t.endsWith(`itest/${run}-pod:1`)));
      await dockerCli(podman, 'tag', id, `itest/${run}-pod:1`);
      await waitFor('the tag', tagged);
      events.length = 0;
      await dockerCli(podman, 'rmi', `itest/${run}-pod:1`);
      await waitFor('the untag', (p) => p.upserts.some((i) => i.id.endsWith(id.replace(/^sha256:/, ''))) && !tagged(p));
      await dockerCli(podman, 'rmi', `itest/${run}-podbase:1`);
    } finally {
      session.close();
      backend.dispose();
    }
  });
});

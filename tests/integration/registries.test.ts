import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Session } from '../../electron/api/dispatcher';
import type { Backend } from '../../electron/backend';
import type { ApiErrorData } from '../../shared/contract/errors';
import type {
  Page,
  PullResult,
  PushResult,
  SearchResult,
  TransferProgress,
  UpdateResult,
  ManifestFacts,
} from '../../shared/contract/methods/registries';
import type { EventMessage } from '../../shared/contract/protocol';
import { openBackend } from '../support/backendSession';
import { dockerBuild, dockerCli, sandboxEnv, throwawayImage } from '../support/sandbox';
import { startSearchServer } from '../support/searchServer';

const env = sandboxEnv();
const run = `r${Date.now().toString(36)}`;
const reg = env.registry;
const authReg = env.authRegistry as string;

type Final =
  | { state: 'succeeded'; result: unknown; frames: TransferProgress[] }
  | { state: 'failed'; error: ApiErrorData; frames: TransferProgress[] }
  | { state: 'cancelled'; frames: TransferProgress[] };

describe('registries on the real engine and registries', () => {
  let backend: Backend;
  let session: Session;
  const events: EventMessage[] = [];
  let nextId = 0;

  const call = async <T>(method: string, args: unknown = {}): Promise<T> => {
    const reply = await session.handle({ type: 'call', id: ++nextId, method, args });
    if (!reply.ok) throw Object.assign(new Error(`${method}: ${reply.error.message}`), { data: reply.error });
    return reply.value as T;
  };
  const callError = async (method: string, args: unknown): Promise<ApiErrorData> => {
    const reply = await session.handle({ type: 'call', id: ++nextId, method, args });
    if (reply.ok) throw new Error(`${method} succeeded`);
    return reply.error;
  };
  /** Starts an operation; `onFrame` may cancel it. Resolves with its one final update and the frames before it. */
  const operation = async (
    method: string,
    args: unknown,
    onFrame?: (p: TransferProgress, cancel: () => void) => void,
  ): Promise<Final> => {
    const operationId = `op-${++nextId}`;
    const cancel = () =>
      void session.handle({ type: 'call', id: ++nextId, method: 'operations.cancel', args: { operationId } });
    const reply = await session.handle({ type: 'call', id: nextId, method, args, operationId });
    if (!reply.ok) throw new Error(reply.error.message);
    const frames: TransferProgress[] = [];
    let seen = 0;
    for (;;) {
      for (; seen < events.length; seen++) {
        const m = events[seen];
        if (m?.type !== 'operation' || m.update.operationId !== operationId) continue;
        const u = m.update;
        if (u.state === 'running') {
          frames.push(u.progress as TransferProgress);
          onFrame?.(u.progress as TransferProgress, cancel);
        } else if (u.state === 'succeeded') return { state: 'succeeded', result: u.result, frames };
        else if (u.state === 'failed') return { state: 'failed', error: u.error, frames };
        else return { state: 'cancelled', frames };
      }
      await new Promise((r) => setTimeout(r, 20));
    }
  };
  const imageExists = async (ref: string) =>
    dockerCli(env, 'image', 'inspect', ref).then(
      () => true,
      () => false,
    );
  const removeLocal = (...refs: string[]) => dockerCli(env, 'rmi', '-f', ...refs).catch(() => '');

  beforeAll(async () => {
    ({ backend, session } = await openBackend(env.dockerHost));
    session = backend.dispatcher.openSession({ send: (m) => void events.push(m) });
    // A three-layer image with a few MB of random data per layer, in the open registry.
    await dockerBuild(
      env,
      `${reg}/${run}/layers:1`,
      [
        'FROM fixture/busybox:1',
        `RUN head -c 3000000 /dev/urandom > /a # ${run}`,
        'RUN head -c 2000000 /dev/urandom > /b',
        'RUN head -c 1000000 /dev/urandom > /c',
      ].join('\n'),
    );
    await dockerCli(env, 'push', `${reg}/${run}/layers:1`);
    await dockerCli(env, 'tag', `${reg}/${run}/layers:1`, `${reg}/${run}/layers:2`);
    await dockerCli(env, 'push', `${reg}/${run}/layers:2`);
    await removeLocal(`${reg}/${run}/layers:1`, `${reg}/${run}/layers:2`);
  });

  afterAll(async () => {
    await removeLocal(`${reg}/${run}/layers:1`, `${reg}/${run}/layers:2`);
    backend?.dispose();
  });

  it('pulls with per-layer progress and one final result naming the digest', async () => {
    const ref = `${reg}/${run}/layers:1`;
    const final = await operation('images.pull', { reference: ref });
    expect(final.state).toBe('succeeded');
    const result = (final as { result: PullResult }).result;
    expect(result.reference).toBe(ref);
    expect(result.digest).toMatch(new RegExp(`^${reg}/${run}/layers@sha256:[0-9a-f]{64}$`));
    expect(result.upToDate).toBe(false);
    expect(await imageExists(ref)).toBe(true);
    const last = result.final;
    // fixture/busybox's layer is already there; the three new ones were downloaded.
    expect(last.layers.filter((l) => l.state === 'done')).toHaveLength(3);
    expect(last.layers.some((l) => l.state === 'exists')).toBe(true);
    expect(last.totalKnown).toBe(true);
    expect(last.bytes).toBe(last.total);
    expect(last.total).toBeGreaterThan(5_000_000);
    // A second pull of the same content: the engine says it is up to date.
    const again = await operation('images.pull', { reference: ref });
    expect((again as { result: PullResult }).result.upToDate).toBe(true);
    await removeLocal(ref);
  });

  it('says which tag does not exist, and which registry cannot be reached', async () => {
    const missing = await operation('images.pull', { reference: `${reg}/${run}/layers:nope` });
    expect(missing.state).toBe('failed');
    expect((missing as { error: ApiErrorData }).error).toMatchObject({ code: 'NOT_FOUND', details: { kind: 'tag' } });
    const refused = await operation('images.pull', { reference: '127.0.0.1:1/x/y:1' });
    expect((refused as { error: ApiErrorData }).error).toMatchObject({
      code: 'ENGINE_ERROR',
      details: { kind: 'registryUnreachable', registry: '127.0.0.1:1' },
    });
  });

  it('fails a pull whose stream reports an errorDetail (a layer blob missing from the registry)', async () => {
    const ref = `${reg}/${run}/broken:1`;
    await dockerBuild(env, ref, `FROM fixture/busybox:1\nRUN head -c 500000 /dev/urandom > /x # ${run}-broken`);
    await dockerCli(env, 'push', ref);
    const inspect = JSON.parse(await dockerCli(env, 'image', 'inspect', ref)) as { RootFS: { Layers: string[] } }[];
    // The registry stores the compressed blob under its own digest: find the newest blob and delete its data.
    const manifest = (await (
      await fetch(`http://${reg}/v2/${run}/broken/manifests/1`, {
        headers: { accept: 'application/vnd.docker.distribution.manifest.v2+json' },
      })
    ).json()) as { layers: { digest: string }[] };
    expect(inspect[0]?.RootFS.Layers.length).toBe(manifest.layers.length);
    const digest = (manifest.layers.at(-1) as { digest: string }).digest.slice('sha256:'.length);
    const blobDir = join(
      env.dir,
      'registry',
      'docker',
      'registry',
      'v2',
      'blobs',
      'sha256',
      digest.slice(0, 2),
      digest,
    );
    expect(readdirSync(blobDir)).toContain('data');
    rmSync(join(blobDir, 'data'));
    await removeLocal(ref);
    const final = await operation('images.pull', { reference: ref });
    expect(final.state).toBe('failed');
    expect(final.frames.length).toBeGreaterThan(0); // the stream had started
    // The engine's words name the missing blob; never a success.
    expect((final as { error: ApiErrorData }).error.message).toMatch(/blob unknown|not found|unknown blob/i);
    expect(await imageExists(ref)).toBe(false);
  });

  it('cancel closes the request and leaves no image', async () => {
    // Layers the engine does not have yet (fixture/big's are local, so a pull of it moves nothing).
    const ref = `${reg}/${run}/big:1`;
    await dockerBuild(
      env,
      ref,
      `FROM fixture/busybox:1\nRUN head -c 60000000 /dev/urandom > /a # ${run}\nRUN head -c 60000000 /dev/urandom > /b`,
    );
    await dockerCli(env, 'push', ref);
    await removeLocal(ref);
    let cancelled = false;
    const final = await operation('images.pull', { reference: ref }, (p, cancel) => {
      if (!cancelled && p.layers.some((l) => l.state === 'downloading')) {
        cancelled = true;
        cancel();
      }
    });
    expect(cancelled).toBe(true);
    expect(final.state).toBe('cancelled');
    expect(await imageExists(ref)).toBe(false);
  });

  it('push to the login registry is refused without credentials, accepted after login, and logout forgets it', async () => {
    const ref = `${authReg}/${run}/pushed:1`;
    await throwawayImage(env, ref);
    const refused = await operation('images.push', { reference: ref });
    expect(refused.state).toBe('failed');
    expect((refused as { error: ApiErrorData }).error).toMatchObject({
      code: 'UNAUTHORIZED',
      details: { kind: 'registry', registry: authReg },
    });
    const wrong = await callError('registries.login', { registry: authReg, username: env.authUser, password: 'wrong' });
    expect(wrong.code).toBe('UNAUTHORIZED');
    const login = await call<{ status: string; storage: string }>('registries.login', {
      registry: authReg,
      username: env.authUser,
      password: env.authPassword,
    });
    expect(login.storage).toBe('memory');
    const { logins } = await call<{ logins: { registry: string; username: string }[] }>('registries.logins');
    expect(logins).toContainEqual(expect.objectContaining({ registry: authReg, username: env.authUser }));
    const pushed = await operation('images.push', { reference: ref });
    expect(pushed.state).toBe('succeeded');
    expect((pushed as { result: PushResult }).result.digest).toMatch(/^sha256:[0-9a-f]{64}$/);
    // Browsing the login registry uses the same login (basic auth after its 401 challenge).
    const tags = await call<Page<string>>('registries.tags', { registry: authReg, repository: `${run}/pushed` });
    expect(tags.items).toEqual(['1']);
    expect(await call('registries.logout', { registry: authReg })).toEqual({ removed: true });
    const after = await callError('registries.tags', { registry: authReg, repository: `${run}/pushed` });
    expect(after.code).toBe('UNAUTHORIZED');
    await removeLocal(ref);
  });

  it('pages through the catalog and tags with the registry Link header', async () => {
    // Distribution 2.8 pages the catalog; its tags list comes whole.
    const tags = await call<Page<string>>('registries.tags', { registry: reg, repository: `${run}/layers` });
    expect([...tags.items].sort()).toEqual(['1', '2']);
    const repos: string[] = [];
    let last: string | undefined;
    for (let i = 0; i < 50; i++) {
      const page: Page<string> = await call('registries.repositories', {
        registry: reg,
        n: 2,
        ...(last ? { last } : {}),
      });
      expect(page.items.length).toBeLessThanOrEqual(2);
      repos.push(...page.items);
      if (!page.next) break;
      last = page.next;
    }
    expect(repos).toContain(`${run}/layers`);
    expect(repos).toContain('team/app');
    const facts = await call<ManifestFacts>('registries.manifest', {
      registry: reg,
      repository: `${run}/layers`,
      reference: '1',
    });
    expect(facts.layers).toHaveLength(4);
    expect(facts.platform).toMatch(/^linux\//);
    expect(facts.created).toMatch(/^\d{4}-/);
    expect(facts.digest).toMatch(/^sha256:/);
  });

  it('pulls a Docker Hub name through the mirrors, past a dead one, tagged with the original name', async () => {
    await call('registries.setMirrors', { mirrors: ['127.0.0.1:1', reg] });
    const name = `${run}/layers:2`;
    try {
      const final = await operation('images.pull', { reference: name });
      expect(final.state).toBe('succeeded');
      const result = (final as { result: PullResult }).result;
      expect(result.mirror).toBe(reg);
      expect(result.mirrorFailures?.map((f) => f.mirror)).toEqual(['127.0.0.1:1']);
      expect(await imageExists(name)).toBe(true);
      expect(await imageExists(`${reg}/${name}`)).toBe(false);
    } finally {
      await call('registries.setMirrors', { mirrors: [] });
      await removeLocal(name);
    }
  });

  it('Update reports a changed tag (old → new ID) and a current one', async () => {
    const changing = `${reg}/${run}/moving:1`;
    const steady = `${reg}/${run}/layers:1`;
    const oldId = await throwawayImage(env, changing);
    await dockerCli(env, 'push', changing);
    await operation('images.pull', { reference: steady });
    // Someone pushes a new image under the same tag; ours still has the old one.
    await dockerCli(env, 'tag', oldId, `${run}-keep:old`);
    await dockerCli(env, 'rmi', changing);
    const newId = await throwawayImage(env, changing);
    await dockerCli(env, 'push', changing);
    await dockerCli(env, 'rmi', changing);
    await dockerCli(env, 'tag', oldId, changing);
    const final = await operation('images.update', { references: [changing, steady] });
    const result = (final as { result: UpdateResult }).result;
    expect(result.changed).toEqual([
      {
        reference: changing,
        oldId: expect.stringContaining(oldId.replace(/^sha256:/, '')),
        newId: expect.stringContaining(newId.replace(/^sha256:/, '')),
      },
    ]);
    expect(result.current).toEqual([steady]);
    await removeLocal(changing, steady, `${run}-keep:old`, oldId);
  });

  it('searches a registry host through the engine (v1 search API)', async () => {
    const server = await startSearchServer();
    try {
      const { results } = await call<{ results: SearchResult[] }>('registries.search', {
        term: `${server.host}/busybox`,
        limit: 2,
      });
      expect(results.map((r) => r.name)).toEqual(
        [`${server.host}/library/busybox`, `${server.host}/someone/busybox-tools`]
          .map((n) => n.replace(`${server.host}/`, ''))
          .map((n) => expect.stringContaining(n)),
      );
      expect(results[0]).toMatchObject({ stars: 3100, official: true });
      const official = await call<{ results: SearchResult[] }>('registries.search', {
        term: `${server.host}/busybox`,
        officialOnly: true,
      });
      expect(official.results).toHaveLength(1);
      expect(server.requests.some((r) => r.startsWith('/v1/search?q=busybox'))).toBe(true);
    } finally {
      await server.close();
    }
  });
});

import { createReadStream, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import Docker from 'dockerode';
import tar from 'tar-stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiErrorData } from '../../shared/contract/errors';
import type { BuildLogState, BuildResult, ContextSummary } from '../../shared/contract/methods/build';
import { planFolder } from '../../renderer/src/features/build/droppedFolder';
import { packFolder } from '../../renderer/src/features/build/folderTar';
import { dockerCli, sandboxEnv, type SandboxEnv } from '../support/sandbox';
import { startServeHarness, type ServeHarness } from '../support/serveHarness';

const sandbox = sandboxEnv();

const dockerFor = (host: string) => new Docker({ socketPath: host.replace(/^unix:\/\//, '') });

/** Every path in every layer of an image, as its exported archive holds them (kind per path). */
const imageFiles = async (docker: Docker, ref: string): Promise<Map<string, string>> => {
  const files = new Map<string, string>();
  const archive = (await docker.getImage(ref).get()) as unknown as Readable;
  await new Promise<void>((resolve, reject) => {
    const outer = tar.extract();
    outer.on('entry', (header, stream, next) => {
      if (!header.name.endsWith('.tar')) {
        stream.on('end', next);
        stream.resume();
        return;
      }
      const inner = tar.extract();
      inner.on('entry', (h, s, n) => {
        files.set(h.name.replace(/^\.\//, '').replace(/\/$/, ''), h.type ?? 'file');
        s.on('end', n);
        s.resume();
      });
      inner.on('finish', () => next());
      inner.on('error', reject);
      stream.pipe(inner);
    });
    outer.on('finish', resolve);
    outer.on('error', reject);
    archive.pipe(outer);
  });
  return files;
};

/** A base image on Podman: the Docker fixture's busybox, saved from the sandbox dockerd and loaded. */
const seedPodman = async (dir: string, podman: Docker) => {
  const file = join(dir, 'busybox.tar');
  await dockerCli(sandbox, 'save', '-o', file, 'fixture/busybox:1');
  const res = (await podman.loadImage(createReadStream(file))) as unknown as Readable;
  for await (const chunk of res) void chunk;
};

const engines: { name: string; env: SandboxEnv | undefined }[] = [
  { name: 'Docker', env: sandbox },
  // Podman's compatible API prints "STEP 1/5: …" and "--> Using cache <id>".
  { name: 'Podman', env: sandbox.podmanHost ? { ...sandbox, dockerHost: sandbox.podmanHost } : undefined },
];

describe.each(engines)('build on $name', ({ name, env }) => {
  let h: ServeHarness;
  let dir: string;
  let ctx: string;
  let docker: Docker;
  let seq = 0;
  const nonce = `${Date.now()}-${Math.random().toString(36).slice(2)}`;
  const TAG = `lading-build-test/app:${name.toLowerCase()}`;
  const TAG2 = `lading-build-test/app:${name.toLowerCase()}-second`;

  const dockerfile = [
    'FROM fixture/busybox:1',
    `RUN echo "fresh ${nonce}"`,
    'COPY . /app/',
    'RUN ls -a /app /app/logs',
    'CMD ["sh"]',
    '',
  ].join('\n');

  const build = async (args: Record<string, unknown>) => {
    const id = `build-${name}-${++seq}`;
    const reply = await h.client.call('build.run', { context: ctx, ...args }, id);
    expect(reply).toMatchObject({ ok: true });
    const final = (await h.finalOf(id)).update;
    const frames = h.client.events.filter((m) => m.type === 'operation' && m.update.operationId === id);
    return { final, frames };
  };

  beforeAll(async () => {
    if (!env)
      throw new Error('Podman is not running in the sandbox: start it with "scripts/sandbox.sh start --podman"');
    dir = mkdtempSync(join(tmpdir(), 'lading-build-'));
    ctx = join(dir, 'ctx');
    mkdirSync(join(ctx, 'logs'), { recursive: true });
    writeFileSync(join(ctx, 'Dockerfile'), dockerfile);
    writeFileSync(
      join(ctx, '.dockerignore'),
      '# secrets and logs stay home\nsecret.txt\nlogs\n!logs/keep.txt\nDockerfile\n',
    );
    writeFileSync(join(ctx, 'a.txt'), 'hello\n');
    writeFileSync(join(ctx, 'secret.txt'), 'do not send\n');
    writeFileSync(join(ctx, 'logs', 'noise.log'), 'noise\n');
    writeFileSync(join(ctx, 'logs', 'keep.txt'), 'kept by an exception\n');
    symlinkSync('a.txt', join(ctx, 'link-to-a'));
    docker = dockerFor(env.dockerHost);
    if (name === 'Podman') await seedPodman(dir, docker);
    h = await startServeHarness(env, dir, [dir]);
  });

  afterAll(async () => {
    await h?.close();
    for (const ref of [TAG, TAG2, `${TAG}-f`, `${TAG}-up`])
      await docker
        ?.getImage(ref)
        .remove()
        .catch(() => undefined);
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('counts the context before sending, .dockerignore applied', async () => {
    const reply = await h.client.call('build.contextSummary', { context: ctx });
    expect(reply).toMatchObject({ ok: true });
    const summary = (reply as { value: ContextSummary }).value;
    // Dockerfile and .dockerignore (always sent, as the CLI does), a.txt, logs/keep.txt; the link apart.
    expect(summary.files).toBe(4);
    expect(summary.links).toBe(1);
    expect(summary.ignorePatterns).toBe(4);
    expect(summary.dockerfileInContext).toBe('Dockerfile');
    expect(summary.huge).toBe(false);
  });

  it('builds a multi-step Dockerfile; ignored files stay out, links stay links', async () => {
    const { final, frames } = await build({ tags: [TAG], labels: { 'lading.test': 'build' } });
    expect(final).toMatchObject({ state: 'succeeded' });
    const result = (final as { result: BuildResult }).result;
    // The five steps, then the engine's own LABEL step for --label.
    expect(result.steps.map((s) => s.index)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(result.steps[5]?.instruction).toMatch(/^LABEL .*lading\.test/);
    expect(result.steps[1]?.instruction).toContain(`fresh ${nonce}`);
    expect(result.steps[1]?.output).toContain(`fresh ${nonce}`);
    expect(result.steps.slice(1).every((s) => !s.cached && s.state === 'done')).toBe(true);
    const listing = result.steps[3]?.output ?? [];
    expect(listing).toEqual(expect.arrayContaining(['a.txt', 'keep.txt', 'link-to-a']));
    expect(listing).not.toContain('secret.txt');
    expect(listing).not.toContain('noise.log');
    expect(frames.some((f) => f.type === 'operation' && f.update.state === 'running')).toBe(true);

    const files = await imageFiles(docker, TAG);
    expect(files.get('app/a.txt')).toBe('file');
    expect(files.get('app/logs/keep.txt')).toBe('file');
    expect(files.get('app/link-to-a')).toBe('symlink');
    expect(files.has('app/secret.txt')).toBe(false);
    expect(files.has('app/logs/noise.log')).toBe(false);
    const inspect = await docker.getImage(TAG).inspect();
    expect(`sha256:${inspect.Id.replace(/^sha256:/, '')}`).toBe(result.imageId);
    expect(inspect.Config.Labels).toMatchObject({ 'lading.test': 'build' });
  });

  it('a second build shows its steps as cached', async () => {
    const { final } = await build({ tags: [TAG2] });
    expect(final).toMatchObject({ state: 'succeeded' });
    const result = (final as { result: BuildResult }).result;
    expect(result.steps).toHaveLength(5);
    expect(result.steps.slice(1, 4).every((s) => s.cached)).toBe(true);
    expect(result.steps[1]?.output).not.toContain(`fresh ${nonce}`);
  });

  it('a failing RUN names the step and keeps its output', async () => {
    const { final } = await build({
      tags: [`${TAG}-fail`],
      dockerfileText: `FROM fixture/busybox:1\nRUN echo "about to fail ${nonce}" && exit 3\nCMD ["sh"]\n`,
    });
    expect(final).toMatchObject({ state: 'failed', error: { code: 'BUILD_FAILED' } });
    const error = (final as { error: ApiErrorData }).error;
    expect(error.details).toMatchObject({ step: '2', total: '3', kind: 'buildFailed' });
    const log = error.details?.log as BuildLogState;
    const failed = log.steps.find((s) => s.state === 'failed');
    expect(failed?.index).toBe(2);
    expect(failed?.output).toContain(`about to fail ${nonce}`);
    expect(log.steps).toHaveLength(2);
  });

  it('builds with a Dockerfile outside the context (-f), build args and a target', async () => {
    const outside = join(dir, 'other.Dockerfile');
    writeFileSync(
      outside,
      'FROM fixture/busybox:1 AS base\nARG GREETING=none\nRUN echo "greeting=$GREETING"\nFROM base AS unused\nRUN exit 9\n',
    );
    const { final } = await build({
      dockerfile: outside,
      tags: [`${TAG}-f`],
      buildArgs: { GREETING: `hi-${nonce}` },
      target: 'base',
      noCache: true,
    });
    expect(final).toMatchObject({ state: 'succeeded' });
    const result = (final as { result: BuildResult }).result;
    expect(result.steps.flatMap((s) => s.output)).toContain(`greeting=hi-${nonce}`);
    expect(result.steps.some((s) => s.instruction.includes('exit 9'))).toBe(false);
  });

  it('builds from a folder the browser packed and uploaded, its Dockerfile at a path inside (-f)', async () => {
    // The browser's part, with its own code: a folder (here made of Files), .dockerignore applied, packed.
    const file = (rel: string, text: string) => ({ rel, file: new File([text], rel.split('/').at(-1) as string) });
    const folder = {
      name: 'webapp',
      files: [
        file('.dockerignore', 'secret.txt\nci\n'),
        file('ci/build.Dockerfile', `FROM fixture/busybox:1\nCOPY . /app/\nRUN echo "up ${nonce}" && ls /app\n`),
        file('a.txt', 'hello\n'),
        file('secret.txt', 'stays home\n'),
      ],
      folders: ['ci'],
    };
    const plan = await planFolder(folder, 'ci/build.Dockerfile');
    const body = Buffer.from(
      await (await packFolder(plan.items, () => {}, new AbortController().signal)).arrayBuffer(),
    );

    const created = await h.client.call('uploads.create', { name: 'webapp.tar', size: body.length });
    if (!created.ok) throw new Error(created.error.message);
    const { uploadId, path } = created.value as { uploadId: string; path: string };
    const id = `build-${name}-upload`;
    const reply = await h.client.call(
      'build.run',
      { upload: { uploadId, name: 'webapp', dockerfile: 'ci/build.Dockerfile' }, tags: [`${TAG}-up`] },
      id,
    );
    expect(reply).toMatchObject({ ok: true });
    const post = await fetch(`http://127.0.0.1:${h.server.port}${path}?token=${h.server.token}`, {
      method: 'POST',
      body,
    });
    expect(post.status).toBe(204);
    const final = (await h.finalOf(id)).update;
    expect(final).toMatchObject({ state: 'succeeded' });
    const result = (final as { result: BuildResult }).result;
    const output = result.steps.flatMap((s) => s.output);
    expect(output).toContain(`up ${nonce}`);
    expect(output).toContain('a.txt');
    expect(output).not.toContain('secret.txt');
    const files = await imageFiles(docker, `${TAG}-up`);
    expect(files.get('app/a.txt')).toBe('file');
    expect(files.has('app/secret.txt')).toBe(false);
  });

  it('refuses an upload build that also names a folder, before taking any bytes', async () => {
    const reply = await h.client.call(
      'build.run',
      {
        context: ctx,
        upload: { uploadId: '00000000-0000-4000-8000-000000000000', name: 'x', dockerfile: 'Dockerfile' },
      },
      `build-${name}-both`,
    );
    expect(reply).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
  });
});

describe('build on Docker: cancel and refusals', () => {
  let h: ServeHarness;
  let dir: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'lading-build-cancel-'));
    mkdirSync(join(dir, 'ctx'));
    writeFileSync(
      join(dir, 'ctx', 'Dockerfile'),
      `FROM fixture/busybox:1\nRUN echo started-${Date.now()} && sleep 60\n`,
    );
    h = await startServeHarness(sandbox, dir, [join(dir, 'ctx')]);
  });

  afterAll(async () => {
    await h?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('cancel stops the build and leaves no tagged image', async () => {
    const id = 'build-cancel';
    const running = async () => (await dockerCli(sandbox, 'ps', '-q', '--no-trunc')).trim().split('\n').filter(Boolean);
    const before = new Set(await running());
    await h.client.call('build.run', { context: join(dir, 'ctx'), tags: ['lading-build-test/cancelled:1'] }, id);
    await h.client.waitFor(
      (m) =>
        m.type === 'operation' &&
        m.update.operationId === id &&
        m.update.state === 'running' &&
        (m.update.progress as BuildLogState).steps.some((s) => s.index === 2 && s.output.length > 0),
      60_000,
    );
    await h.client.call('operations.cancel', { operationId: id });
    expect((await h.finalOf(id)).update).toMatchObject({ state: 'cancelled' });
    expect((await dockerCli(sandbox, 'images', '-q', 'lading-build-test/cancelled:1')).trim()).toBe('');
    // The engine stopped the RUN: its container goes away long before `sleep 60` would end.
    const deadline = Date.now() + 30_000;
    let left = (await running()).filter((c) => !before.has(c));
    while (left.length && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 250));
      left = (await running()).filter((c) => !before.has(c));
    }
    expect(left).toEqual([]);
  });

  it('refuses a context outside the files roots, a bad tag and a missing Dockerfile', async () => {
    const outside = await h.client.call('build.contextSummary', { context: dir });
    expect(outside).toMatchObject({ ok: false, error: { code: 'PERMISSION_DENIED' } });
    const badTag = await h.client.call('build.run', { context: join(dir, 'ctx'), tags: ['Bad:Tag!'] }, 'b-tag');
    expect(badTag).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
    mkdirSync(join(dir, 'ctx', 'empty'));
    await h.client.call('build.run', { context: join(dir, 'ctx', 'empty') }, 'b-missing');
    expect((await h.finalOf('b-missing')).update).toMatchObject({
      state: 'failed',
      error: { code: 'NOT_FOUND', details: { kind: 'dockerfile' } },
    });
  });
});

import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Session } from '../../electron/api/dispatcher';
import { createBackend, type Backend } from '../../electron/backend';
import type {
  CommitResult,
  ContainerRow,
  ContainersTopic,
  DiffEntry,
  LogsChunk,
  RunFieldProblem,
  RunResult,
} from '../../shared/contract/containerModels';
import type { ImagesPatch } from '../../shared/contract/imageModels';
import type { EventMessage } from '../../shared/contract/protocol';
import { dockerCli, sandboxEnv, type SandboxEnv } from '../support/sandbox';

const env = sandboxEnv();
const run = `c${Date.now().toString(36)}`;

/** A backend on one engine, a session on it, and helpers to call and wait. */
const harness = (engine: () => SandboxEnv) => {
  const h = {
    backend: undefined as unknown as Backend,
    session: undefined as unknown as Session,
    events: [] as EventMessage[],
    nextId: 0,
    async open() {
      h.backend = createBackend({
        engineHost: engine().dockerHost,
        host: {
          info: {
            mode: 'serve',
            nativeDialogs: false,
            defaultDirectory: '/tmp',
            platform: 'linux',
            appVersion: 'test',
          },
        },
      });
      h.session = h.backend.dispatcher.openSession({ send: (m) => void h.events.push(m) });
      const deadline = Date.now() + 20_000;
      while (h.backend.monitor.state.status !== 'connected') {
        if (Date.now() > deadline) throw new Error('engine never connected');
        await new Promise((r) => setTimeout(r, 50));
      }
      await h.session.handle({ type: 'subscribe', id: ++h.nextId, topic: 'containers' });
      await h.session.handle({ type: 'subscribe', id: ++h.nextId, topic: 'images' });
    },
    close() {
      h.session?.close();
      h.backend?.dispose();
    },
    async call<T>(method: string, args: unknown = {}): Promise<T> {
      const reply = await h.session.handle({ type: 'call', id: ++h.nextId, method, args });
      if (!reply.ok) {
        throw Object.assign(new Error(`${method}: ${reply.error.code} ${reply.error.message}`), {
          code: reply.error.code,
          details: reply.error.details,
        });
      }
      return reply.value as T;
    },
    async failure(method: string, args: unknown): Promise<{ code: string; details?: Record<string, unknown> }> {
      const reply = await h.session.handle({ type: 'call', id: ++h.nextId, method, args });
      if (reply.ok) throw new Error(`${method} succeeded: ${JSON.stringify(reply.value)}`);
      return reply.error;
    },
    /** Reads logs the way the view does (following) until `match` is in them. */
    async logsUntil(id: string, match: RegExp, timeoutMs = 30_000): Promise<string[]> {
      const lines: string[] = [];
      let cursor: string | null = null;
      const deadline = Date.now() + timeoutMs;
      while (Date.now() < deadline) {
        const chunk: LogsChunk = await h.call<LogsChunk>('containers.logs', { id, cursor, waitMs: 2000 });
        lines.push(...chunk.entries.map((e) => e.text));
        cursor = chunk.cursor;
        if (lines.some((l) => match.test(l))) return lines;
        if (!chunk.running && !chunk.more) await new Promise((r) => setTimeout(r, 200));
      }
      throw new Error(`no log line matching ${match}; got ${JSON.stringify(lines)}`);
    },
    async containersPatch(match: (p: Extract<ContainersTopic, { kind: 'patch' }>) => boolean, timeoutMs = 30_000) {
      const deadline = Date.now() + timeoutMs;
      while (Date.now() < deadline) {
        for (const m of h.events) {
          if (m.type === 'event' && m.topic === 'containers' && m.payload.kind === 'patch' && match(m.payload)) {
            return m.payload;
          }
        }
        await new Promise((r) => setTimeout(r, 25));
      }
      throw new Error('no matching containers patch');
    },
    async imagesPatch(match: (p: ImagesPatch) => boolean, timeoutMs = 30_000) {
      const deadline = Date.now() + timeoutMs;
      while (Date.now() < deadline) {
        for (const m of h.events) {
          if (m.type === 'event' && m.topic === 'images' && m.payload.kind === 'patch' && match(m.payload.patch)) {
            return m.payload.patch;
          }
        }
        await new Promise((r) => setTimeout(r, 25));
      }
      throw new Error('no matching images patch');
    },
  };
  return h;
};

/** An env file as users write them: quotes, a comment, a bare name taken from the backend's environment. */
const ENV_FILE = '# settings\nGREETING="hello world"\nSINGLE=\'x y\'\nLADING_ITEST_FROM_BACKEND\n';
const LOG_COMMAND = `sh -c 'echo "greeting=$GREETING single=$SINGLE from=$LADING_ITEST_FROM_BACKEND"; echo ready; sleep 600'`;

const inspectJson = async <T>(engine: SandboxEnv, ...args: string[]): Promise<T> =>
  JSON.parse(await dockerCli(engine, 'inspect', ...args)) as T;

describe('containers on the real Docker engine', () => {
  const h = harness(() => env);
  const made: string[] = [];
  let server: Server | undefined;
  beforeAll(async () => {
    process.env.LADING_ITEST_FROM_BACKEND = 'backend-value';
    await h.open();
  });
  afterAll(async () => {
    server?.close();
    for (const id of made) await dockerCli(env, 'rm', '-f', id).catch(() => {});
    await dockerCli(env, 'rmi', `itest/${run}-committed:1`).catch(() => {});
    h.close();
  });

  it(
    'runs an image with an env file (quotes kept) and a published port; the log line and the binding show',
    {
      timeout: 90_000,
    },
    async () => {
      const result = await h.call<RunResult>('containers.run', {
        image: 'fixture/busybox:1',
        name: `${run}-web`,
        command: LOG_COMMAND,
        ports: ['127.0.0.1:18080:80', '18443:443/udp'],
        envFile: { name: 'env_file', text: ENV_FILE },
        env: 'EXTRA=1',
      });
      made.push(result.id);
      expect(result.name).toBe(`${run}-web`);

      const lines = await h.logsUntil(result.id, /ready/);
      expect(lines).toContain('greeting="hello world" single=\'x y\' from=backend-value');

      const [info] = await inspectJson<{ HostConfig: { PortBindings: unknown }; Config: { Env: string[] } }[]>(
        env,
        result.id,
      );
      expect(info?.HostConfig.PortBindings).toEqual({
        '80/tcp': [{ HostIp: '127.0.0.1', HostPort: '18080' }],
        '443/udp': [{ HostIp: '', HostPort: '18443' }],
      });
      expect(info?.Config.Env).toEqual(
        expect.arrayContaining([
          'GREETING="hello world"',
          "SINGLE='x y'",
          'LADING_ITEST_FROM_BACKEND=backend-value',
          'EXTRA=1',
        ]),
      );

      // The bridge-less engine reports no live binding: the list shows the configured ones.
      const rows = await h.call<ContainerRow[]>('containers.list');
      const row = rows.find((r) => r.id === result.id);
      expect(row?.state).toBe('running');
      expect(row?.ports).toEqual([
        { containerPort: 80, proto: 'tcp', hostIp: '127.0.0.1', hostPort: '18080', configured: true },
        { containerPort: 443, proto: 'udp', hostIp: '', hostPort: '18443', configured: true },
      ]);
      // And the live feed sent the new container as a patch.
      await h.containersPatch((p) => p.upserts.some((r) => r.id === result.id && r.state === 'running'));
    },
  );

  it(
    'refuses a run before creating anything: bad port, port in use, bad env line, missing bind source, name taken',
    {
      timeout: 60_000,
    },
    async () => {
      server = createServer();
      await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
      const busy = (server.address() as { port: number }).port;
      const before = (await h.call<ContainerRow[]>('containers.list')).length;
      const error = await h.failure('containers.run', {
        image: 'fixture/busybox:1',
        name: `${run}-web`,
        ports: ['80:80:80:x', `127.0.0.1:${busy}:80`, '18080:80'],
        envFile: { name: 'env_file', text: 'OK=1\nBAD KEY=1\n' },
        volumes: [`/nonexistent-${run}:/data:ro`],
      });
      expect(error.code).toBe('INVALID_ARGUMENT');
      const problems = (error.details?.problems ?? []) as RunFieldProblem[];
      expect(problems).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ field: 'ports', index: 0, code: 'port.badIp' }),
          expect.objectContaining({ field: 'ports', index: 1, code: 'port.inUse', params: { port: busy } }),
          expect.objectContaining({
            field: 'ports',
            index: 2,
            code: 'port.usedByContainer',
            params: { port: 18080, name: `${run}-web` },
          }),
          expect.objectContaining({ field: 'envFile', line: 2, code: 'env.whitespace' }),
          expect.objectContaining({ field: 'volumes', index: 0, code: 'volume.sourceMissing' }),
          expect.objectContaining({ field: 'name', code: 'name.taken' }),
        ]),
      );
      expect((await h.call<ContainerRow[]>('containers.list')).length).toBe(before);
      // The same checks without running anything.
      const checked = await h.call<RunFieldProblem[]>('containers.checkRun', {
        image: 'fixture/busybox:1',
        ports: [`127.0.0.1:${busy}:80`],
      });
      expect(checked).toEqual([expect.objectContaining({ field: 'ports', code: 'port.inUse' })]);
    },
  );

  it(
    'diffs a container (a created file is listed as added) and commits it with author, message and CMD',
    {
      timeout: 90_000,
    },
    async () => {
      const result = await h.call<RunResult>('containers.run', {
        image: 'fixture/busybox:1',
        command: `sh -c 'mkdir -p /work && echo made > /work/created.txt && rm -f /bin/sh.missing; echo done; sleep 600'`,
      });
      made.push(result.id);
      await h.logsUntil(result.id, /done/);
      const diff = await h.call<DiffEntry[]>('containers.diff', { id: result.id });
      expect(diff).toEqual(
        expect.arrayContaining([
          { path: '/work', kind: 'added' },
          { path: '/work/created.txt', kind: 'added' },
        ]),
      );

      const committed = await h.call<CommitResult>('containers.commit', {
        id: result.id,
        reference: `itest/${run}-committed:1`,
        author: 'Jane Doe <jane@example.com>',
        message: 'add created.txt',
        changes: ['CMD ["cat", "/work/created.txt"]'],
      });
      expect(committed.reference).toBe(`itest/${run}-committed:1`);
      // The result carries what inspect and history say, for the dialog to show.
      expect(committed.author).toBe('Jane Doe <jane@example.com>');
      expect(committed.config.cmd).toEqual(['cat', '/work/created.txt']);
      expect(committed.history[0]?.comment).toBe('add created.txt');
      const [image] = await inspectJson<{ Id: string; Author: string; Comment: string; Config: { Cmd: string[] } }[]>(
        env,
        `itest/${run}-committed:1`,
      );
      expect(image?.Id).toBe(committed.imageId);
      expect(image?.Author).toBe('Jane Doe <jane@example.com>');
      expect(image?.Comment).toBe('add created.txt');
      expect(image?.Config.Cmd).toEqual(['cat', '/work/created.txt']);
      const history = await dockerCli(
        env,
        'history',
        '--no-trunc',
        '--format',
        '{{.Comment}}',
        `itest/${run}-committed:1`,
      );
      expect(history.split('\n')[0]).toBe('add created.txt');
      // The images view learns of the new image from the commit event.
      await h.imagesPatch((p) => p.upserts.some((i) => i.id === committed.imageId));
      // Running the new image prints the file (CMD applied).
      const again = await h.call<RunResult>('containers.run', { image: `itest/${run}-committed:1` });
      made.push(again.id);
      expect(await h.logsUntil(again.id, /^made$/)).toContain('made');
    },
  );

  it('stops, starts and removes a container; the feed follows each step', { timeout: 90_000 }, async () => {
    const result = await h.call<RunResult>('containers.run', {
      image: 'fixture/busybox:1',
      command: 'sleep 600',
    });
    await h.containersPatch((p) => p.upserts.some((r) => r.id === result.id && r.state === 'running'));
    // Nothing written: the engine answers null, the list is empty.
    expect(await h.call<DiffEntry[]>('containers.diff', { id: result.id })).toEqual([]);
    h.events.length = 0;
    await h.call('containers.stop', { id: result.id });
    await h.containersPatch((p) => p.upserts.some((r) => r.id === result.id && r.state === 'exited'));
    await h.call('containers.start', { id: result.id });
    await h.containersPatch((p) => p.upserts.some((r) => r.id === result.id && r.state === 'running'));
    await h.call('containers.remove', { id: result.id, force: true });
    await h.containersPatch((p) => p.removed.includes(result.id));
    expect((await h.call<ContainerRow[]>('containers.list')).some((r) => r.id === result.id)).toBe(false);
    const gone = await h.failure('containers.start', { id: result.id });
    expect(gone.code).toBe('NOT_FOUND');
  });

  it('follows logs: a line written after the call started arrives in the same call', { timeout: 60_000 }, async () => {
    const result = await h.call<RunResult>('containers.run', {
      image: 'fixture/busybox:1',
      command: `sh -c 'echo first; sleep 3; echo second >&2; sleep 600'`,
    });
    made.push(result.id);
    const first = await h.call<LogsChunk>('containers.logs', { id: result.id, waitMs: 20_000 });
    // Either both lines already, or first now and second on the next (following) call.
    const texts = first.entries.map((e) => e.text);
    expect(texts[0]).toBe('first');
    if (!texts.includes('second')) {
      const next = await h.call<LogsChunk>('containers.logs', { id: result.id, cursor: first.cursor, waitMs: 20_000 });
      expect(next.entries).toEqual([{ stream: 'stderr', text: 'second' }]);
    }
    // Nothing is delivered twice.
    const later = await h.call<LogsChunk>('containers.logs', {
      id: result.id,
      cursor: (await h.call<LogsChunk>('containers.logs', { id: result.id, waitMs: 0 })).cursor,
      waitMs: 500,
    });
    expect(later.entries).toEqual([]);
  });
});

describe('run and commit on Podman’s Docker-compatible API', () => {
  const podman = (): SandboxEnv => {
    if (!env.podmanHost) throw new Error('the sandbox was started without --podman');
    return { ...env, dockerHost: env.podmanHost };
  };
  const h = harness(podman);
  const made: string[] = [];
  const image = `itest/${run}-podbusy:1`;
  beforeAll(async () => {
    process.env.LADING_ITEST_FROM_BACKEND = 'backend-value';
    await h.open();
    // Podman has no fixtures: a busybox root file system, imported.
    const dir = mkdtempSync(join(tmpdir(), 'lading-podrun-'));
    await promisify(execFile)('sh', [
      '-c',
      `mkdir -p ${dir}/r/bin && cp /bin/busybox ${dir}/r/bin/ && ln -s busybox ${dir}/r/bin/sh && tar -C ${dir}/r -cf ${dir}/r.tar bin`,
    ]);
    await dockerCli(podman(), 'import', join(dir, 'r.tar'), image);
    rmSync(dir, { recursive: true, force: true });
  }, 60_000);
  afterAll(async () => {
    for (const id of made) await dockerCli(podman(), 'rm', '-f', id).catch(() => {});
    await dockerCli(podman(), 'rmi', '-f', `itest/${run}-podcommit:1`, image).catch(() => {});
    h.close();
  });

  it('runs with an env file and a published port, and reads the log line', { timeout: 90_000 }, async () => {
    const result = await h.call<RunResult>('containers.run', {
      image,
      command: LOG_COMMAND,
      ports: ['18090:80'],
      envFile: { name: 'env_file', text: ENV_FILE },
    });
    made.push(result.id);
    const lines = await h.logsUntil(result.id, /ready/);
    expect(lines).toContain('greeting="hello world" single=\'x y\' from=backend-value');
    const [info] = await inspectJson<{ HostConfig: { PortBindings: Record<string, { HostPort: string }[]> } }[]>(
      podman(),
      result.id,
    );
    expect(info?.HostConfig.PortBindings['80/tcp']?.[0]?.HostPort).toBe('18090');
    const row = (await h.call<ContainerRow[]>('containers.list')).find((r) => r.id === result.id);
    expect(row?.ports.some((p) => p.containerPort === 80 && p.hostPort === '18090')).toBe(true);
  });

  it('commits with author, message and a CMD change', { timeout: 90_000 }, async () => {
    const result = await h.call<RunResult>('containers.run', {
      image,
      command: `sh -c 'echo made > /created.txt; echo done; sleep 600'`,
    });
    made.push(result.id);
    await h.logsUntil(result.id, /done/);
    const diff = await h.call<DiffEntry[]>('containers.diff', { id: result.id });
    expect(diff).toEqual(expect.arrayContaining([{ path: '/created.txt', kind: 'added' }]));
    const committed = await h.call<CommitResult>('containers.commit', {
      id: result.id,
      reference: `itest/${run}-podcommit:1`,
      author: 'Jane Doe',
      message: 'podman commit',
      changes: ['CMD ["cat", "/created.txt"]'],
    });
    const [img] = await inspectJson<{ Author: string; Comment: string; Config: { Cmd: string[] } }[]>(
      podman(),
      committed.imageId,
    );
    expect(img?.Author).toBe('Jane Doe');
    expect(img?.Comment).toBe('podman commit');
    expect(img?.Config.Cmd).toEqual(['cat', '/created.txt']);
    // Podman puts the message on the image, and "FROM <base>" on the new history entry (a new layer on top).
    const history = (
      await dockerCli(podman(), 'history', '--no-trunc', '--format', '{{.Comment}}', committed.imageId)
    ).split('\n');
    expect(history[0]).toBe(`FROM docker.io/${image}`);
    expect(history).toHaveLength(3); // the committed layer, the imported one, and the final newline
  });
});

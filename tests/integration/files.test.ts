import { execFileSync } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { createServer as createHttpServer } from 'node:http';
import { createServer, type AddressInfo, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sandboxEnv } from '../support/sandbox';
import { startServeHarness, type ServeHarness } from '../support/serveHarness';
import { startServe } from '../support/serveProcess';
import { TestWsClient } from '../support/wsClient';
import { readArchive } from '../support/tarEntries';

/**
 * Paths that are not regular files, the atomic promise of saves (an
 * exclusive temporary file, never a link), and file sentences a person
 * understands. Each case once killed the backend or hurt someone's data.
 */
const env = sandboxEnv();
let h: ServeHarness;
let dir: string;
let ops = 0;
const nextOp = () => `files-${++ops}`;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'lading-files-'));
  h = await startServeHarness(env, dir);
});

afterAll(async () => {
  await h?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Runs an operation to its end and returns the final update. */
const run = async (method: string, args: unknown) => {
  const id = nextOp();
  const reply = await h.client.call(method, args, id);
  if (!reply.ok) return { state: 'refused' as const, error: reply.error };
  return (await h.finalOf(id)).update as { state: string; error?: { code: string; details?: Record<string, unknown> } };
};

/** The backend still answers (it would be gone after a crash). */
const stillServing = async () => {
  const reply = await h.client.call('app.hostInfo', {});
  expect(reply.ok).toBe(true);
};

describe('paths that are not regular files are refused by name, before anything is read', () => {
  it('a folder: load and import', async () => {
    const folder = join(dir, 'a-folder');
    mkdirSync(folder);
    expect(await run('images.load', { source: { kind: 'path', path: folder } })).toMatchObject({
      state: 'failed',
      error: { code: 'NOT_A_FILE', details: { path: folder, kind: 'folder' } },
    });
    expect(await run('images.import', { source: { kind: 'path', path: folder } })).toMatchObject({
      state: 'failed',
      error: { code: 'NOT_A_FILE', details: { kind: 'folder' } },
    });
    await stillServing();
  });

  it('a socket', async () => {
    const path = join(dir, 'a.sock');
    const server: Server = createServer();
    await new Promise<void>((resolve) => server.listen(path, resolve));
    try {
      expect(await run('images.load', { source: { kind: 'path', path } })).toMatchObject({
        state: 'failed',
        error: { code: 'NOT_A_FILE', details: { kind: 'socket' } },
      });
    } finally {
      server.close();
    }
    await stillServing();
  });

  it('named pipes never block: five refused, then a save still works', async () => {
    const fifos = [1, 2, 3, 4, 5].map((n) => join(dir, `pipe-${n}`));
    for (const f of fifos) execFileSync('mkfifo', [f]);
    const results = await Promise.all(fifos.map((path) => run('images.load', { source: { kind: 'path', path } })));
    for (const r of results) {
      expect(r).toMatchObject({ state: 'failed', error: { code: 'NOT_A_FILE', details: { kind: 'fifo' } } });
    }
    expect(await run('images.import', { source: { kind: 'path', path: fifos[0] } })).toMatchObject({
      error: { code: 'NOT_A_FILE', details: { kind: 'fifo' } },
    });
    const path = join(dir, 'after-pipes.tar');
    expect(await run('images.save', { references: ['fixture/app:1.0'], path })).toMatchObject({ state: 'succeeded' });
    expect((await readArchive(path)).repoTags).toEqual(['fixture/app:1.0']);
  });

  it('a missing file says there is no file there', async () => {
    const path = join(dir, 'nothing-here.tar');
    expect(await run('images.load', { source: { kind: 'path', path } })).toMatchObject({
      state: 'failed',
      error: { code: 'NOT_FOUND', details: { path, kind: 'file' } },
    });
  });

  it('a device is refused, not read forever', async () => {
    expect(await run('images.load', { source: { kind: 'path', path: '/dev/zero' } })).toMatchObject({
      state: 'failed',
      error: { code: 'NOT_A_FILE', details: { kind: 'device' } },
    });
  });
});

describe('a file the user may not read', () => {
  it('is refused with a sentence, and the backend keeps serving', async () => {
    // Root reads anything; without the DAC override capabilities it is refused like any user.
    const serve = await startServe(env.dockerHost, ['setpriv', '--bounding-set=-dac_override,-dac_read_search']);
    const { port } = new URL(serve.url);
    const token = new URL(serve.url).searchParams.get('token') ?? '';
    const client = await TestWsClient.open(`ws://127.0.0.1:${port}/api?token=${token}`, `http://127.0.0.1:${port}`);
    try {
      const path = join(serve.saveDir, 'locked.tar');
      writeFileSync(path, 'secret');
      chmodSync(path, 0o000);
      await client.call('images.load', { source: { kind: 'path', path } }, 'locked');
      const final = await client.waitFor(
        (m) => m.type === 'operation' && m.update.operationId === 'locked' && m.update.state !== 'running',
      );
      expect(final).toMatchObject({
        update: { state: 'failed', error: { code: 'PERMISSION_DENIED', details: { path, kind: 'read' } } },
      });
      expect((await client.call('app.hostInfo', {})).ok).toBe(true);
    } finally {
      client.close();
      await serve.stop();
    }
  });
});

describe('the atomic promise: an exclusive temporary file, renamed on success', () => {
  it('a symlink sitting at NAME.partial is not followed, and its target is untouched', async () => {
    const path = join(dir, 'linked.tar');
    const victim = join(dir, 'victim.txt');
    writeFileSync(victim, 'precious');
    symlinkSync(victim, `${path}.partial`);
    expect(await run('images.save', { references: ['fixture/app:1.0'], path })).toMatchObject({ state: 'succeeded' });
    expect(readFileSync(victim, 'utf8')).toBe('precious');
    expect(lstatSync(`${path}.partial`).isSymbolicLink()).toBe(true);
    expect((await readArchive(path)).repoTags).toEqual(['fixture/app:1.0']);
  });

  it('an existing NAME.partial holding data is left alone', async () => {
    const path = join(dir, 'kept.tar');
    writeFileSync(`${path}.partial`, 'someone else’s half-written file');
    expect(await run('images.save', { references: ['fixture/app:1.0'], path })).toMatchObject({ state: 'succeeded' });
    expect(readFileSync(`${path}.partial`, 'utf8')).toBe('someone else’s half-written file');
    // Only the finished archive and the untouched file: no temporary file left.
    expect(readdirSync(dir).filter((n) => n.startsWith('kept.tar'))).toEqual(['kept.tar', 'kept.tar.partial']);
  });

  it('Windows-style paths are not absolute on Linux and write nothing', async () => {
    for (const path of ['C:\\x.tar', '\\\\srv\\share\\x.tar', 'relative/x.tar']) {
      const r = await run('images.save', { references: ['fixture/app:1.0'], path });
      expect(r).toMatchObject({ state: 'refused', error: { code: 'INVALID_ARGUMENT' } });
    }
    expect(existsSync(join(process.cwd(), 'C:\\x.tar'))).toBe(false);
  });

  it('a save into a folder that does not exist names the folder, before the engine works', async () => {
    const folder = join(dir, 'no', 'such', 'folder');
    const r = await run('images.save', { references: ['fixture/big:1'], path: join(folder, 'x.tar') });
    expect(r).toMatchObject({
      state: 'failed',
      error: { code: 'NOT_FOUND', details: { path: folder, kind: 'folder' } },
    });
    const e = await run('containers.export', { container: 'lading-fixture-user', path: join(folder, 'fs.tar') });
    expect(e).toMatchObject({ state: 'failed', error: { code: 'NOT_FOUND', details: { kind: 'folder' } } });
  });

  it('a save onto a folder says the name is a folder', async () => {
    const path = join(dir, 'occupied.tar');
    mkdirSync(path);
    expect(await run('images.save', { references: ['fixture/app:1.0'], path, overwrite: true })).toMatchObject({
      state: 'failed',
      error: { code: 'NOT_A_FILE', details: { kind: 'folder' } },
    });
  });

  it('a full disk gives DISK_FULL and removes the partial file', async () => {
    // A 1 MiB tmpfs: the save's writes fail with ENOSPC part way.
    const small = mkdtempSync(join(tmpdir(), 'lading-full-'));
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', small]);
    try {
      const path = join(small, 'full.tar');
      expect(await run('images.save', { references: ['fixture/web:latest'], path })).toMatchObject({
        state: 'failed',
        error: { code: 'DISK_FULL' },
      });
      expect(readdirSync(small)).toEqual([]);
    } finally {
      execFileSync('umount', [small]);
      rmSync(small, { recursive: true, force: true });
    }
  });

  it('a folder the user may not write to says so (not "something went wrong")', async () => {
    // Root may write anywhere; a read-only bind stands in for a folder without permission.
    const ro = mkdtempSync(join(tmpdir(), 'lading-ro-'));
    execFileSync('mount', ['--bind', ro, ro]);
    execFileSync('mount', ['-o', 'remount,bind,ro', ro]);
    try {
      const r = await run('images.save', { references: ['fixture/app:1.0'], path: join(ro, 'x.tar') });
      expect(r).toMatchObject({ state: 'failed', error: { code: 'PERMISSION_DENIED' } });
    } finally {
      execFileSync('umount', [ro]);
      chmodSync(ro, 0o755);
      rmSync(ro, { recursive: true, force: true });
    }
  });
});

describe('quitting in the middle of a save', () => {
  it.each(['SIGTERM', 'SIGINT'] as const)(
    '%s cancels the save, removes the partial file, and the process exits',
    async (signal) => {
      const serve = await startServe(env.dockerHost);
      const { port } = new URL(serve.url);
      const token = new URL(serve.url).searchParams.get('token') ?? '';
      const client = await TestWsClient.open(`ws://127.0.0.1:${port}/api?token=${token}`, `http://127.0.0.1:${port}`);
      try {
        const path = join(serve.saveDir, 'big.tar');
        expect((await client.call('images.save', { references: ['fixture/big:1'], path }, 'quit-save')).ok).toBe(true);
        // Wait until bytes are being written, so a partial file exists.
        await client.waitFor(
          (m) =>
            m.type === 'operation' &&
            m.update.operationId === 'quit-save' &&
            m.update.state === 'running' &&
            (m.update.progress as { bytes: number }).bytes > 0,
          120_000,
        );
        expect(readdirSync(serve.saveDir).some((n) => n.endsWith('.partial'))).toBe(true);
        const exited = new Promise<number | null>((resolve) => {
          const poll = setInterval(() => {
            try {
              process.kill(serve.pid, 0);
            } catch {
              clearInterval(poll);
              resolve(0);
            }
          }, 50);
        });
        process.kill(serve.pid, signal);
        await exited;
        expect(readdirSync(serve.saveDir)).toEqual([]);
      } finally {
        client.close();
        await serve.stop();
      }
    },
  );
});

describe('sentences instead of "something went wrong"', () => {
  it('an import URL that answers 404 says so, without the server’s HTML page', async () => {
    const web = createHttpServer((_req, res) => {
      res.writeHead(404, { 'Content-Type': 'text/html' });
      res.end('<html><body><h1>Not Found</h1><p>The requested URL was not found.</p></body></html>');
    });
    await new Promise<void>((resolve) => web.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(web.address() as AddressInfo).port}/rootfs.tar`;
    try {
      const r = await run('images.import', { source: { kind: 'url', url } });
      expect(r).toMatchObject({
        state: 'failed',
        error: { code: 'NOT_FOUND', message: `The server answered 404 Not Found for ${url}`, details: { kind: 'url' } },
      });
      expect(JSON.stringify(r)).not.toContain('<html');
    } finally {
      web.close();
    }
  });

  it('an import URL nothing answers at says so', async () => {
    // A loopback port nobody listens on (bound, then closed).
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(probe.address() as AddressInfo).port}/rootfs.tar`;
    await new Promise((resolve) => probe.close(resolve));
    expect(await run('images.import', { source: { kind: 'url', url } })).toMatchObject({
      state: 'failed',
      error: { code: 'ENGINE_ERROR', details: { kind: 'urlUnreachable', url, reason: 'connection refused' } },
    });
  });

  it('disk usage with the engine down says the engine is not reachable', async () => {
    const gone = join(dir, 'no-engine.sock');
    const down = await startServeHarness({ ...env, dockerHost: `unix://${gone}` }, dir);
    try {
      const reply = await down.client.call('images.diskUsage', {});
      expect(reply).toMatchObject({ ok: false, error: { code: 'ENGINE_UNREACHABLE' } });
    } finally {
      await down.close();
    }
  });
});

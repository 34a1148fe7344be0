import { execFileSync } from 'node:child_process';
import { request } from 'node:http';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../electron/serve/server';
import { sandboxEnv } from '../support/sandbox';
import { readArchive } from '../support/tarEntries';
import { startServeHarness, type ServeHarness } from '../support/serveHarness';
import { TestWsClient } from '../support/wsClient';

const env = sandboxEnv();
/** A several-hundred-megabyte fixture, so a save lasts long enough to cancel. */
const BIG = 'fixture/big:1';

let h: ServeHarness;
let server: RunningServer;
let client: TestWsClient;
let dir: string;
let wsUrl: string;

const finalOf = (operationId: string) => h.finalOf(operationId);

const save = async (operationId: string, args: Record<string, unknown>) => {
  const reply = await client.call('images.save', args, operationId);
  expect(reply).toMatchObject({ ok: true, value: { operationId } });
  return finalOf(operationId);
};

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'lading-save-'));
  h = await startServeHarness(env, dir);
  ({ server, client, wsUrl } = h);
});

afterAll(async () => {
  await h?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('serve mode', () => {
  it('prints a URL with a fresh token', () => {
    expect(server.url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${server.port}/\\?token=[A-Za-z0-9_-]{20,}$`));
  });

  it('refuses every request without the token, and trades the URL token for a cookie', async () => {
    const base = `http://127.0.0.1:${server.port}`;
    expect((await fetch(`${base}/`)).status).toBe(401);
    expect((await fetch(`${base}/index.html`)).status).toBe(401);
    expect((await fetch(`${base}/uploads/x`, { method: 'POST', body: 'x' })).status).toBe(401);
    const first = await fetch(`${base}/?token=${server.token}`, { redirect: 'manual' });
    expect(first.status).toBe(303);
    expect(first.headers.get('location')).toBe('/');
    const cookie = first.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(
      new RegExp(`^lading_token_${server.port}=${server.token}; HttpOnly; SameSite=Strict; Path=/$`),
    );
    const page = await fetch(`${base}/`, { headers: { cookie: cookie.split(';')[0] ?? '' } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<div id="root">');
    // fetch will not forge a Host header; a DNS-rebinding page would send its own name.
    const rebound = await new Promise<number>((done, fail) =>
      request(
        {
          host: '127.0.0.1',
          port: server.port,
          path: '/',
          headers: { host: 'evil.example', cookie: cookie.split(';')[0] },
        },
        (res) => done(res.statusCode ?? 0),
      )
        .on('error', fail)
        .end(),
    );
    expect(rebound).toBe(403);
  });

  it('never caches the page; its content-named scripts are cached for good, and still need the token', async () => {
    const base = `http://127.0.0.1:${server.port}`;
    const first = await fetch(`${base}/?token=${server.token}`, { redirect: 'manual' });
    const cookie = (first.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const page = await fetch(`${base}/`, { headers: { cookie } });
    expect(page.headers.get('cache-control')).toBe('no-store');
    const script = /src="\.?(\/assets\/[^"]+\.js)"/.exec(await page.text())?.[1];
    expect(script).toBeDefined();
    const asset = await fetch(`${base}${script}`, { headers: { cookie } });
    expect(asset.status).toBe(200);
    expect(asset.headers.get('cache-control')).toBe('private, max-age=31536000, immutable');
    expect((await fetch(`${base}${script}`)).status).toBe(401);
  });

  it('refuses a WebSocket without the token or from another origin', async () => {
    await expect(TestWsClient.open(`ws://127.0.0.1:${server.port}/api`)).rejects.toThrow('HTTP 401');
    await expect(TestWsClient.open(`ws://127.0.0.1:${server.port}/api?token=wrong`)).rejects.toThrow('HTTP 401');
    await expect(TestWsClient.open(wsUrl, 'http://evil.example')).rejects.toThrow('HTTP 403');
  });

  it('lists images over the WebSocket', async () => {
    const reply = await client.call('images.list', {});
    expect(reply.ok).toBe(true);
    const tags = reply.ok ? (reply.value as { repoTags: string[] }[]).flatMap((i) => i.repoTags) : [];
    expect(tags).toContain('fixture/app:1.0');
  });
});

describe('save (docker save -o) through serve mode', () => {
  it('saves two images to one archive with their tags, reporting byte progress', async () => {
    const path = join(dir, 'two.tar');
    const final = await save('save-two', { references: ['fixture/app:1.0', 'fixture/web:latest'], path });
    expect(final.update).toMatchObject({ state: 'succeeded', result: { path } });
    const result = final.update.state === 'succeeded' ? (final.update.result as { bytes: number }) : { bytes: -1 };
    expect(statSync(path).size).toBe(result.bytes);
    const archive = await readArchive(path);
    expect(archive.names).toContain('manifest.json');
    expect(new Set(archive.repoTags)).toEqual(new Set(['fixture/app:1.0', 'fixture/web:latest']));
    expect(readdirSync(dir).filter((f) => f.endsWith('.partial'))).toEqual([]);
  });

  it('reports progress in bytes with an estimate while a large image saves', async () => {
    const path = join(dir, 'big.tar');
    const final = await save('save-big', { references: [BIG], path });
    expect(final.update.state).toBe('succeeded');
    const frames = client.events.flatMap((m) =>
      m.type === 'operation' && m.update.operationId === 'save-big' && m.update.state === 'running'
        ? [m.update.progress as { bytes: number; total: number }]
        : [],
    );
    expect(frames.length).toBeGreaterThan(0);
    const bytes = frames.map((f) => f.bytes);
    expect([...bytes].sort((a, b) => a - b)).toEqual(bytes);
    expect(frames.at(-1)?.total).toBeGreaterThan(100_000_000);
    rmSync(path);
  });

  it('cancels a save and leaves no file behind', async () => {
    const path = join(dir, 'cancelled.tar');
    await client.call('images.save', { references: [BIG], path }, 'save-cancel');
    await new Promise((r) => setTimeout(r, 150));
    const cancel = await client.call('operations.cancel', { operationId: 'save-cancel' });
    expect(cancel).toMatchObject({ ok: true, value: { cancelled: true } });
    const final = await finalOf('save-cancel');
    expect(final).toMatchObject({ update: { state: 'cancelled' } });
    expect(readdirSync(dir).filter((f) => f.startsWith('cancelled'))).toEqual([]);
  });

  it('fails a bad reference with NOT_FOUND and writes nothing', async () => {
    const path = join(dir, 'missing.tar');
    const final = await save('save-missing', { references: ['fixture/does-not-exist:1'], path });
    expect(final.update).toMatchObject({ state: 'failed', error: { code: 'NOT_FOUND' } });
    expect(readdirSync(dir).filter((f) => f.startsWith('missing'))).toEqual([]);
  });

  it('will not replace an existing file unless asked to', async () => {
    const path = join(dir, 'exists.tar');
    writeFileSync(path, 'keep me');
    const refused = await save('save-exists', { references: ['fixture/busybox:1'], path });
    expect(refused.update).toMatchObject({ state: 'failed', error: { code: 'FILE_EXISTS' } });
    const replaced = await save('save-replace', { references: ['fixture/busybox:1'], path, overwrite: true });
    expect(replaced.update.state).toBe('succeeded');
    expect((await readArchive(path)).repoTags).toContain('fixture/busybox:1');
  });

  it('reports a full disk clearly and removes the partial file', async () => {
    const small = join(dir, 'tiny-disk');
    mkdirSync(small);
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=256k', 'tmpfs', small]);
    try {
      const final = await save('save-full', { references: ['fixture/app:1.0'], path: join(small, 'full.tar') });
      expect(final.update).toMatchObject({ state: 'failed', error: { code: 'DISK_FULL' } });
      expect(readdirSync(small)).toEqual([]);
    } finally {
      execFileSync('umount', [small]);
    }
  });
});

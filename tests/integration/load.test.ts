import { truncateSync, copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../electron/serve/server';
import { dockerCli, sandboxEnv } from '../support/sandbox';
import { startServeHarness, type ServeHarness } from '../support/serveHarness';
import { TestWsClient } from '../support/wsClient';

const env = sandboxEnv();
const REF = 'fixture/roundtrip:1';

let h: ServeHarness;
let server: RunningServer;
let client: TestWsClient;
let dir: string;
let archive: string;
let seq = 0;

const finalOf = (operationId: string) => h.finalOf(operationId);

const tags = async () =>
  (await dockerCli(env, 'images', '--format', '{{.Repository}}:{{.Tag}}')).trim().split('\n').sort();

/** The browser's part in serve mode: announce the upload, start the load, POST the bytes. */
const uploadAndLoad = async (file: string, opts: { token?: string } = {}) => {
  const body = readFileSync(file);
  const created = await client.call('uploads.create', { name: 'archive.tar', size: body.length });
  if (!created.ok) throw new Error(created.error.message);
  const { uploadId, path } = created.value as { uploadId: string; path: string };
  const operationId = `load-${++seq}`;
  const started = await client.call('images.load', { source: { kind: 'upload', uploadId } }, operationId);
  expect(started.ok).toBe(true);
  const post = await fetch(`http://127.0.0.1:${server.port}${path}?token=${opts.token ?? server.token}`, {
    method: 'POST',
    body,
  }).catch((err: unknown) => err);
  return { final: await finalOf(operationId), post, operationId };
};

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'lading-load-'));
  archive = join(dir, 'roundtrip.tar');
  await dockerCli(env, 'tag', 'fixture/busybox:1', REF);
  await dockerCli(env, 'save', '-o', archive, REF);
  h = await startServeHarness(env, dir);
  ({ server, client } = h);
});

afterAll(async () => {
  await h?.close();
  await dockerCli(env, 'rmi', REF).catch(() => '');
  rmSync(dir, { recursive: true, force: true });
});

describe('load (docker load -i)', () => {
  it('loads an archive streamed from the browser side and names what it loaded', async () => {
    await dockerCli(env, 'rmi', REF);
    expect(await tags()).not.toContain(REF);
    const { final, post } = await uploadAndLoad(archive);
    expect(final.update).toMatchObject({ state: 'succeeded', result: { images: [REF] } });
    expect((post as Response).status).toBe(204);
    expect(await tags()).toContain(REF);
    const progress = client.events.filter(
      (m) =>
        m.type === 'operation' && m.update.operationId === final.update.operationId && m.update.state === 'running',
    );
    expect(progress.length).toBeGreaterThan(0);
  });

  it('loads an archive from a path on the main side', async () => {
    await dockerCli(env, 'rmi', REF);
    await client.call('images.load', { source: { kind: 'path', path: archive } }, 'load-path');
    const final = await finalOf('load-path');
    expect(final.update).toMatchObject({ state: 'succeeded', result: { images: [REF] } });
    expect(await tags()).toContain(REF);
  });

  it('refuses a truncated archive with the engine’s reason and changes nothing', async () => {
    const truncated = join(dir, 'truncated.tar');
    copyFileSync(archive, truncated);
    truncateSync(truncated, Math.floor(readFileSync(archive).length / 2));
    await dockerCli(env, 'rmi', REF);
    const before = await tags();
    const { final } = await uploadAndLoad(truncated);
    expect(final.update).toMatchObject({ state: 'failed', error: { code: 'INVALID_ARCHIVE' } });
    if (final.update.state === 'failed') expect(final.update.error.message).toMatch(/unexpected EOF|tar/i);
    expect(await tags()).toEqual(before);
  });

  it('refuses an upload without the token, and an upload id from another session', async () => {
    const created = await client.call('uploads.create', { name: 'x.tar', size: 1 });
    const { uploadId, path } = (created.ok ? created.value : {}) as { uploadId: string; path: string };
    const post = await fetch(`http://127.0.0.1:${server.port}${path}?token=wrong`, { method: 'POST', body: 'x' });
    expect(post.status).toBe(401);
    const other = await TestWsClient.open(`ws://127.0.0.1:${server.port}/api?token=${server.token}`);
    try {
      await other.call('images.load', { source: { kind: 'upload', uploadId } }, 'load-foreign');
      const final = await other.waitFor((m) => m.type === 'operation' && m.update.state !== 'running');
      expect(final).toMatchObject({ update: { state: 'failed', error: { code: 'NOT_FOUND' } } });
    } finally {
      other.close();
    }
  });
});

import { mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { get, type IncomingMessage } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import tar from 'tar-stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sandboxEnv } from '../support/sandbox';
import { startServeHarness, type ServeHarness } from '../support/serveHarness';
import { TestWsClient } from '../support/wsClient';

/**
 * Serve mode's file access: Save and Export stream to the browser as a
 * download (one-time URL behind the token), and server-side paths are
 * allowed only inside the files roots, for reading and writing.
 */
const env = sandboxEnv();
let h: ServeHarness;
let root: string;
let outside: string;
let ops = 0;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'lading-root-'));
  outside = mkdtempSync(join(tmpdir(), 'lading-outside-'));
  h = await startServeHarness(env, root, [root]);
});

afterAll(async () => {
  await h?.close();
  rmSync(root, { recursive: true, force: true });
  rmSync(outside, { recursive: true, force: true });
});

const start = async (method: string, args: unknown, client = h.client) => {
  const id = `serve-files-${++ops}`;
  const reply = await client.call(method, args, id);
  return { id, reply };
};
const final = async (id: string) => (await h.finalOf(id)).update;

const createDownload = async (name: string, client = h.client) => {
  const reply = await client.call('downloads.create', { name });
  if (!reply.ok) throw new Error(JSON.stringify(reply.error));
  return reply.value as { downloadId: string; url: string };
};

const fetchUrl = (url: string, withToken = true): Promise<IncomingMessage> =>
  new Promise((resolve, reject) => {
    const full = `http://127.0.0.1:${h.server.port}${url}${withToken ? `?token=${h.server.token}` : ''}`;
    get(full, resolve).on('error', reject);
  });

const body = async (res: IncomingMessage): Promise<Buffer> => {
  const chunks: Buffer[] = [];
  for await (const c of res) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
};

const repoTagsOf = async (archive: Buffer): Promise<string[]> => {
  const extract = tar.extract();
  let tags: string[] = [];
  const done = (async () => {
    for await (const entry of extract) {
      if (entry.header.name === 'manifest.json') {
        const chunks: Buffer[] = [];
        for await (const c of entry) chunks.push(c as Buffer);
        tags = (JSON.parse(Buffer.concat(chunks).toString()) as { RepoTags: string[] }[]).flatMap((m) => m.RepoTags);
      } else entry.resume();
    }
  })();
  extract.end(archive);
  await done;
  return tags;
};

describe('Save and Export download to the browser', () => {
  it('streams the archive to a one-time URL, and writes nothing on the server', async () => {
    const { downloadId, url } = await createDownload('app.tar');
    const { id, reply } = await start('images.save', { references: ['fixture/app:1.0'], download: downloadId });
    expect(reply.ok).toBe(true);
    const res = await fetchUrl(url);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toContain('filename="app.tar"');
    expect(res.headers['content-type']).toBe('application/x-tar');
    const bytes = await body(res);
    expect(await repoTagsOf(bytes)).toEqual(['fixture/app:1.0']);
    expect(await final(id)).toMatchObject({ state: 'succeeded', result: { path: 'app.tar', bytes: bytes.length } });
    expect(readdirSync(root)).toEqual([]);
    // One use only.
    expect((await fetchUrl(url)).statusCode).toBe(404);
  });

  it('the URL needs the token, and another session cannot use the download', async () => {
    const { downloadId, url } = await createDownload('x.tar');
    expect((await fetchUrl(url, false)).statusCode).toBe(401);
    const other = await TestWsClient.open(
      `ws://127.0.0.1:${h.server.port}/api?token=${h.server.token}`,
      `http://127.0.0.1:${h.server.port}`,
    );
    try {
      await other.call('images.save', { references: ['fixture/app:1.0'], download: downloadId }, 'other-session');
      const theirs = await other.waitFor(
        (m) => m.type === 'operation' && m.update.operationId === 'other-session' && m.update.state !== 'running',
      );
      expect(theirs).toMatchObject({ update: { state: 'failed', error: { code: 'NOT_FOUND' } } });
    } finally {
      other.close();
    }
  });

  it('a cancel cuts the download; the browser stopping it cancels the save', async () => {
    const first = await createDownload('big.tar');
    const cancelled = await start('images.save', { references: ['fixture/big:1'], download: first.downloadId });
    const res = await fetchUrl(first.url);
    expect(res.statusCode).toBe(200);
    const cut = new Promise<boolean>((resolve) => {
      res.on('aborted', () => resolve(true));
      res.on('end', () => resolve(false));
      res.on('error', () => resolve(true));
      res.resume();
    });
    await h.client.call('operations.cancel', { operationId: cancelled.id });
    expect(await final(cancelled.id)).toMatchObject({ state: 'cancelled' });
    expect(await cut).toBe(true);

    const second = await createDownload('big2.tar');
    const stopped = await start('images.save', { references: ['fixture/big:1'], download: second.downloadId });
    const res2 = await fetchUrl(second.url);
    res2.once('data', () => res2.destroy());
    expect(await final(stopped.id)).toMatchObject({ state: 'cancelled' });
    // The backend is still serving.
    expect((await h.client.call('app.hostInfo', {})).ok).toBe(true);
  });

  it('a failed save answers the browser with the reason instead of a file', async () => {
    const { downloadId, url } = await createDownload('missing.tar');
    const { id } = await start('images.save', { references: ['fixture/no-such:1'], download: downloadId });
    const res = await fetchUrl(url);
    expect(await final(id)).toMatchObject({ state: 'failed', error: { code: 'NOT_FOUND' } });
    expect(res.statusCode).toBe(404);
    expect((await body(res)).toString()).toContain('fixture/no-such:1');
  });

  it('Export downloads a container’s file system', async () => {
    const { downloadId, url } = await createDownload('fs.tar');
    const { id } = await start('containers.export', { container: 'lading-fixture-user', download: downloadId });
    const res = await fetchUrl(url);
    const bytes = await body(res);
    expect(await final(id)).toMatchObject({ state: 'succeeded', result: { bytes: bytes.length } });
    expect(bytes.length).toBeGreaterThan(1024);
  });
});

describe('server-side paths only inside the files roots', () => {
  const refusedOutside = { state: 'failed', error: { code: 'PERMISSION_DENIED', details: { kind: 'outsideRoots' } } };

  it('refuses to write outside, or through .. out of a root', async () => {
    for (const path of [join(outside, 'x.tar'), `${root}/../x.tar`, '/etc/lading.tar']) {
      const { id } = await start('images.save', { references: ['fixture/app:1.0'], path });
      expect(await final(id)).toMatchObject(refusedOutside);
    }
    const { id } = await start('containers.export', { container: 'lading-fixture-user', path: join(outside, 'f.tar') });
    expect(await final(id)).toMatchObject(refusedOutside);
    expect(readdirSync(outside)).toEqual([]);
  });

  it('refuses to read outside, also through a link inside a root', async () => {
    const secret = join(outside, 'secret.tar');
    writeFileSync(secret, 'not for token holders');
    symlinkSync(secret, join(root, 'link.tar'));
    symlinkSync(outside, join(root, 'linked-folder'));
    for (const path of [secret, join(root, 'link.tar'), join(root, 'linked-folder', 'secret.tar')]) {
      const { id } = await start('images.load', { source: { kind: 'path', path } });
      expect(await final(id)).toMatchObject(refusedOutside);
      const imported = await start('images.import', { source: { kind: 'path', path } });
      expect(await final(imported.id)).toMatchObject(refusedOutside);
    }
    const { id } = await start('images.save', {
      references: ['fixture/app:1.0'],
      path: join(root, 'linked-folder', 'x.tar'),
    });
    expect(await final(id)).toMatchObject(refusedOutside);
    expect(readdirSync(outside)).toEqual(['secret.tar']);
    rmSync(join(root, 'link.tar'));
    rmSync(join(root, 'linked-folder'));
  });

  it('inside a root, saves and loads work as before', async () => {
    const path = join(root, 'inside.tar');
    const saved = await start('images.save', { references: ['fixture/app:1.0'], path });
    expect(await final(saved.id)).toMatchObject({ state: 'succeeded' });
    const loaded = await start('images.load', { source: { kind: 'path', path } });
    expect(await final(loaded.id)).toMatchObject({ state: 'succeeded' });
    rmSync(path);
  });
});

import { execFile } from 'node:child_process';
import { get, type IncomingMessage } from 'node:http';
import { createReadStream, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzeArchive } from '../../electron/engine/layers/analyze';
import type { FileContent, LayersSummary, TreeRow } from '../../shared/contract/layerModels';
import { dockerBuild, dockerCli, sandboxEnv } from '../support/sandbox';
import { startServeHarness, type ServeHarness } from '../support/serveHarness';
import { ADDED_BYTES, baseFileBytes, buildWasteImage, WASTE_BYTES } from '../support/wasteImage';

const run = promisify(execFile);
const env = sandboxEnv();
const IMAGE = 'test/layers-waste:1';
const CHILD = 'test/layers-child:1';
let h: ServeHarness;
let dir: string;
let imageId: string;
let base: number;
let opCount = 0;

/** Runs an operation to its end; its result or its error. */
const operation = async <R>(
  method: string,
  args: unknown,
): Promise<{ state: string; result?: R; error?: { code: string; message: string } }> => {
  const id = `layers-${++opCount}`;
  const reply = await h.client.call(method, args, id);
  if (!reply.ok) return { state: 'refused', error: reply.error };
  const final = await h.finalOf(id);
  return final.update as never;
};
const call = async <R>(method: string, args: unknown): Promise<R> => {
  const reply = await h.client.call(method, args);
  if (!reply.ok) throw new Error(`${method}: ${reply.error.message}`);
  return reply.value as R;
};

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'lading-layers-'));
  imageId = await buildWasteImage(env, IMAGE);
  await dockerBuild(env, CHILD, `FROM ${IMAGE}\nRUN echo child > /child\n`);
  base = await baseFileBytes(env);
  h = await startServeHarness(env, dir);
});

afterAll(async () => {
  await h?.close();
  await dockerCli(env, 'rmi', CHILD, IMAGE).catch(() => '');
  rmSync(dir, { recursive: true, force: true });
});

describe('layers (real engine)', () => {
  let summary: LayersSummary;

  it('counts waste exactly: overwritten, deleted, hidden by an opaque folder, hard links once', async () => {
    const done = await operation<LayersSummary>('layers.analyze', { reference: IMAGE });
    expect(done.state).toBe('succeeded');
    summary = done.result!;
    expect(summary.imageId).toBe(imageId);
    expect(summary.cached).toBe(false);
    expect(summary.totalBytes).toBe(base + ADDED_BYTES);
    expect(summary.wastedBytes).toBe(WASTE_BYTES);
    expect(summary.efficiency).toBeCloseTo(1 - WASTE_BYTES / (base + ADDED_BYTES), 12);
    expect(summary.wasted.map((w) => [w.path, w.bytes, w.layer, w.removedIn, w.how])).toEqual([
      ['/h2', 4000, 1, 4, 'deleted'],
      ['/data/b', 2000, 1, 3, 'deleted'],
      ['/data/a', 1000, 1, 2, 'overwritten'],
      ['/tmpfile', 700, 2, 3, 'deleted'],
      ['/o/x', 300, 1, 3, 'hidden'],
    ]);
    expect(summary.layers).toHaveLength(5);
    expect(summary.layers[2]!.command).toContain('head -c 700 /dev/zero > /tmpfile');
  });

  it('never counts a survivor: the final /data/a (1500) and /keep are not waste', async () => {
    const report = await call<{ wasted: { path: string; bytes: number }[] }>('layers.report', { imageId });
    expect(report.wasted.filter((w) => w.path === '/data/a')).toEqual([{ path: '/data/a', bytes: 1000, layer: 1 }]);
    expect(report.wasted.some((w) => w.path === '/keep' || w.path === '/o/y')).toBe(false);
    const root = (await call<{ rows: TreeRow[] }>('layers.children', { imageId, layer: 4, node: 0 })).rows;
    expect(root.find((r) => r.path === '/keep')).toMatchObject({ wasted: false, size: 500 });
  });

  it('answers a second open from the cache', async () => {
    const again = await operation<LayersSummary>('layers.analyze', { reference: IMAGE });
    expect(again.result).toMatchObject({ cached: true, wastedBytes: WASTE_BYTES, imageId });
  });

  it("shows a layer's changes: the added file and the deleted ones", async () => {
    const l2 = (await call<{ rows: TreeRow[] }>('layers.children', { imageId, layer: 2, onlyChanges: true, node: 0 }))
      .rows;
    expect(l2.find((r) => r.path === '/tmpfile')).toMatchObject({ status: 'added', size: 700, wasted: true });
    const l3 = (await call<{ rows: TreeRow[] }>('layers.children', { imageId, layer: 3, onlyChanges: true, node: 0 }))
      .rows;
    expect(l3.filter((r) => r.status === 'removed').map((r) => r.path)).toEqual(['/h1', '/tmpfile']);
    const found = await call<{ rows: TreeRow[]; total: number }>('layers.search', {
      imageId,
      layer: 4,
      path: 'data',
      minSize: 1000,
    });
    expect(found.rows.map((r) => [r.path, r.size])).toEqual([['/data/a', 1500]]);
  });

  it('opens a text file, tells a binary one, and saves a file out of a layer', async () => {
    const text = await operation<FileContent>('layers.readFile', { imageId, layer: 3, path: '/o/y' });
    expect(text.result).toMatchObject({ text: 'hi\n', binary: false, truncated: false, size: 3 });
    const bin = await operation<FileContent>('layers.readFile', { imageId, layer: 0, path: '/bin/busybox' });
    expect(bin.result).toMatchObject({ binary: true });
    expect(bin.result!.text).toBeUndefined();
    const target = join(dir, 'a-from-layer-2');
    const saved = await operation<{ bytes: number }>('layers.saveFile', { imageId, layer: 2, path: '/data/a', target });
    expect(saved.result).toMatchObject({ bytes: 1500 });
    expect(readFileSync(target)).toEqual(Buffer.alloc(1500, 0));
    const missing = await operation('layers.readFile', { imageId, layer: 4, path: '/data/a' });
    expect(missing.error?.code).toBe('NOT_FOUND');
  });

  it('serve mode: saves a file out of a layer as a download to the browser', async () => {
    const created = await h.client.call('downloads.create', { name: 'y.txt' });
    if (!created.ok) throw new Error(created.error.message);
    const { downloadId, url } = created.value as { downloadId: string; url: string };
    const id = `layers-${++opCount}`;
    await h.client.call('layers.saveFile', { imageId, layer: 3, path: '/o/y', download: downloadId }, id);
    const res = await new Promise<IncomingMessage>((resolve, reject) =>
      get(`http://127.0.0.1:${h.server.port}${url}?token=${h.server.token}`, resolve).on('error', reject),
    );
    const chunks: Buffer[] = [];
    for await (const c of res) chunks.push(c as Buffer);
    expect(res.statusCode).toBe(200);
    expect(Buffer.concat(chunks).toString()).toBe('hi\n');
    expect((await h.finalOf(id)).update).toMatchObject({ state: 'succeeded', result: { path: 'y.txt', bytes: 3 } });
  });

  it('names the other images that share each layer', async () => {
    const { layers } = await call<{ layers: { index: number; images: string[] }[] }>('layers.sharing', { imageId });
    expect(layers).toHaveLength(5);
    expect(layers[0]!.images).toEqual(expect.arrayContaining(['fixture/busybox:1', CHILD]));
    expect(layers[4]!.images).toContain(CHILD);
    expect(layers[4]!.images).not.toContain('fixture/busybox:1');
  });

  it('a read can be stopped: the operation ends cancelled', async () => {
    const id = 'layers-cancel';
    await h.client.call('layers.analyze', { reference: 'fixture/big:1' }, id);
    await h.client.call('operations.cancel', { operationId: id });
    expect((await h.finalOf(id)).update).toMatchObject({ state: 'cancelled' });
  });

  it('an image that does not exist fails with a clear reason', async () => {
    const failed = await operation('layers.analyze', { reference: 'test/no-such-image:1' });
    expect(failed.state).toBe('failed');
    expect(failed.error?.code).toBe('NOT_FOUND');
  });

  it('reads an OCI layout made by skopeo (gzip layers) the same way', async () => {
    const ref = `${env.registry}/test/layers-waste:1`;
    await dockerCli(env, 'tag', IMAGE, ref);
    await dockerCli(env, 'push', ref);
    const archive = join(dir, 'oci.tar');
    await run('skopeo', ['copy', '--src-tls-verify=false', `docker://${ref}`, `oci-archive:${archive}:x`]);
    await dockerCli(env, 'rmi', ref);
    const a = await analyzeArchive(createReadStream(archive), undefined);
    expect(a.totalBytes).toBe(base + ADDED_BYTES);
    expect(a.wastedBytes).toBe(WASTE_BYTES);
    expect(a.report('x').wasted.map((w) => w.path)).toEqual(['/h2', '/data/b', '/data/a', '/tmpfile', '/o/x']);
  });
});

import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import tar from 'tar-stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventMessage, ReplyMessage } from '../../shared/contract/protocol';
import { dockerCli, sandboxEnv, throwawayImage } from '../support/sandbox';
import { startServeFromSource, type SourceServe } from '../support/serveSource';
import { TestWsClient } from '../support/wsClient';

const run = promisify(execFile);
const env = sandboxEnv();
const REFS = ['fixture/cut-a:1', 'fixture/cut-b:1'];

let dir: string;
let plain: Buffer;
let gzipped: Buffer;
let serve: SourceServe;
let client: TestWsClient;
let seq = 0;

/** Sorted "ID repo:tag" lines: the engine's image list as `docker images -a` prints it. */
const listing = async () =>
  (await dockerCli(env, 'images', '-a', '--no-trunc', '--format', '{{.ID}} {{.Repository}}:{{.Tag}}'))
    .trim()
    .split('\n')
    .sort();

interface Entry {
  /** Offset of the entry's header block. */
  header: number;
  /** Offset of its data, and the data's size. */
  data: number;
  size: number;
}

/** Where each entry of a tar sits, read with tar-stream from the real file. */
const entriesOf = async (archive: Buffer): Promise<Entry[]> => {
  const extract = tar.extract();
  extract.end(archive);
  const found: Entry[] = [];
  for await (const entry of extract) {
    const { byteOffset = 0, size = 0 } = entry.header as tar.Headers & { byteOffset?: number };
    found.push({ header: byteOffset - 512, data: byteOffset, size });
    entry.resume();
  }
  return found;
};

/**
 * Offsets to cut a tar at: each entry boundary, inside each header (its size
 * and checksum fields), inside each entry's data, at the end of the data
 * before its padding, and evenly spread ones — all before the end of the last
 * entry (past it the archive is whole but for its end-of-archive blocks).
 */
const tarCuts = (entries: Entry[], total: number): number[] => {
  const last = Math.max(...entries.map((e) => e.data + Math.ceil(e.size / 512) * 512));
  const cuts = new Set<number>();
  for (const e of entries) {
    cuts.add(e.header);
    cuts.add(e.header + 130);
    cuts.add(e.header + 150);
    if (e.size > 0) {
      cuts.add(e.data + Math.floor(e.size / 2));
      cuts.add(e.data + e.size);
    }
  }
  for (let i = 1; i < 12; i++) cuts.add(Math.floor((last * i) / 12));
  expect(last).toBeLessThan(total);
  return [...cuts].filter((o) => o > 0 && o < last).sort((a, b) => a - b);
};

/** `p`, or a failure as soon as the backend process ends (its answers would never come). */
const whileAlive = <T>(p: Promise<T>): Promise<T> =>
  Promise.race([
    p,
    serve.exited.then((code) => {
      throw new Error(`backend exited (${code})\n${serve.output()}`);
    }),
  ]);

/** The browser's part in serve mode: announce the upload, start the load, POST the bytes. */
const loadCut = async (bytes: Buffer) => {
  const created = await whileAlive(client.call('uploads.create', { name: 'cut.tar', size: bytes.length }));
  if (!created.ok) throw new Error(created.error.message);
  const { uploadId, path } = created.value as { uploadId: string; path: string };
  const operationId = `cut-${++seq}`;
  const started = await whileAlive(client.call('images.load', { source: { kind: 'upload', uploadId } }, operationId));
  expect(started.ok).toBe(true);
  await fetch(`${serve.origin}${path}?token=${serve.token}`, { method: 'POST', body: bytes }).catch(() => undefined);
  const final = (await whileAlive(
    client.waitFor(
      (m) => m.type === 'operation' && m.update.operationId === operationId && m.update.state !== 'running',
      60_000,
    ),
  )) as Extract<EventMessage, { type: 'operation' }>;
  return final.update;
};

/** A request over the same connection, or the reason there is no answer: the process ended. */
const stillAnswers = async (): Promise<ReplyMessage | string> =>
  Promise.race([client.call('app.hostInfo', {}), serve.exited.then((code) => `backend exited (${code})`)]);

/**
 * Loads each cut and returns what went wrong, one line per cut: a refusal
 * that is not "truncated", or a backend that no longer answers (then the
 * remaining cuts are not tried: the process is gone).
 */
const refusalsOtherThanTruncated = async (whole: Buffer, cuts: number[], label: string): Promise<string[]> => {
  const wrong: string[] = [];
  for (const cut of cuts) {
    const update = await loadCut(whole.subarray(0, cut));
    const error = update.state === 'failed' ? update.error : undefined;
    const got = `${update.state} ${error?.code ?? ''} ${String(error?.details?.problem ?? '')}`;
    if (got !== 'failed INVALID_ARCHIVE truncated')
      wrong.push(`${label} cut at ${cut}: ${got} (${error?.message ?? ''})`);
    const answer = await stillAnswers();
    if (typeof answer === 'string' || !answer.ok) {
      wrong.push(`${label} cut at ${cut}: ${typeof answer === 'string' ? answer : 'no answer'}\n${serve.output()}`);
      break;
    }
  }
  return wrong;
};

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'lading-cut-'));
  // Two small images sharing the busybox layer: a real two-image archive of ~2 MB.
  for (const ref of REFS) await throwawayImage(env, ref);
  const archive = join(dir, 'two.tar');
  await dockerCli(env, 'save', '-o', archive, ...REFS);
  await run('gzip', ['-k', archive]);
  plain = readFileSync(archive);
  gzipped = readFileSync(`${archive}.gz`);
  for (const ref of REFS) await dockerCli(env, 'rmi', ref);
  serve = await startServeFromSource(env.dockerHost);
  client = await TestWsClient.open(serve.wsUrl, serve.origin);
});

afterAll(async () => {
  client?.close();
  await serve?.stop();
  for (const ref of REFS) await dockerCli(env, 'rmi', ref).catch(() => '');
  rmSync(dir, { recursive: true, force: true });
});

describe('a truncated archive never takes the backend down', () => {
  it('a docker-archive cut anywhere (headers, data, entry boundaries) is refused as truncated', async () => {
    const before = await listing();
    const cuts = tarCuts(await entriesOf(plain), plain.length);
    expect(cuts.length).toBeGreaterThanOrEqual(40);
    expect(await refusalsOtherThanTruncated(plain, cuts, 'tar')).toEqual([]);
    expect(serve.alive()).toBe(true);
    expect(await listing()).toEqual(before);
  });

  it('a gzip-compressed archive cut anywhere is refused as truncated', async () => {
    const before = await listing();
    // From the end of the magic number (2 bytes) on: inside the gzip header, the data, the trailer.
    const cuts = new Set([2, 5, 12, gzipped.length - 4, gzipped.length - 1]);
    for (let i = 1; i < 16; i++) cuts.add(Math.floor((gzipped.length * i) / 16));
    expect(
      await refusalsOtherThanTruncated(
        gzipped,
        [...cuts].sort((a, b) => a - b),
        'gzip',
      ),
    ).toEqual([]);
    expect(serve.alive()).toBe(true);
    expect(await listing()).toEqual(before);
  });

  it('the whole archive still loads afterwards, from the same process', async () => {
    const update = await loadCut(plain);
    expect(update).toMatchObject({ state: 'succeeded', result: { images: expect.arrayContaining(REFS) as unknown } });
  });
});

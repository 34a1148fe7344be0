import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import tar from 'tar-stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReplyMessage } from '../../shared/contract/protocol';
import { dockerCli, imageListing, sandboxEnv, throwawayImage } from '../support/sandbox';
import { startServeFromSource, type SourceServe } from '../support/serveSource';
import { loadUpload } from '../support/serveUpload';
import { TestWsClient } from '../support/wsClient';

const run = promisify(execFile);
const env = sandboxEnv();
const REFS = ['fixture/cut-a:1', 'fixture/cut-b:1'];

let dir: string;
let plain: Buffer;
let gzipped: Buffer;
/** The same archive compressed by the bzip2, xz and zstd tools. */
const compressed = new Map<string, Buffer>();
let serve: SourceServe;
let client: TestWsClient;

const listing = () => imageListing(env);

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
    const { byteOffset = 0, size = 0 } = entry.header as tar.Header & { byteOffset?: number };
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

const loadCut = (bytes: Buffer) => loadUpload(serve, client, bytes, 'cut.tar');

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
  await run('bzip2', ['-k', archive]);
  await run('xz', ['-k', archive]);
  await run('zstd', ['-q', archive]);
  for (const ext of ['bz2', 'xz', 'zst']) compressed.set(ext, readFileSync(`${archive}.${ext}`));
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

  it('a bzip2, xz or zstd archive cut anywhere is refused as truncated', async () => {
    const before = await listing();
    const wrong: string[] = [];
    for (const [ext, whole] of compressed) {
      // From just past each format's magic number to one byte short of the end.
      const cuts = new Set([6, 40, whole.length - 1]);
      for (let i = 1; i < 6; i++) cuts.add(Math.floor((whole.length * i) / 6));
      wrong.push(
        ...(await refusalsOtherThanTruncated(
          whole,
          [...cuts].sort((a, b) => a - b),
          ext,
        )),
      );
    }
    expect(wrong).toEqual([]);
    expect(serve.alive()).toBe(true);
    expect(await listing()).toEqual(before);
  });

  it('the whole archive still loads afterwards, from the same process', async () => {
    const update = await loadCut(plain);
    expect(update).toMatchObject({ state: 'succeeded', result: { images: expect.arrayContaining(REFS) as unknown } });
  });
});

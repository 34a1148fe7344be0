import { createReadStream, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fillAtomically } from '../../electron/engine/archives/atomicFile';
import { downloadThreadCount, downloadToFile, MAX_DOWNLOAD_THREADS } from '../../electron/engine/archives/fileDownload';
import { toApiError } from '../../electron/engine/errors';
import { createDockerClient } from '../../electron/engine/host';
import { cliSave, digest } from '../support/cliSave';
import { sandboxEnv } from '../support/sandbox';

const env = sandboxEnv();
const docker = createDockerClient(env.dockerHost);
const dir = mkdtempSync(join(tmpdir(), 'lading-file-download-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A save through the worker thread into PATH, as images.save does; resolves with the byte counts it reported. */
const saveThroughThread = async (
  enginePath: string,
  path: string,
  signal: AbortSignal,
  onBytes = (_: number) => {},
  client = docker,
) => {
  const reported: number[] = [];
  let bytes = 0;
  await fillAtomically(path, signal, async (fd) => {
    bytes = await downloadToFile(client, enginePath, fd, signal, (n) => {
      reported.push(n);
      onBytes(n);
    });
  });
  return { bytes, reported };
};

/** What a save through the thread into a new file rejects with. */
const failureOf = (enginePath: string, client = docker): Promise<unknown> =>
  saveThroughThread(enginePath, join(dir, 'never.tar'), new AbortController().signal, undefined, client).catch(
    (e: unknown) => e,
  );

describe('saves written by a thread of their own (fileDownload.ts)', () => {
  it('the file is exactly what `docker save` gives, and progress counts up to its size', async () => {
    const path = join(dir, 'big.tar');
    const { bytes, reported } = await saveThroughThread(
      '/images/get?names=fixture%2Fbig%3A1',
      path,
      new AbortController().signal,
    );
    const cli = await cliSave(env, 'fixture/big:1');
    expect(await digest(createReadStream(path))).toEqual(cli);
    expect(bytes).toBe(cli.bytes);
    expect(reported.at(-1)).toBe(cli.bytes);
    expect(reported).toEqual([...reported].sort((a, b) => a - b));
    expect(readdirSync(dir)).toEqual(['big.tar']);
    rmSync(path);
  });

  it("an engine refusal carries the engine's status and sentence, and leaves no file", async () => {
    const err = await failureOf('/containers/lading-no-such-container/export');
    const api = toApiError(err);
    expect(api.code).toBe('NOT_FOUND');
    expect(api.message).toMatch(/No such container: lading-no-such-container/);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('a cancel mid-stream stops the thread: CANCELLED, and no file, partial or whole, is left', async () => {
    const ac = new AbortController();
    let seen = 0;
    const err = await saveThroughThread('/images/get?names=fixture%2Fbig%3A1', join(dir, 'cut.tar'), ac.signal, (n) => {
      seen = n;
      ac.abort();
    }).catch((e: unknown) => e);
    expect(toApiError(err).code).toBe('CANCELLED');
    expect(seen).toBeGreaterThan(0);
    expect(seen).toBeLessThan((await cliSave(env, 'fixture/big:1')).bytes);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('an engine that is not there is said so', async () => {
    const gone = createDockerClient('unix:///tmp/lading-no-engine-here.sock');
    const err = await failureOf('/images/get?names=x', gone);
    expect(toApiError(err).code).toBe('ENGINE_UNREACHABLE');
    expect(readdirSync(dir)).toEqual([]);
  });

  it('an unclean engine path is refused, and leaves no file', async () => {
    const err = await failureOf('/images/../containers/x/export');
    expect(String(err)).toMatch(/refusing engine path/);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('four saves at once: three threads, one shared; cancelling one leaves the others whole; no thread is left after', async () => {
    const ac = [0, 1, 2, 3].map(() => new AbortController());
    const paths = ac.map((_, i) => join(dir, `at-once-${i}.tar`));
    let mostThreads = 0;
    const saves = ac.map((c, i) =>
      saveThroughThread('/images/get?names=fixture%2Fbig%3A1', paths[i] as string, c.signal, () => {
        mostThreads = Math.max(mostThreads, downloadThreadCount());
        if (i === 1) c.abort();
      }).catch((e: unknown) => e),
    );
    const outcomes = await Promise.all(saves);
    expect(mostThreads).toBe(MAX_DOWNLOAD_THREADS);
    const cli = await cliSave(env, 'fixture/big:1');
    expect(toApiError(outcomes[1]).code).toBe('CANCELLED');
    expect(readdirSync(dir).sort()).toEqual(['at-once-0.tar', 'at-once-2.tar', 'at-once-3.tar']);
    for (const i of [0, 2, 3]) {
      expect(outcomes[i]).toMatchObject({ bytes: cli.bytes });
      expect(await digest(createReadStream(paths[i] as string))).toEqual(cli);
    }
    expect(downloadThreadCount()).toBe(0);
    paths.forEach((p) => rmSync(p, { force: true }));
  });
});

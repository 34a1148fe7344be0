import { createReadStream, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createGunzip } from 'node:zlib';
import tar from 'tar-stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dockerCli, sandboxEnv } from '../support/sandbox';
import { startServeHarness, type ServeHarness } from '../support/serveHarness';
import { readArchive } from '../support/tarEntries';

const env = sandboxEnv();
let h: ServeHarness;
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'lading-save-'));
  h = await startServeHarness(env, dir);
});

afterAll(async () => {
  await h?.close();
  rmSync(dir, { recursive: true, force: true });
});

const manifestOfGzip = async (path: string): Promise<string[]> => {
  const extract = tar.extract();
  createReadStream(path).pipe(createGunzip()).pipe(extract);
  let tags: string[] = [];
  for await (const entry of extract) {
    if (entry.header.name === 'manifest.json') {
      const chunks: Buffer[] = [];
      for await (const c of entry) chunks.push(c as Buffer);
      tags = (JSON.parse(Buffer.concat(chunks).toString()) as { RepoTags: string[] }[]).flatMap((m) => m.RepoTags);
    } else entry.resume();
  }
  return tags.sort();
};

describe('save (docker save -o)', () => {
  it('saves several images, tags kept, to one archive', async () => {
    const path = join(dir, 'two.tar');
    await h.client.call('images.save', { references: ['fixture/app:1.0', 'fixture/app:2.0'], path }, 'save-1');
    expect((await h.finalOf('save-1')).update).toMatchObject({ state: 'succeeded' });
    expect((await readArchive(path)).repoTags.sort()).toEqual(['fixture/app:1.0', 'fixture/app:2.0']);
  });

  it('gzips on request, and the result loads with docker load', async () => {
    const path = join(dir, 'web.tar.gz');
    await h.client.call('images.save', { references: ['fixture/web:latest'], path, gzip: true }, 'save-2');
    expect((await h.finalOf('save-2')).update).toMatchObject({ state: 'succeeded' });
    expect(await manifestOfGzip(path)).toEqual(['fixture/web:latest']);
    expect(await dockerCli(env, 'load', '-i', path)).toContain('fixture/web:latest');
  });

  it('a cancelled save leaves no file', async () => {
    const path = join(dir, 'big.tar');
    await h.client.call('images.save', { references: ['fixture/big:1'], path }, 'save-3');
    await h.client.call('operations.cancel', { operationId: 'save-3' });
    expect((await h.finalOf('save-3')).update).toMatchObject({ state: 'cancelled' });
    expect(existsSync(path)).toBe(false);
    expect(readdirSync(dir).filter((f) => f.endsWith('.partial'))).toEqual([]);
    expect(readdirSync(dir).sort()).toEqual(['two.tar', 'web.tar.gz']);
  });
});

import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ContainerSummary } from '../../shared/contract/archiveModels';
import { sandboxEnv } from '../support/sandbox';
import { startServeHarness, type ServeHarness } from '../support/serveHarness';
import { readArchive } from '../support/tarEntries';

const env = sandboxEnv();
let h: ServeHarness;
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'lading-export-'));
  h = await startServeHarness(env, dir);
});

afterAll(async () => {
  await h?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('export (docker export)', () => {
  it('lists the fixture container for the picker', async () => {
    const reply = await h.client.call('containers.list', {});
    expect(reply.ok).toBe(true);
    const list = (reply.ok ? reply.value : []) as ContainerSummary[];
    expect(list.find((c) => c.names.includes('lading-fixture-user'))).toMatchObject({
      image: 'fixture/app:1.0',
      state: 'created',
    });
  });

  it('writes the container’s file system as one flat tar, with no .partial left', async () => {
    const path = join(dir, 'fs.tar');
    await h.client.call('containers.export', { container: 'lading-fixture-user', path }, 'export-1');
    const final = await h.finalOf('export-1');
    expect(final.update).toMatchObject({ state: 'succeeded', result: { path } });
    const { names } = await readArchive(path);
    expect(names).toContain('bin/busybox');
    // A file system, not an image archive: no manifest.json, no layers.
    expect(names).not.toContain('manifest.json');
    expect(readdirSync(dir).filter((f) => f.endsWith('.partial'))).toEqual([]);
  });

  it('will not replace an existing file unless asked, and names an unknown container', async () => {
    const path = join(dir, 'taken.tar');
    writeFileSync(path, 'mine');
    await h.client.call('containers.export', { container: 'lading-fixture-user', path }, 'export-2');
    expect((await h.finalOf('export-2')).update).toMatchObject({ state: 'failed', error: { code: 'FILE_EXISTS' } });
    await h.client.call('containers.export', { container: 'no-such-box', path: join(dir, 'x.tar') }, 'export-3');
    expect((await h.finalOf('export-3')).update).toMatchObject({ state: 'failed', error: { code: 'NOT_FOUND' } });
    expect(readdirSync(dir).sort()).toEqual(['fs.tar', 'taken.tar']);
  });
});

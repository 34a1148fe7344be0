import { createServer, type Server } from 'node:http';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import tar from 'tar-stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportResult } from '../../shared/contract/archiveModels';
import { dockerCli, sandboxEnv } from '../support/sandbox';
import { startServeHarness, type ServeHarness } from '../support/serveHarness';

const env = sandboxEnv();
const REF = 'fixture/imported:1';
const URL_REF = 'fixture/imported-url:1';

let h: ServeHarness;
let dir: string;
let rootfs: string;
let web: Server;
let seq = 0;

/** A tiny root file system: one file, as `tar -C rootfs -c .` would make. */
const makeRootfs = async (): Promise<Buffer> => {
  const pack = tar.pack();
  pack.entry({ name: 'hello.txt', mode: 0o644 }, 'hello from a tarball\n');
  pack.entry({ name: 'etc/', type: 'directory', mode: 0o755 });
  pack.finalize();
  const chunks: Buffer[] = [];
  for await (const c of pack) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
};

const runImport = async (args: Record<string, unknown>) => {
  const id = `import-${++seq}`;
  const reply = await h.client.call('images.import', args, id);
  if (!reply.ok) return { reply, final: undefined };
  return { reply, final: (await h.finalOf(id)).update };
};

type Inspect = { Config: { Cmd: string[] | null; Env: string[] | null; Labels: Record<string, string> | null } };
const inspect = async (ref: string) => (JSON.parse(await dockerCli(env, 'image', 'inspect', ref)) as Inspect[])[0];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'lading-import-'));
  rootfs = join(dir, 'rootfs.tar');
  writeFileSync(rootfs, await makeRootfs());
  // A loopback web server: `docker import URL` fetches from it.
  web = createServer((req, res) => {
    if (req.url === '/rootfs.tar') res.end(readFileSync(rootfs));
    else res.writeHead(404).end();
  });
  await new Promise<void>((r) => web.listen(0, '127.0.0.1', r));
  h = await startServeHarness(env, dir);
});

afterAll(async () => {
  await h?.close();
  web?.close();
  for (const ref of [REF, URL_REF]) await dockerCli(env, 'rmi', ref).catch(() => '');
  rmSync(dir, { recursive: true, force: true });
});

describe('import (docker import)', () => {
  it('imports a tarball with --change CMD, ENV and LABEL, a message, and shows one history step', async () => {
    const { final } = await runImport({
      source: { kind: 'path', path: rootfs },
      reference: REF,
      message: 'made by the import test',
      changes: ['CMD ["sh"]', 'ENV GREETING=hello', 'LABEL origin=test'],
    });
    expect(final).toMatchObject({ state: 'succeeded' });
    const result = (final as { result: ImportResult }).result;
    expect(result.reference).toBe(REF);
    expect(result.layers).toBe(1);
    expect(result.history).toHaveLength(1);
    expect(result.history[0]?.comment).toBe('made by the import test');
    expect(result.config.cmd).toEqual(['sh']);

    const image = await inspect(REF);
    expect(image?.Config.Cmd).toEqual(['sh']);
    expect(image?.Config.Env).toContain('GREETING=hello');
    expect(image?.Config.Labels).toEqual({ origin: 'test' });
  });

  it('imports from a URL the engine downloads', async () => {
    const port = (web.address() as AddressInfo).port;
    const { final } = await runImport({
      source: { kind: 'url', url: `http://127.0.0.1:${port}/rootfs.tar` },
      reference: URL_REF,
      changes: [],
    });
    expect(final).toMatchObject({ state: 'succeeded', result: { reference: URL_REF, layers: 1 } });
    expect((await dockerCli(env, 'images', '-q', URL_REF)).trim()).not.toBe('');
  });

  it('refuses a --change instruction import does not allow, before the engine sees it', async () => {
    // Sorted: images made in the same second list in no fixed order.
    const ids = async () => (await dockerCli(env, 'images', '-a', '-q', '--no-trunc')).trim().split('\n').sort();
    const before = await ids();
    const { reply } = await runImport({
      source: { kind: 'path', path: rootfs },
      reference: 'fixture/never:1',
      changes: ['RUN rm -rf /'],
    });
    expect(reply).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
    expect(await ids()).toEqual(before);
  });
});

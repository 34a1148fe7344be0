import Docker from 'dockerode';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installNoRedirects } from '../../electron/engine/noRedirects';
import { sandboxEnv } from '../support/sandbox';
import { startServe, type ServeProcess } from '../support/serveProcess';
import { startTrapServer, type TrapServer } from '../support/trapServer';
import { TestWsClient } from '../support/wsClient';

/**
 * References and names that are not references (`../`, a leading `/`, `//`,
 * URLs) in every method that takes one, over the real WebSocket of a real
 * serve process on the sandbox engine. The engine answers such paths with a
 * 301; the old engine client followed it to whatever host the Location
 * named (a DNS lookup of "images", or a GET to a caller-chosen host:port)
 * with no error handler, and the process died.
 */
const env = sandboxEnv();
let serve: ServeProcess;
let client: TestWsClient;
let trap: TrapServer;
let outDir: string;
let op = 0;

beforeAll(async () => {
  trap = await startTrapServer();
  serve = await startServe(env.dockerHost);
  outDir = serve.saveDir;
  const port = new URL(serve.url).port;
  const token = new URL(serve.url).searchParams.get('token') ?? '';
  client = await TestWsClient.open(`ws://127.0.0.1:${port}/api?token=${token}`, `http://127.0.0.1:${port}`);
});

afterAll(async () => {
  client?.close();
  await serve?.stop();
  await trap?.close();
});

const hostile = (port: number): string[] => [
  '../x',
  '../../x',
  '/x',
  '/fixture/busybox:1',
  '//127.0.0.1',
  `//127.0.0.1:${port}/x`,
  `http://127.0.0.1:${port}/`,
  `https://127.0.0.1:${port}/x`,
  `../127.0.0.1:${port}/x`,
  `../../127.0.0.1:${port}`,
  `../../../127.0.0.1:${port}/x`,
  `/../../127.0.0.1:${port}/`,
  'fixture/busybox:1/../../x',
  'fixture/busybox:1?force=1',
  'fixture/busybox:1#x',
  'fixture%2Fbusybox',
  'fixture\u0000busybox',
  '.',
  '..',
];

/** Each method that takes an image reference or a container name, with the hostile value in that place. */
const callsFor = (ref: string, dir: string): { method: string; args: unknown }[] => [
  { method: 'images.inspect', args: { reference: ref } },
  { method: 'images.tag', args: { source: ref, target: 'lading-refs/never:1' } },
  { method: 'images.platforms', args: { ids: [ref] } },
  { method: 'images.planRemove', args: { references: [ref] } },
  { method: 'images.remove', args: { references: [ref] } },
  { method: 'images.save', args: { references: [ref], path: join(dir, 'never.tar') } },
  {
    method: 'images.import',
    args: { source: { kind: 'url', url: 'http://127.0.0.1:9/never.tar' }, reference: ref },
  },
  { method: 'containers.export', args: { container: ref, path: join(dir, 'never-export.tar') } },
];

describe('references that are not references', () => {
  it('every method refuses them with INVALID_ARGUMENT before the engine is asked, and the backend keeps serving', async () => {
    const refused: string[] = [];
    for (const ref of hostile(trap.port)) {
      for (const { method, args } of callsFor(ref, outDir)) {
        const reply = await client.call(method, args, `refs-${++op}`);
        expect(reply.ok, `${method} ${JSON.stringify(ref)}`).toBe(false);
        if (!reply.ok) {
          expect(reply.error.code, `${method} ${JSON.stringify(ref)}: ${reply.error.message}`).toBe('INVALID_ARGUMENT');
          refused.push(method);
        }
      }
    }
    expect(refused.length).toBe(hostile(trap.port).length * 8);
    // Still up, still answering, nothing fetched, nothing written.
    expect(serve.alive(), serve.output()).toBe(true);
    const list = await client.call('images.list', {});
    expect(list.ok).toBe(true);
    expect(trap.requests).toEqual([]);
    expect(serve.guardAttempts()).toEqual([]);
    expect(readdirSync(outDir)).toEqual([]);
  });

  it('real references, IDs and container names still work, encoded as one path segment', async () => {
    const tagged = await client.call('images.inspect', { reference: 'fixture/busybox:1' });
    expect(tagged.ok).toBe(true);
    const id = tagged.ok ? (tagged.value as { id: string }).id : '';
    expect(id).toMatch(/^sha256:[a-f0-9]{64}$/);
    for (const reference of [id, id.slice('sha256:'.length), id.slice('sha256:'.length, 19)]) {
      const reply = await client.call('images.inspect', { reference });
      expect(reply.ok, reference).toBe(true);
    }
    const platforms = await client.call('images.platforms', { ids: [id] });
    expect(platforms.ok && (platforms.value as Record<string, string>)[id]).toMatch(/^linux\//);
    // A registry-qualified name with a port (':' and '/' inside one segment).
    const missing = await client.call('images.inspect', { reference: `127.0.0.1:${trap.port}/team/app:1` });
    expect(missing.ok ? 'found' : missing.error.code).toBe('NOT_FOUND');
    expect(trap.requests).toEqual([]);
  });
});

describe('the engine connection never follows a redirect', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'lading-refs-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('a path the engine redirects (straight through dockerode, no contract) is a typed 3xx error and no request leaves for the Location', async () => {
    installNoRedirects();
    const socketPath = env.dockerHost.replace(/^unix:\/\//, '');
    // A plain dockerode client: only the redirect layer stands between it and the Location.
    const docker = new Docker({ socketPath });
    for (const name of [`../127.0.0.1:${trap.port}/x`, `../../../127.0.0.1:${trap.port}/x`, '../x', '/x']) {
      const err = await docker
        .getImage(name)
        .inspect()
        .then(
          () => undefined,
          (e: unknown) => e as { statusCode?: number },
        );
      expect(err?.statusCode, name).toBe(301);
    }
    // Give a followed redirect time to arrive, were one sent.
    await new Promise((r) => setTimeout(r, 300));
    expect(trap.requests).toEqual([]);
  });
});

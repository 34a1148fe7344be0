import { spawnSync } from 'node:child_process';
import dns from 'node:dns';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, get } from 'node:http';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import tls from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  clearAttempts,
  guardAttempts,
  installLoopbackGuard,
  isLoopbackHost,
  uninstallLoopbackGuard,
} from '../support/loopbackGuard';
import { loopbackGuardNodeOptions } from '../support/loopbackGuardPreload';

/** The guard that keeps test traffic on loopback must refuse and record, or the fuzz test proves nothing. */
beforeAll(() => {
  installLoopbackGuard();
});
afterAll(() => uninstallLoopbackGuard());

const errorOf = (socket: net.Socket): Promise<NodeJS.ErrnoException> =>
  new Promise((resolveErr, reject) => {
    socket.once('error', resolveErr);
    socket.once('connect', () => reject(new Error('connected')));
  });

describe('loopback guard', () => {
  it('knows loopback from the rest', () => {
    for (const h of ['localhost', '127.0.0.1', '127.9.8.7', '::1', '[::1]', '0:0:0:0:0:0:0:1', '::ffff:127.0.0.1']) {
      expect(isLoopbackHost(h), h).toBe(true);
    }
    for (const h of [
      'example.com',
      'images',
      '10.0.0.1',
      '0.0.0.0',
      '::',
      '192.0.2.1',
      '::ffff:10.0.0.1',
      '128.0.0.1',
    ]) {
      expect(isLoopbackHost(h), h).toBe(false);
    }
  });

  it('refuses and records DNS lookups of names beyond loopback (callback, promise, resolve*)', async () => {
    clearAttempts();
    const cbErr = await new Promise<NodeJS.ErrnoException | null>((r) => dns.lookup('example.com', (e) => r(e)));
    expect(cbErr?.code).toBe('ENOTFOUND');
    await expect(dns.promises.lookup('images')).rejects.toMatchObject({ code: 'ENOTFOUND' });
    await expect(dns.promises.resolve4('example.org')).rejects.toMatchObject({ code: 'ENOTFOUND' });
    const resolveErr = await new Promise<Error | null>((r) => dns.resolve('example.net', (e) => r(e)));
    expect(resolveErr).toBeInstanceOf(Error);
    expect(guardAttempts().map((a) => a.target)).toEqual([
      'example.com',
      'images',
      'resolve4 example.org',
      'resolve example.net',
    ]);
  });

  it('refuses and records connections beyond loopback: net, http, tls', async () => {
    clearAttempts();
    expect((await errorOf(net.connect(80, '192.0.2.1'))).code).toBe('ECONNREFUSED');
    expect((await errorOf(net.connect({ host: 'example.com', port: 443 }))).code).toBe('ECONNREFUSED');
    const httpErr = await new Promise<NodeJS.ErrnoException>((r) =>
      get('http://example.com/', () => {}).on('error', r),
    );
    expect(httpErr.code).toBe('ECONNREFUSED');
    expect((await errorOf(tls.connect({ host: 'example.com', port: 443 }))).code).toBe('ECONNREFUSED');
    expect(guardAttempts()).toEqual([
      { kind: 'connect', target: '192.0.2.1' },
      { kind: 'connect', target: 'example.com' },
      { kind: 'connect', target: 'example.com' },
      { kind: 'connect', target: 'example.com' },
    ]);
  });

  it('lets loopback through, by address and by name', async () => {
    clearAttempts();
    const server = createServer((_req, res) => res.end('here'));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as net.AddressInfo).port;
    for (const host of ['127.0.0.1', 'localhost']) {
      const body = await new Promise<string>((r, j) =>
        get(`http://${host}:${port}/`, (res) => {
          let b = '';
          res.on('data', (d: Buffer) => (b += d.toString()));
          res.on('end', () => r(b));
        }).on('error', j),
      );
      expect(body).toBe('here');
    }
    await new Promise((r) => server.close(r));
    expect(guardAttempts()).toEqual([]);
  });

  it('the child preload guards a spawned process and writes what it refused to the log', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lading-guard-test-'));
    const log = join(dir, 'attempts.jsonl');
    try {
      const r = spawnSync(
        process.execPath,
        [
          '-e',
          "require('dns').lookup('example.com', (e) => { console.log(e && e.code); require('net').connect(80, '192.0.2.1').on('error', (e2) => console.log(e2.code)); })",
        ],
        {
          env: {
            ...process.env,
            LADING_LOOPBACK_GUARD_LOG: log,
            NODE_OPTIONS: loopbackGuardNodeOptions(),
          },
          encoding: 'utf8',
          timeout: 60_000,
        },
      );
      expect(r.stdout.trim().split('\n')).toEqual(['ENOTFOUND', 'ECONNREFUSED']);
      const lines = readFileSync(log, 'utf8')
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as { kind: string; target: string });
      expect(lines.map((l) => `${l.kind} ${l.target}`)).toEqual(['dns example.com', 'connect 192.0.2.1']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});

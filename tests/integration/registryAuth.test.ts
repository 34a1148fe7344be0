import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer as createHttpsServer } from 'node:https';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RegistryClient } from '../../electron/engine/registries/registryClient';
import type { Credential } from '../../electron/engine/registries/credentials';
import { ApiError } from '../../shared/contract/errors';
import { sandboxEnv } from '../support/sandbox';

const env = sandboxEnv();
const USER = 'tok-user';
const PASSWORD = 'tok-secret';

const listen = async (server: Server | ReturnType<typeof createHttpsServer>) => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
};

/**
 * The real sandbox registry behind a bearer-token front, as Harbor or
 * GitLab put theirs: `/v2/` answers 401 with a Bearer challenge naming a
 * token realm on the same host; the realm hands out a token for the right
 * login; requests with that token pass through to the registry.
 */
const startTokenFront = async () => {
  const tokens = new Set<string>();
  const seen: string[] = [];
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    seen.push(`${req.method} ${url.pathname}${url.search}`);
    if (url.pathname === '/token') {
      const expected = `Basic ${Buffer.from(`${USER}:${PASSWORD}`).toString('base64')}`;
      if (req.headers.authorization !== expected) return void res.writeHead(401).end('{"details":"bad login"}');
      const token = `t-${Math.random().toString(36).slice(2)}`;
      tokens.add(token);
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ token, expires_in: 300 }));
      return;
    }
    const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    if (!bearer || !tokens.has(bearer)) {
      const scope = url.pathname === '/v2/_catalog' ? 'registry:catalog:*' : 'repository:team/app:pull';
      res
        .writeHead(401, {
          'content-type': 'application/json',
          'www-authenticate': `Bearer realm="http://127.0.0.1:${port}/token",service="lading-test",scope="${scope}"`,
        })
        .end('{"errors":[{"code":"UNAUTHORIZED","message":"authentication required"}]}');
      return;
    }
    const [hostname, upstreamPort] = env.registry.split(':');
    const upstream = request(
      { hostname, port: Number(upstreamPort), path: req.url, method: req.method, headers: { host: env.registry } },
      (up) => {
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.pipe(res);
      },
    );
    upstream.on('error', () => res.destroy());
    upstream.end();
  });
  const port = await listen(server);
  return { host: `127.0.0.1:${port}`, seen, close: () => new Promise<void>((r) => server.close(() => r())) };
};

const clientWith = (credential: Credential | undefined) => new RegistryClient({ credential: async () => credential });

const failure = async (p: Promise<unknown>): Promise<ApiError> => {
  try {
    await p;
  } catch (err) {
    if (err instanceof ApiError) return err;
    throw err;
  }
  throw new Error('expected a failure');
};

describe('registry browsing auth and TLS (real registry behind a token front; a throwaway CA)', () => {
  let front: Awaited<ReturnType<typeof startTokenFront>>;
  beforeAll(async () => {
    front = await startTokenFront();
  });
  afterAll(async () => {
    await front.close();
  });

  it('follows a Bearer challenge: token from the realm with the login, then the real catalog and tags', async () => {
    const client = clientWith({ username: USER, password: PASSWORD });
    const repos = await client.repositories(front.host, 1000);
    expect(repos.items).toContain('team/app');
    const tags = await client.tags(front.host, 'team/app', 100);
    expect(tags.items).toContain('1.0');
    expect(front.seen.some((s) => s.startsWith('GET /token?service=lading-test&scope=registry%3Acatalog%3A*'))).toBe(
      true,
    );
  });

  it('says unauthorized for a wrong login or none', async () => {
    const wrong = await failure(clientWith({ username: USER, password: 'nope' }).repositories(front.host, 10));
    expect(wrong).toMatchObject({ code: 'UNAUTHORIZED', details: { kind: 'registry' } });
    const none = await failure(clientWith(undefined).tags(front.host, 'team/app', 10));
    expect(none.code).toBe('UNAUTHORIZED');
  });

  it('names an untrusted certificate (HTTPS registry signed by an unknown CA)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lading-ca-'));
    try {
      const run = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'ignore' });
      run(
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-keyout',
        'ca.key',
        '-out',
        'ca.crt',
        '-days',
        '1',
        '-subj',
        '/CN=Lading throwaway CA',
      );
      run('req', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'srv.key', '-out', 'srv.csr', '-subj', '/CN=127.0.0.1');
      execFileSync('sh', ['-c', 'printf "subjectAltName=IP:127.0.0.1" > ext.cnf'], { cwd: dir });
      run(
        'x509',
        '-req',
        '-in',
        'srv.csr',
        '-CA',
        'ca.crt',
        '-CAkey',
        'ca.key',
        '-CAcreateserial',
        '-out',
        'srv.crt',
        '-days',
        '1',
        '-extfile',
        'ext.cnf',
      );
      const server = createHttpsServer(
        { key: readFileSync(join(dir, 'srv.key')), cert: readFileSync(join(dir, 'srv.crt')) },
        (_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{"repositories":[]}'),
      );
      const port = await listen(server);
      try {
        const err = await failure(clientWith(undefined).repositories(`127.0.0.1:${port}`, 10));
        expect(err).toMatchObject({ code: 'ENGINE_ERROR', details: { kind: 'tls', registry: `127.0.0.1:${port}` } });
      } finally {
        server.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

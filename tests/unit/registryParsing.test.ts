import { describe, expect, it } from 'vitest';
import { classifyRegistryError } from '../../electron/engine/registries/classify';
import { registryAuthHeader } from '../../electron/engine/registries/engineStream';
import { mirrorReference, splitPullReference } from '../../electron/engine/registries/pull';
import { TransferModel } from '../../electron/engine/registries/transferModel';
import { taskProgress } from '../../shared/contract/methods/registries';
import { nextLink, parseWwwAuthenticate } from '../../electron/engine/registries/wwwAuthenticate';

describe('WWW-Authenticate', () => {
  it('reads a bearer challenge with realm, service and scope', () => {
    expect(
      parseWwwAuthenticate(
        'Bearer realm="https://auth.example.com/token",service="registry.example.com",scope="repository:team/app:pull"',
      ),
    ).toEqual([
      {
        scheme: 'bearer',
        params: {
          realm: 'https://auth.example.com/token',
          service: 'registry.example.com',
          scope: 'repository:team/app:pull',
        },
      },
    ]);
  });
  it('reads basic, escaped quotes, tokens without quotes and several challenges', () => {
    expect(parseWwwAuthenticate('Basic realm="Registry \\"Realm\\""')).toEqual([
      { scheme: 'basic', params: { realm: 'Registry "Realm"' } },
    ]);
    expect(parseWwwAuthenticate('Basic realm=r, Bearer realm="https://t/x", error=invalid_token')).toEqual([
      { scheme: 'basic', params: { realm: 'r' } },
      { scheme: 'bearer', params: { realm: 'https://t/x', error: 'invalid_token' } },
    ]);
    expect(parseWwwAuthenticate('Bearer realm="https://t/x",scope="repository:a:pull,push"')[0]?.params.scope).toBe(
      'repository:a:pull,push',
    );
  });
  it('never throws on junk', () => {
    for (const junk of ['', '=', '"', 'Bearer realm="unterminated', ',,,', '\u0000Basic']) {
      expect(() => parseWwwAuthenticate(junk)).not.toThrow();
    }
  });
});

describe('Link pagination', () => {
  it('finds rel="next"', () => {
    expect(nextLink('</v2/_catalog?last=b&n=2>; rel="next"')).toBe('/v2/_catalog?last=b&n=2');
    expect(nextLink('</a>; rel="prev", </v2/x/tags/list?n=1&last=1>; rel=next')).toBe('/v2/x/tags/list?n=1&last=1');
    expect(nextLink(null)).toBeUndefined();
    expect(nextLink('</a>; rel="prev"')).toBeUndefined();
  });
});

describe('TransferModel', () => {
  const layer = (id: string, status: string, current?: number, total?: number) => ({
    id,
    status,
    ...(current !== undefined ? { progressDetail: { current, ...(total !== undefined ? { total } : {}) } } : {}),
  });

  it('keeps the total a lower bound until every layer to download has a size', () => {
    const m = new TransferModel('r:1', 0);
    m.apply({ status: 'Pulling from r', id: '1' });
    m.apply(layer('a', 'Pulling fs layer'));
    m.apply(layer('b', 'Pulling fs layer'));
    m.apply(layer('c', 'Already exists'));
    m.apply(layer('a', 'Downloading', 100, 1000));
    let s = m.snapshot(10);
    expect(s.totalKnown).toBe(false);
    expect(s.bytes).toBe(100);
    expect(s.layers.map((l) => l.state)).toEqual(['downloading', 'waiting', 'exists']);
    // b's size arrives late; the shared (existing) layer c counts in neither bytes nor total.
    m.apply(layer('b', 'Downloading', 50, 500));
    s = m.snapshot(20);
    expect(s).toMatchObject({ bytes: 150, total: 1500, totalKnown: true });
    m.apply(layer('a', 'Download complete'));
    m.apply(layer('a', 'Extracting', 300, 1000));
    s = m.snapshot(30);
    expect(s.bytes).toBe(1050);
    expect(s.layers[0]).toMatchObject({ state: 'extracting', current: 300, total: 1000 });
  });

  it('counts a layer shared by two tags of one pull once, and done stays done', () => {
    const m = new TransferModel('r', 0);
    m.apply(layer('a', 'Downloading', 10, 10));
    m.apply(layer('a', 'Pull complete'));
    m.apply(layer('a', 'Already exists'));
    const s = m.snapshot(1);
    expect(s.layers).toEqual([{ id: 'a', state: 'done' }]);
    expect(s).toMatchObject({ bytes: 10, total: 10 });
  });

  it('reports an errorDetail line as the failure, and reads digest, up-to-date and push aux', () => {
    const m = new TransferModel('r', 0);
    expect(m.apply({ errorDetail: { message: 'blob unknown' }, error: 'blob unknown' })).toBe('blob unknown');
    m.apply({ status: 'Digest: sha256:abc' });
    m.apply({ status: 'Status: Image is up to date for r' });
    m.apply({ aux: { Tag: '1', Digest: 'sha256:def', Size: 527 } });
    expect([m.digest, m.upToDate, m.pushDigest?.Digest]).toEqual(['sha256:abc', true, 'sha256:def']);
  });

  it('reads a push digest from the status line when no aux line comes (Podman)', () => {
    const digest = `sha256:${'b'.repeat(64)}`;
    const podman = new TransferModel('r', 0);
    podman.apply({ status: 'The push refers to repository [127.0.0.1:5000/a:1]' });
    podman.apply({ status: `1: digest: ${digest} size: 1148` });
    expect(podman.pushDigest).toEqual({ Digest: digest, Size: 1148 });
    // Docker sends both: its aux line wins.
    const docker = new TransferModel('r', 0);
    docker.apply({ status: `1: digest: ${digest} size: 1148` });
    docker.apply({ aux: { Tag: '1', Digest: 'sha256:def', Size: 527 } });
    expect(docker.pushDigest?.Digest).toBe('sha256:def');
  });
});

describe('registry failures in plain words', () => {
  const kind = (message: string) => classifyRegistryError(message, '127.0.0.1:5000/a:1').details?.kind;
  it('names the kind the engine’s sentence describes', () => {
    expect(kind('manifest for 127.0.0.1:5000/a:1 not found: manifest unknown: manifest unknown')).toBe('tag');
    expect(kind('Head "http://127.0.0.1:5000/v2/a/manifests/1": no basic auth credentials')).toBe('registry');
    expect(kind('Get "http://127.0.0.1:1/v2/": dial tcp 127.0.0.1:1: connect: connection refused')).toBe(
      'registryUnreachable',
    );
    expect(kind('Get "https://r/v2/": x509: certificate signed by unknown authority')).toBe('tls');
    expect(kind('Get "https://r/v2/": http: server gave HTTP response to HTTPS client')).toBe('httpToHttps');
    expect(kind("pull access denied for x, repository does not exist or may require 'docker login'")).toBe(
      'repository',
    );
    expect(classifyRegistryError('something new', 'a').code).toBe('ENGINE_ERROR');
  });
  it('names the platform a manifest list lacks, in Docker’s words and in Podman’s', () => {
    const docker = classifyRegistryError('no matching manifest for linux/s390x in the manifest list entries', 'a:1');
    expect(docker).toMatchObject({ code: 'NOT_FOUND', details: { kind: 'platform', platform: 'linux/s390x' } });
    const podman = classifyRegistryError(
      'choosing an image from manifest list docker://r/a:1: no image found in manifest list for architecture arm, variant "v7", OS linux',
      'a:1',
    );
    expect(podman.details).toMatchObject({ kind: 'platform', platform: 'linux/arm/v7' });
    // The platform the user asked for wins over the engine's spelling of it.
    const asked = classifyRegistryError('no matching manifest for linux/arm64/v8 in the manifest list entries', 'a:1', {
      platform: 'linux/arm64',
    });
    expect(asked.details).toMatchObject({ kind: 'platform', platform: 'linux/arm64' });
  });
});

describe('references for the engine and mirrors', () => {
  it('splits name, tag and digest; -a leaves the tag out', () => {
    expect(splitPullReference('busybox', false)).toMatchObject({ name: 'busybox', tag: 'latest' });
    expect(splitPullReference('busybox', true).tag).toBeUndefined();
    expect(splitPullReference('127.0.0.1:5000/a/b:1', false)).toMatchObject({ name: '127.0.0.1:5000/a/b', tag: '1' });
    const digest = `sha256:${'a'.repeat(64)}`;
    expect(splitPullReference(`x@${digest}`, false)).toMatchObject({ name: 'x', tag: digest });
  });
  it('puts official images under library/ on a mirror', () => {
    expect(mirrorReference('m:5000', 'busybox', '1', undefined)).toBe('m:5000/library/busybox:1');
    expect(mirrorReference('m:5000', 'team/app', 'latest', undefined)).toBe('m:5000/team/app:latest');
  });
});

describe('X-Registry-Auth', () => {
  it('is padded base64url JSON, as the docker CLI sends it (Podman refuses it unpadded)', () => {
    expect(registryAuthHeader(undefined)).toBe('e30=');
    const header = registryAuthHeader({ username: 'u?>', password: 'p~~' });
    expect(header).toMatch(/^[A-Za-z0-9_-]+=*$/);
    expect(header.length % 4).toBe(0);
    expect(JSON.parse(Buffer.from(header, 'base64url').toString())).toEqual({ username: 'u?>', password: 'p~~' });
  });
});

describe('the drawer’s view of a transfer', () => {
  it('counts layers only when the engine reports no bytes (Podman), bytes otherwise', () => {
    const base = { totalKnown: true, bytesPerSecond: 0, reference: 'r' };
    const podman = taskProgress({
      ...base,
      bytes: 0,
      total: 0,
      layers: [
        { id: 'a', state: 'done' },
        { id: 'b', state: 'verifying' },
      ],
    });
    expect(podman).toEqual({ bytesPerSecond: 0, steps: { done: 1, total: 2 } });
    const docker = taskProgress({ ...base, bytes: 5, total: 10, layers: [{ id: 'a', state: 'downloading' }] });
    expect(docker).toMatchObject({ bytes: 5, total: 10, steps: { done: 0, total: 1 } });
  });
});

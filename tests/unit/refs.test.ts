import { describe, expect, it } from 'vitest';
import { isUncleanEnginePath, pathSegment } from '../../electron/engine/refs';
import { ContainerRef, Digest, ImageId, ImageRef } from '../../shared/contract/schemas';

const id = 'c1526ee7c74648c139483f9573d56495a20c603f7b82d9691f886570e13a3e09';

describe('ImageRef: Docker reference grammar or an image ID', () => {
  it.each([
    'busybox',
    'fixture/busybox:1',
    'localhost/app:latest',
    '127.0.0.1:5000/team/app:1.0',
    `team/app@sha256:${id}`,
    `team/app:1@sha256:${id}`,
    `sha256:${id}`,
    id,
    id.slice(0, 12),
    'sha256:c1526e',
  ])('accepts %s', (ref) => expect(ImageRef.safeParse(ref).success).toBe(true));

  it.each([
    '../x',
    '/x',
    '//host/x',
    'http://127.0.0.1:8080/',
    'https://example.com/x',
    'a/../b',
    'a//b',
    'x?force=1',
    'x#y',
    'x%2Fy',
    'x\u0000y',
    'UPPER',
    '..',
    '',
    ' ',
    'x'.repeat(600),
    'app@sha256:short',
  ])('refuses %j', (ref) => expect(ImageRef.safeParse(ref).success).toBe(false));
});

describe('ImageId, Digest, ContainerRef', () => {
  it('ImageId is hex, optionally sha256:', () => {
    expect(ImageId.safeParse(`sha256:${id}`).success).toBe(true);
    expect(ImageId.safeParse(id.slice(0, 12)).success).toBe(true);
    for (const bad of ['busybox', `sha256:${id}0`, '../x', 'sha256:', `sha512:${id}`]) {
      expect(ImageId.safeParse(bad).success, bad).toBe(false);
    }
  });

  it('Digest is algorithm:hex', () => {
    expect(Digest.safeParse(`sha256:${id}`).success).toBe(true);
    expect(Digest.safeParse('sha256:abc').success).toBe(false);
    expect(Digest.safeParse(`../sha256:${id}`).success).toBe(false);
  });

  it('ContainerRef is a container name or ID', () => {
    for (const good of ['box', 'my_box.1-a', 'Box2', id, id.slice(0, 12)]) {
      expect(ContainerRef.safeParse(good).success, good).toBe(true);
    }
    for (const bad of ['../x', '/box', '//h', 'http://127.0.0.1/', '_box', '.box', 'a/b', 'a b', 'a\u0000b', '']) {
      expect(ContainerRef.safeParse(bad).success, bad).toBe(false);
    }
  });
});

describe('engine paths', () => {
  it('encodes a name as one path segment', () => {
    expect(pathSegment('127.0.0.1:5000/team/app:1')).toBe('127.0.0.1%3A5000%2Fteam%2Fapp%3A1');
    expect(pathSegment('x?y#z')).toBe('x%3Fy%23z');
  });

  it('tells a path the engine would redirect (decoded as the engine decodes it)', () => {
    for (const clean of ['/images/json?', '/images/fixture%2Fbusybox%3A1/json', '/containers/box/export', '/x/']) {
      expect(isUncleanEnginePath(clean), clean).toBe(false);
    }
    for (const unclean of [
      '/images/../x/json',
      '/images/..%2F..%2Fx/json',
      '/images//x/json',
      '/images/%2Fx/json',
      '/images/./x',
      '/images/x%00/json',
      '/images/%E0%A4%A/json',
    ]) {
      expect(isUncleanEnginePath(unclean), unclean).toBe(true);
    }
  });
});

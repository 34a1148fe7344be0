import { describe, expect, it } from 'vitest';
import { resolveEngineHost } from '../../electron/engine/hostAddress';
import { normaliseTags } from '../../electron/engine/images/tags';
import { groupByImage, namesOf } from '../../electron/engine/images/users';
import { engineKindOf } from '../../electron/engine/info';

describe('engine facts', () => {
  it('tells Podman from Docker by its /version answer', () => {
    expect(engineKindOf({ Components: [{ Name: 'Podman Engine' }] })).toBe('podman');
    expect(engineKindOf({ Platform: { Name: 'Docker Engine - Community' }, Components: [{ Name: 'Engine' }] })).toBe(
      'docker',
    );
  });

  it('treats Podman’s null and Docker’s <none>:<none> as no tags', () => {
    expect(normaliseTags(null)).toEqual([]);
    expect(normaliseTags(['<none>:<none>'])).toEqual([]);
    expect(normaliseTags(['a:1', 'b:2'])).toEqual(['a:1', 'b:2']);
  });

  it('groups container names by image ID', () => {
    const m = groupByImage([
      { Id: 'c1', ImageID: 'sha256:a', Names: ['/web'], State: 'running' },
      { Id: 'c2', ImageID: 'sha256:a', Names: ['/db'], State: 'exited' },
      { Id: 'c3456789abcdef', ImageID: 'sha256:b' },
    ]);
    expect(namesOf(m.get('sha256:a'))).toEqual(['web', 'db']);
    expect(m.get('sha256:a')?.[1]).toEqual({ id: 'c2', name: 'db', state: 'exited' });
    expect(namesOf(m.get('sha256:b'))).toEqual(['c3456789abcd']);
  });

  it('uses DOCKER_HOST first, else the first socket that exists', () => {
    expect(resolveEngineHost({ DOCKER_HOST: 'tcp://10.0.0.1:2375' }, 'linux', () => false)).toBe('tcp://10.0.0.1:2375');
    expect(resolveEngineHost({}, 'linux', (p) => p === '/run/podman/podman.sock')).toBe(
      'unix:///run/podman/podman.sock',
    );
    expect(resolveEngineHost({}, 'linux', () => false)).toBe('unix:///var/run/docker.sock');
    expect(resolveEngineHost({}, 'win32', () => false)).toBe('npipe:////./pipe/docker_engine');
  });
});

import { describe, expect, it } from 'vitest';
import { compileFilter, globToRegExp, lookupFrom } from '../../renderer/src/features/images/filter';
import { toRows } from '../../shared/images/rows';
import type { ImageSummary } from '../../shared/contract/models';

const img = (id: string, repoTags: string[], created: number, labels: Record<string, string> = {}): ImageSummary => ({
  id: `sha256:${id.padEnd(64, '0')}`,
  repoTags,
  repoDigests: [],
  created,
  size: 1,
  sharedSize: -1,
  labels,
  containers: 0,
  containerNames: [],
  dangling: repoTags.length === 0,
});

const images = [
  img('aaa1', ['fixture/busybox:1', 'fixture/busybox:latest'], 100),
  img('bbb2', ['fixture/app:1.0'], 200, { 'lading.fixture': 'app', tier: 'back' }),
  img('ccc3', ['fixture/web:latest', 'docker.io/library/nginx:1.25'], 300, { 'lading.fixture': 'web' }),
  img('ddd4', [], 400),
];
const rows = toRows(images);
const refs = (q: string) =>
  rows.filter(compileFilter(q, lookupFrom(images)).test).map((r) => (r.dangling ? r.shortId : r.reference));

describe('filter vocabulary', () => {
  it('dangling:true and dangling:false', () => {
    expect(refs('dangling:true')).toEqual(['ddd400000000']);
    expect(refs('dangling:false')).toHaveLength(5);
    expect(compileFilter('dangling:maybe').problems).toEqual([{ kind: 'badDangling', value: 'maybe' }]);
  });

  it('label:KEY and label:KEY=VALUE', () => {
    expect(refs('label:lading.fixture')).toEqual([
      'fixture/app:1.0',
      'fixture/web:latest',
      'docker.io/library/nginx:1.25',
    ]);
    expect(refs('label:lading.fixture=web')).toEqual(['fixture/web:latest', 'docker.io/library/nginx:1.25']);
    expect(refs('label:tier=front')).toEqual([]);
  });

  it('before: and since: an image named by tag (":latest" implied) or ID prefix', () => {
    expect(refs('before:fixture/app:1.0')).toEqual(['fixture/busybox:1', 'fixture/busybox:latest']);
    expect(refs('since:fixture/web')).toEqual(['ddd400000000']);
    expect(refs('since:bbb2 before:ddd4')).toEqual(['fixture/web:latest', 'docker.io/library/nginx:1.25']);
    const { problems } = compileFilter('before:nothing/here', lookupFrom(images));
    expect(problems).toEqual([{ kind: 'unknownImage', key: 'before', value: 'nothing/here' }]);
  });

  it('reference: globs the name or name:tag, per tag row, with Docker Hub names shortened', () => {
    expect(refs('reference:fixture/busybox')).toEqual(['fixture/busybox:1', 'fixture/busybox:latest']);
    expect(refs('reference:fixture/*:latest')).toEqual(['fixture/busybox:latest', 'fixture/web:latest']);
    expect(refs('reference:*:latest')).toEqual([]); // `*` does not cross a "/"
    expect(refs('reference:nginx')).toEqual(['docker.io/library/nginx:1.25']);
    expect(globToRegExp('a?c[0-9]').test('abc7')).toBe(true);
  });

  it('combines keys with free words; unknown keys are free text', () => {
    expect(refs('label:lading.fixture web')).toEqual(['fixture/web:latest']);
    expect(refs('app:1.0')).toEqual(['fixture/app:1.0']);
    expect(compileFilter('   ').active).toBe(false);
  });
});

describe('filter hints and IDs', () => {
  const compile = (q: string) => compileFilter(q, lookupFrom(images));
  it('sha256: prefixes match image IDs', () => {
    expect(refs('sha256:bbb2')).toEqual(['fixture/app:1.0']);
    expect(refs('sha256:ffff')).toEqual([]);
  });
  it('a key that is no filter and no repository gets a hint; a name:tag does not', () => {
    expect(compile('foo:bar').hints).toEqual([{ kind: 'unknownKey', key: 'foo', token: 'foo:bar' }]);
    expect(compile('is:dangling').hints[0]).toMatchObject({ suggestion: 'dangling:true' });
    expect(compile('web:latest').hints).toEqual([]);
    expect(compile('nginx:1.25').hints).toEqual([]);
    expect(compile('dangling:true').hints).toEqual([]);
  });
});

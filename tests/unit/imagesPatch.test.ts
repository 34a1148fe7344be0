import { describe, expect, it } from 'vitest';
import type { ImageSummary } from '../../shared/contract/models';
import { applyImagesPatch } from '../../renderer/src/stores/imagesPatch';

const img = (id: string, repoTags: string[], over: Partial<ImageSummary> = {}): ImageSummary => ({
  id,
  repoTags,
  repoDigests: [],
  created: 1,
  size: 1,
  sharedSize: -1,
  labels: {},
  containers: 0,
  containerNames: [],
  dangling: repoTags.length === 0,
  ...over,
});

describe('applyImagesPatch', () => {
  it('adds, replaces and removes images, leaving the others untouched', () => {
    const a = img('a', ['a:1']);
    const b = img('b', ['b:1']);
    const c = img('c', ['c:1']);
    const out = applyImagesPatch([a, b, c], { upserts: [img('b', ['b:1', 'b:2']), img('d', ['d:1'])], removed: ['c'] });
    expect(out.map((i) => [i.id, i.repoTags])).toEqual([
      ['a', ['a:1']],
      ['b', ['b:1', 'b:2']],
      ['d', ['d:1']],
    ]);
    expect(out[0]).toBe(a);
  });

  it('takes a moved tag away from the image that had it, which may become dangling', () => {
    const out = applyImagesPatch([img('a', ['app:latest']), img('b', ['app:old'])], {
      upserts: [img('b', ['app:old', 'app:latest'])],
      removed: [],
    });
    expect(out[0]).toMatchObject({ id: 'a', repoTags: [], dangling: true });
    expect(out[1]?.repoTags).toEqual(['app:old', 'app:latest']);
  });

  it('updates container users for every image when containers changed', () => {
    const out = applyImagesPatch([img('a', ['a:1'], { containers: 1, containerNames: ['x'] }), img('b', ['b:1'])], {
      upserts: [],
      removed: [],
      containers: { b: ['y', 'z'] },
    });
    expect(out.map((i) => [i.containers, i.containerNames])).toEqual([
      [0, []],
      [2, ['y', 'z']],
    ]);
  });

  it('keeps a known platform when an upsert lacks one', () => {
    const out = applyImagesPatch([img('a', ['a:1'], { platform: 'linux/arm64' })], {
      upserts: [img('a', ['a:1', 'a:2'])],
      removed: [],
    });
    expect(out[0]?.platform).toBe('linux/arm64');
  });
});

import { describe, expect, it } from 'vitest';
import { planRemoveRules, repoName, type RuleState } from '../../electron/engine/images/removeRules';

const id = (c: string) => `sha256:${c.repeat(64)}`;
const state = (over: Partial<RuleState> = {}): RuleState => ({
  images: [
    { id: id('a'), parent: '', tags: ['app:1', 'app:2'], digests: [] },
    { id: id('b'), parent: id('c'), tags: ['web:1'], digests: ['web@sha256:' + 'd'.repeat(64)] },
    // An untagged build step below web:1, which docker rmi prunes with it.
    { id: id('c'), parent: '', tags: [], digests: [] },
  ],
  containers: [],
  ...over,
});

describe('planRemoveRules (Docker 20.10 rmi)', () => {
  it('untags while another tag keeps the image, deletes with the last, each seeing the one before', () => {
    const plan = planRemoveRules(state(), ['app:1', 'app:2'], false);
    expect(plan.map((p) => p.action)).toEqual(['untag', 'delete']);
  });

  it('refuses the last tag of an image a stopped container uses, unless forced; forced, deletes it', () => {
    const containers = [{ id: 'x', name: 'box', state: 'exited', imageId: id('a') }];
    expect(planRemoveRules(state({ containers }), ['app:1', 'app:2'], false).map((p) => p.action)).toEqual([
      'untag',
      'refused',
    ]);
    expect(planRemoveRules(state({ containers }), ['app:1', 'app:2'], true).map((p) => p.action)).toEqual([
      'untag',
      'delete',
    ]);
  });

  it('forcing the image of a running container only untags it; by ID it cannot be forced', () => {
    const containers = [{ id: 'x', name: 'box', state: 'running', imageId: id('a') }];
    const byTag = planRemoveRules(state({ containers }), ['app:1', 'app:2'], true);
    expect(byTag[1]).toMatchObject({ action: 'untag', remainingTags: [], keptBecause: 'in-use-running' });
    expect(planRemoveRules(state({ containers }), [id('a')], true)[0]).toMatchObject({
      action: 'refused',
      refusal: 'in-use-running',
      forceable: false,
    });
  });

  it('by ID with several tags needs force', () => {
    expect(planRemoveRules(state(), [id('a').slice(7, 19)], false)[0]).toMatchObject({
      action: 'refused',
      refusal: 'several-tags',
      forceable: true,
    });
    expect(planRemoveRules(state(), [id('a')], true)[0]).toMatchObject({
      action: 'delete',
      untagged: ['app:1', 'app:2'],
    });
  });

  it('an image with children: its last tag only untags, by ID it is refused', () => {
    expect(planRemoveRules(state(), [id('c')], true)[0]).toMatchObject({ action: 'refused', refusal: 'has-children' });
  });

  it('deleting an image drops its digests and prunes its untagged parent', () => {
    expect(planRemoveRules(state(), ['web:1'], false)[0]).toMatchObject({
      action: 'delete',
      untagged: ['web:1', 'web@sha256:' + 'd'.repeat(64)],
      deleted: [id('b'), id('c')],
    });
  });

  it('a missing reference is refused as not found', () => {
    expect(planRemoveRules(state(), ['nope:1'], false)[0]).toMatchObject({ action: 'refused', refusal: 'not-found' });
  });

  it('names repositories of tags and digests, with registry ports', () => {
    expect(repoName('127.0.0.1:5000/team/app:1')).toBe('127.0.0.1:5000/team/app');
    expect(repoName('127.0.0.1:5000/team/app')).toBe('127.0.0.1:5000/team/app');
    expect(repoName('web@sha256:' + 'd'.repeat(64))).toBe('web');
  });
});

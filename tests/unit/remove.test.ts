import type Docker from 'dockerode';
import { describe, expect, it } from 'vitest';
import { classifyRefusal, removeImages } from '../../electron/engine/images/remove';

describe('classifyRefusal', () => {
  it('reads Docker’s and Podman’s refusals', () => {
    expect(
      classifyRefusal(
        409,
        'conflict: unable to remove repository reference "x:1" (must force) - container 836315013e2d is using its referenced image 44b551085116',
      ),
    ).toBe('in-use');
    expect(
      classifyRefusal(
        409,
        'conflict: unable to delete 44b551085116 (cannot be forced) - image is being used by running container 8363',
      ),
    ).toBe('in-use-running');
    expect(
      classifyRefusal(
        409,
        'conflict: unable to delete 0ada8ef3a3c6 (cannot be forced) - image has dependent child images',
      ),
    ).toBe('has-children');
    expect(
      classifyRefusal(
        409,
        'conflict: unable to delete 0ada (must be forced) - image is referenced in multiple repositories',
      ),
    ).toBe('several-tags');
    expect(classifyRefusal(409, 'image used by 1234: image is in use by a container')).toBe('in-use');
    expect(classifyRefusal(404, 'No such image: x:1')).toBe('not-found');
    expect(classifyRefusal(500, 'disk on fire')).toBe('other');
  });
});

describe('removeImages', () => {
  it('stops before the next image when cancelled and reports what it did', async () => {
    const removed: string[] = [];
    const controller = new AbortController();
    const docker = {
      getImage: (ref: string) => ({
        inspect: async () => ({ Id: `sha256:${ref}`, Created: '', Size: 1 }),
        remove: async () => {
          removed.push(ref);
          if (removed.length === 2) controller.abort(); // the user presses Stop during the second
          return [{ Untagged: ref }];
        },
      }),
    } as unknown as Docker;
    const outcomes = await removeImages(docker, {
      references: ['a', 'b', 'c', 'd'],
      force: false,
      signal: controller.signal,
      onProgress: () => {},
    });
    expect(removed).toEqual(['a', 'b']);
    expect(outcomes.map((o) => o.ok && o.untagged)).toEqual([['a'], ['b']]);
  });
});

import { describe, expect, it } from 'vitest';
import { clickSelection } from '../../renderer/src/features/images/selection';
import { classifyRefusal } from '../../electron/engine/remove';

const keys = ['a', 'b', 'c', 'd', 'e'];

describe('clickSelection', () => {
  it('plain click selects one row and sets the anchor', () => {
    expect(clickSelection(keys, new Set(['a', 'b']), 'a', 2, { shift: false, toggle: false })).toEqual({
      keys: new Set(['c']),
      anchor: 'c',
    });
  });
  it('Ctrl/Cmd+click toggles one row', () => {
    const r = clickSelection(keys, new Set(['a']), 'a', 3, { shift: false, toggle: true });
    expect([...r.keys].sort()).toEqual(['a', 'd']);
    const back = clickSelection(keys, r.keys, r.anchor, 3, { shift: false, toggle: true });
    expect([...back.keys]).toEqual(['a']);
  });
  it('Shift+click selects the range from the anchor, in either direction', () => {
    expect([...clickSelection(keys, new Set(['d']), 'd', 1, { shift: true, toggle: false }).keys]).toEqual([
      'b',
      'c',
      'd',
    ]);
    const added = clickSelection(keys, new Set(['a']), 'c', 4, { shift: true, toggle: true });
    expect([...added.keys].sort()).toEqual(['a', 'c', 'd', 'e']);
  });
});

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

import { describe, expect, it } from 'vitest';
import { clickSelection } from '../../renderer/src/features/images/selection';

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

import { describe, expect, it } from 'vitest';
import { iconSvg, type IconName } from '../../renderer/src/ui/icons';

// The row actions draw their icons as CSS masks of these documents: each must
// hold the same shapes as the inline SVG icon, or the button shows nothing.
describe('iconSvg', () => {
  it('draws every shape of an icon, with its attributes, in a 24-unit view', () => {
    expect(iconSvg('save')).toBe(
      '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" fill="none" stroke="black" stroke-width="2" ' +
        'stroke-linecap="round" stroke-linejoin="round">' +
        '<path d="M12 3v12M7 10l5 5 5-5"/><path d="M4 15v5h16v-5"/></svg>',
    );
  });

  it('keeps shapes other than paths, and a single shape without a fragment', () => {
    expect(iconSvg('tag')).toContain('<path d="M3 3h8l10 10-8 8L3 11z"/><circle cx="7.5" cy="7.5" r="1.5"/></svg>');
    expect(iconSvg('run')).toContain('><path d="M7 4l13 8-13 8z"/></svg>');
  });

  it('gives each row action icon a drawing', () => {
    for (const name of ['save', 'run', 'open'] satisfies IconName[]) {
      expect(iconSvg(name)).toMatch(/<(path|circle|rect|ellipse) [^>]+\/><\/svg>$/);
      expect(iconSvg(name)).not.toMatch(/undefined|\[object/);
    }
  });
});

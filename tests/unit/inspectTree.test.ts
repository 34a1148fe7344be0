import { describe, expect, it } from 'vitest';
import { compareRows } from '../../renderer/src/features/image/compareRows';
import {
  copyText,
  flatten,
  highlightParts,
  pathString,
  search,
  visibleRows,
} from '../../renderer/src/features/image/jsonTree';
import type { JsonObject } from '../../shared/contract/inspectModels';

const doc: JsonObject = {
  Id: 'sha256:1',
  Config: { Env: ['A=1', 'B=2', 'PATH=/bin'], Labels: { 'org.x.version': '1.0', plain: 'y' } },
  RootFS: { Layers: ['sha256:a', 'sha256:b'] },
};

describe('inspect tree', () => {
  const nodes = flatten(doc);
  const byPath = (p: string) => nodes.find((n) => pathString(n.path) === p);

  it('names every node by the path people write', () => {
    expect(byPath('.Config.Env[2]')?.value).toBe('PATH=/bin');
    expect(byPath('.Config.Labels["org.x.version"]')?.value).toBe('1.0');
    expect(byPath('.')?.childCount).toBe(3);
  });
  it('copies a string bare and anything else as JSON', () => {
    expect(copyText(byPath('.Config.Env[0]')!)).toBe('A=1');
    expect(copyText(byPath('.RootFS.Layers')!)).toBe('[\n  "sha256:a",\n  "sha256:b"\n]');
  });
  it('shows only what open nodes reveal', () => {
    const rootOnly = visibleRows(nodes, (id) => id === nodes[0]!.id);
    expect(rootOnly.map((n) => pathString(n.path))).toEqual(['.', '.Id', '.Config', '.RootFS']);
  });
  it('finds keys and values case-insensitively, with the ancestors to open', () => {
    const found = search(nodes, 'VERSION');
    expect(found.matches.map((id) => pathString(nodes.find((n) => n.id === id)!.path))).toEqual([
      '.Config.Labels["org.x.version"]',
    ]);
    const opened = visibleRows(nodes, (id) => found.ancestors.has(id));
    expect(opened.map((n) => pathString(n.path))).toContain('.Config.Labels["org.x.version"]');
    const filtered = visibleRows(nodes, () => true, { matches: new Set(found.matches), ancestors: found.ancestors });
    expect(filtered.map((n) => pathString(n.path))).toEqual([
      '.',
      '.Config',
      '.Config.Labels',
      '.Config.Labels["org.x.version"]',
    ]);
  });
  it('splits text around each match for highlighting', () => {
    expect(highlightParts('org.x.Version.version', 'version')).toEqual([
      { text: 'org.x.', hit: false },
      { text: 'Version', hit: true },
      { text: '.', hit: false },
      { text: 'version', hit: true },
    ]);
  });
});

describe('compare rows', () => {
  const other: JsonObject = {
    Id: 'sha256:2',
    Config: { Env: ['A=1', 'B=3'], Labels: { plain: 'y' } },
    RootFS: { Layers: ['sha256:a', 'sha256:c', 'sha256:d'] },
  };
  const rows = compareRows([doc, other]);
  const get = (group: string, field: string) => rows.find((r) => r.group === group && r.field === field)!;

  it('breaks environment, labels and layers down to single fields', () => {
    expect(get('env', 'A')).toMatchObject({ values: ['1', '1'], differs: false, cellDiffers: [false, false] });
    expect(get('env', 'B')).toMatchObject({ values: ['2', '3'], differs: true, cellDiffers: [false, true] });
    expect(get('env', 'PATH')).toMatchObject({ values: ['/bin', null], cellDiffers: [false, true] });
    expect(get('labels', 'org.x.version').values).toEqual(['1.0', null]);
    expect(get('layers', '1').differs).toBe(false);
    expect(get('layers', '2').differs).toBe(true);
    expect(get('layers', '3').values).toEqual([null, 'sha256:d']);
    expect(get('image', 'Layers').values).toEqual(['2', '3']);
  });
});

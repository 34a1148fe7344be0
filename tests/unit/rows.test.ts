import { describe, expect, it } from 'vitest';
import { compileFilter } from '../../renderer/src/features/images/filter';
import { splitReference, toRows } from '../../shared/images/rows';
import { sortRows } from '../../shared/images/sortRows';
import { archiveNameFor, joinPath } from '../../renderer/src/features/archives/paths';
import { formatBytes, formatRelative } from '../../renderer/src/i18n/format';
import type { ImageSummary } from '../../shared/contract/models';

const image = (over: Partial<ImageSummary>): ImageSummary => ({
  id: 'sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef',
  repoTags: [],
  repoDigests: [],
  created: 1_700_000_000,
  size: 1_234_567,
  sharedSize: -1,
  labels: {},
  containers: 0,
  containerNames: [],
  dangling: false,
  ...over,
});

describe('image rows', () => {
  it('splits a reference at the tag, not at a registry port', () => {
    expect(splitReference('127.0.0.1:5000/team/app:1.0')).toEqual(['127.0.0.1:5000/team/app', '1.0']);
    expect(splitReference('127.0.0.1:5000/team/app')).toEqual(['127.0.0.1:5000/team/app', '<none>']);
    expect(splitReference('busybox:latest')).toEqual(['busybox', 'latest']);
  });

  it('gives one row per tag and one <none>:<none> row for a dangling image', () => {
    const rows = toRows([
      image({ id: 'sha256:aaaaaaaaaaaaaaaa', repoTags: ['fixture/busybox:1', 'fixture/busybox:latest'] }),
      image({ id: 'sha256:bbbbbbbbbbbbbbbb', dangling: true }),
    ]);
    expect(rows.map((r) => [r.repository, r.tag, r.shortId, r.reference])).toEqual([
      ['fixture/busybox', '1', 'aaaaaaaaaaaa', 'fixture/busybox:1'],
      ['fixture/busybox', 'latest', 'aaaaaaaaaaaa', 'fixture/busybox:latest'],
      ['<none>', '<none>', 'bbbbbbbbbbbb', 'sha256:bbbbbbbbbbbbbbbb'],
    ]);
    expect(new Set(rows.map((r) => r.key)).size).toBe(3);
  });

  it('filters on every word, case-insensitively, across repository, tag and ID', () => {
    const rows = toRows([
      image({ id: 'sha256:aaaa1111', repoTags: ['fixture/app:1.0'] }),
      image({ id: 'sha256:bbbb2222', repoTags: ['fixture/web:latest'] }),
    ]);
    expect(rows.filter(compileFilter('APP').test).map((r) => r.reference)).toEqual(['fixture/app:1.0']);
    expect(rows.filter(compileFilter('fixture latest').test).map((r) => r.reference)).toEqual(['fixture/web:latest']);
    expect(rows.filter(compileFilter('bbbb2').test).map((r) => r.reference)).toEqual(['fixture/web:latest']);
    expect(rows.filter(compileFilter('  ').test).length).toBe(2);
  });
});

describe('formatting', () => {
  it('prints sizes like docker images does', () => {
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(1_234_567)).toBe('1.23 MB');
    expect(formatBytes(123_456_789)).toBe('123 MB');
    expect(formatBytes(-1)).toBe('—');
  });

  it('prints relative times', () => {
    const now = 1_700_000_000_000;
    expect(formatRelative(now / 1000 - 3 * 86400, now)).toBe('3 days ago');
    expect(formatRelative(now / 1000 - 2 * 3600, now)).toBe('2 hours ago');
    // The table's narrow Created column: short units, the same in Chinese.
    expect(formatRelative(now / 1000 - 330 * 86400, now, 'en', 'short')).toBe('11 mo. ago');
    expect(formatRelative(now / 1000 - 330 * 86400, now, 'zh-CN', 'short')).toBe('11个月前');
  });

  it('names archives safely and joins paths with the directory’s own separator', () => {
    expect(archiveNameFor(['127.0.0.1:5000/team/app:1.0'])).toBe('127.0.0.1_5000_team_app_1.0.tar');
    expect(archiveNameFor(['a:1', 'b:2', 'c:3'])).toBe('a_1_and_2_more.tar');
    expect(joinPath('/home/u/Downloads', 'x.tar')).toBe('/home/u/Downloads/x.tar');
    expect(joinPath('C:\\Users\\u\\Downloads', 'x.tar')).toBe('C:\\Users\\u\\Downloads\\x.tar');
  });
});

describe('sortRows', () => {
  const rows = toRows([
    image({ id: 'sha256:a', repoTags: ['app:1.10', 'app:1.9', 'app:latest'], created: 3, size: 5 }),
    image({ id: 'sha256:b', repoTags: ['web:2'], created: 1, size: 50 }),
  ]);
  it('sorts text naturally and numbers numerically, either way, ties in list order', () => {
    expect(sortRows(rows, [{ id: 'tag', desc: false }]).map((r) => r.tag)).toEqual(['1.9', '1.10', '2', 'latest']);
    expect(sortRows(rows, [{ id: 'size', desc: true }]).map((r) => r.reference)).toEqual([
      'web:2',
      'app:1.10',
      'app:1.9',
      'app:latest',
    ]);
    expect(sortRows(rows, [{ id: 'created', desc: false }])[0]?.reference).toBe('web:2');
  });
  it('leaves the order alone without a known column', () => {
    expect(sortRows(rows, [{ id: 'nope', desc: false }])).toEqual(rows);
  });
});

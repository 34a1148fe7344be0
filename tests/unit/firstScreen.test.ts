import { describe, expect, it } from 'vitest';
import type { ImageSummary } from '../../shared/contract/models';
import { FIRST_SCREEN_SORTABLE, firstScreenImages, type FirstScreenQuery } from '../../shared/images/firstScreen';
import { toRows } from '../../shared/images/rows';
import { sortRows } from '../../shared/images/sortRows';
import { imageMethods } from '../../shared/contract/methods/images';
import { firstScreenOf } from '../../electron/engine/images/firstScreen';
import { firstScreenQuery } from '../../renderer/src/stores/firstScreenQuery';
import { TABLE_PREFS_KEY } from '../../renderer/src/stores/savedTableView';

/** A small seeded generator: the same lists on every run. */
const random = (seed: number) => () => {
  seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
  return seed / 2 ** 31;
};

/** Images with shared repositories, several tags, ties in every column, some untagged. */
const listOf = (n: number, rnd: () => number): ImageSummary[] =>
  Array.from({ length: n }, (_, i) => {
    const tags = Math.floor(rnd() * 4);
    const repo = `team-${Math.floor(rnd() * 5)}/svc-${Math.floor(rnd() * 12)}`;
    const repoTags = Array.from({ length: tags }, (_, t) => `${repo}:v${Math.floor(rnd() * 20)}.${t}`);
    return {
      id: `sha256:${i.toString(16).padStart(4, '0')}${'e'.repeat(60)}`,
      repoTags,
      repoDigests: rnd() < 0.3 ? [`${repo}@sha256:${Math.floor(rnd() * 9)}${'d'.repeat(63)}`] : [],
      created: 1_700_000_000 + Math.floor(rnd() * 50) * 3600,
      size: Math.floor(rnd() * 10) * 1_000_000,
      sharedSize: -1,
      labels: {},
      containers: Math.floor(rnd() * 3),
      containerNames: [],
      dangling: tags === 0,
    };
  });

/** What the page draws: its own rows of these images, sorted its own way. */
const pageRows = (images: readonly ImageSummary[], q: FirstScreenQuery) =>
  sortRows(toRows(images, { groupByImage: q.groupByImage }), q.sort, (r) => r.platform, q.locale).map((r) => r.key);

describe('the first screen of the images table', () => {
  const rnd = random(7);
  const queries: FirstScreenQuery[] = [];
  for (const id of FIRST_SCREEN_SORTABLE)
    for (const desc of [false, true])
      for (const groupByImage of [false, true])
        queries.push({ sort: [{ id, desc }], groupByImage, rows: 25, locale: 'en-US' });
  queries.push({
    sort: [
      { id: 'repository', desc: false },
      { id: 'created', desc: true },
    ],
    groupByImage: false,
    rows: 40,
    locale: 'zh-CN',
  });
  queries.push({ sort: [], groupByImage: false, rows: 10, locale: 'en-US' });

  it('drawn from its few images, begins with exactly the rows of the whole list, for every sort', () => {
    for (let round = 0; round < 3; round++) {
      const list = listOf(400, rnd);
      for (const q of queries) {
        const first = firstScreenImages(list, q);
        const whole = pageRows(list, q).slice(0, q.rows);
        expect(pageRows(first, q).slice(0, q.rows)).toEqual(whole);
        // Few images: at most one per row asked for, each once.
        expect(first.length).toBeLessThanOrEqual(q.rows);
        expect(new Set(first.map((i) => i.id)).size).toBe(first.length);
      }
    }
  });

  it('at 10,000 images, sorted by a number of the image, still begins with the whole list’s rows', () => {
    const list = listOf(10_000, rnd);
    // One image with no date (an engine that left it out): nothing to cut at, the whole list is sorted.
    const odd = [...list.slice(0, 50), { ...list[50]!, created: undefined as unknown as number }, ...list.slice(51)];
    for (const images of [list, odd])
      for (const id of ['created', 'size', 'status'] as const)
        for (const desc of [true, false]) {
          const q: FirstScreenQuery = {
            sort: [
              { id, desc },
              { id: 'tag', desc: false },
            ],
            groupByImage: false,
            rows: 80,
          };
          expect(pageRows(firstScreenImages(images, q), q).slice(0, 80)).toEqual(pageRows(images, q).slice(0, 80));
        }
  });

  it('is all of a list shorter than a screen', () => {
    const list = listOf(6, rnd);
    expect(
      firstScreenImages(list, { sort: [{ id: 'size', desc: true }], groupByImage: false, rows: 80, locale: 'en' }),
    ).toEqual(list);
  });

  it('is answered once per list version and sort, and counts the whole list', () => {
    const list = Object.freeze(listOf(200, rnd));
    const q: FirstScreenQuery = {
      sort: [{ id: 'created', desc: true }],
      groupByImage: false,
      rows: 20,
      locale: 'en-US',
    };
    const a = firstScreenOf(list, q);
    expect(a.total).toBe(200);
    expect(firstScreenOf(list, { ...q }).images).toBe(a.images);
    expect(firstScreenOf(list, { ...q, sort: [{ id: 'created', desc: false }] }).images).not.toBe(a.images);
    // A list that is not frozen may still change: never answered from memory.
    const open = [...list];
    const b = firstScreenOf(open, q);
    open.splice(0, open.length);
    expect(firstScreenOf(open, q)).toEqual({ images: [], total: 0 });
    expect(b.images.length).toBeGreaterThan(0);
  });

  it('refuses what Intl would throw on, and columns the backend cannot sort by', () => {
    const args = imageMethods['images.firstScreen'].args;
    const ok = { sort: [{ id: 'repository', desc: false }], groupByImage: false, rows: 80, locale: 'zh-CN' };
    expect(args.safeParse(ok).success).toBe(true);
    for (const locale of ['', 'x', 'not a locale', '!!', 'en_US_POSIX'.repeat(10)])
      expect(args.safeParse({ ...ok, locale }).success).toBe(false);
    expect(args.safeParse({ ...ok, sort: [{ id: 'platform', desc: false }] }).success).toBe(false);
    expect(args.safeParse({ ...ok, rows: 0 }).success).toBe(false);
    expect(args.safeParse({ ...ok, rows: 501 }).success).toBe(false);
  });
});

describe('what the page asks for its first screen', () => {
  const withSaved = (value: string | null, fn: () => void) => {
    const g = globalThis as { localStorage?: unknown };
    const before = g.localStorage;
    g.localStorage = { getItem: (key: string) => (key === TABLE_PREFS_KEY ? value : null) };
    try {
      fn();
    } finally {
      g.localStorage = before;
    }
  };

  it('is the saved sort and grouping, newest first when nothing (or nothing sensible) is saved', () => {
    withSaved(null, () =>
      expect(firstScreenQuery()).toEqual({ sort: [{ id: 'created', desc: true }], groupByImage: false, rows: 80 }),
    );
    withSaved('{"state": {"sorting": "oops"}}', () =>
      expect(firstScreenQuery()?.sort).toEqual([{ id: 'created', desc: true }]),
    );
    withSaved('not json', () => expect(firstScreenQuery()?.groupByImage).toBe(false));
    withSaved(
      JSON.stringify({ state: { sorting: [{ id: 'repository', desc: false }], groupByImage: true }, version: 1 }),
      () =>
        // A text sort carries the page's collation locale.
        expect(firstScreenQuery()).toMatchObject({
          sort: [{ id: 'repository', desc: false }],
          groupByImage: true,
          locale: expect.any(String),
        }),
    );
  });

  it('is not asked when the backend cannot know the order (platform, disk-usage sizes)', () => {
    for (const id of ['platform', 'sharedSize', 'uniqueSize'])
      withSaved(JSON.stringify({ state: { sorting: [{ id, desc: false }] } }), () =>
        expect(firstScreenQuery()).toBeNull(),
      );
  });
});

import { describe, expect, it } from 'vitest';
import { compileFilter, lookupFrom } from '../../renderer/src/features/images/filter';
import { FilterCache } from '../../renderer/src/features/images/filterRows';
import { toRows } from '../../shared/images/rows';
import type { ImageSummary } from '../../shared/contract/models';

const img = (n: number, repoTags: string[], labels: Record<string, string> = {}): ImageSummary => ({
  id: `sha256:${n.toString(16).padStart(4, '0').padEnd(64, 'e')}`,
  repoTags,
  repoDigests: [],
  created: 1000 + n,
  size: 1,
  sharedSize: -1,
  labels,
  containers: 0,
  containerNames: [],
  dangling: repoTags.length === 0,
});

const images = Array.from({ length: 300 }, (_, n) =>
  n % 50 === 7
    ? img(n, [])
    : img(n, [`scale/team-${n % 7}/svc-${n % 23}:v${n % 5}`, `scale/team-${n % 7}/svc-${n % 23}:latest`], {
        tier: n % 2 ? 'back' : 'front',
      }),
);
const rows = toRows(images);
const lookup = lookupFrom(images);
/** What a plain filter over all rows gives: the cache must always agree. */
const plain = (q: string) => rows.filter(compileFilter(q, lookup).test);

/** Types `text` one character at a time into the cache, then erases it, checking every step. */
const typeAndErase = (cache: FilterCache, list: typeof rows, text: string, start = '') => {
  const queries = [...text].map((_, i) => start + text.slice(0, i + 1));
  for (const q of [...queries, ...queries.slice(0, -1).reverse(), start]) {
    expect(
      cache.filter(list, q, compileFilter(q, lookup)).map((r) => r.key),
      q,
    ).toEqual(plain(q).map((r) => r.key));
  }
};

describe('filter cache: narrowing while typing, answers while erasing', () => {
  it('agrees with filtering all rows for words typed and erased', () => {
    const cache = new FilterCache();
    typeAndErase(cache, rows, 'svc-17');
    typeAndErase(cache, rows, 'team-4/ latest');
    typeAndErase(cache, rows, 'SVC-2 V3');
    typeAndErase(cache, rows, 'eeee');
  });

  it('agrees when the query turns into the filter vocabulary and back', () => {
    const cache = new FilterCache();
    // "label" is a word, "label:" a problem, "label:tier=b…" a test that does not narrow like words.
    typeAndErase(cache, rows, 'label:tier=back svc-1');
    typeAndErase(cache, rows, 'dangling:true');
    typeAndErase(cache, rows, 'sha256:000');
    typeAndErase(cache, rows, 'reference:scale/team-1/*');
    typeAndErase(cache, rows, 'svc-1 dangling:false', 'team');
  });

  it('keeps the rows in the order of the list it is given', () => {
    const cache = new FilterCache();
    const reversed = [...rows].reverse();
    expect(cache.filter(reversed, 'svc-1', compileFilter('svc-1', lookup)).map((r) => r.key)).toEqual(
      reversed.filter(compileFilter('svc-1', lookup).test).map((r) => r.key),
    );
  });

  it('starts over for a new list (an image gone is not answered from the old one)', () => {
    const cache = new FilterCache();
    const q = 'svc-17';
    expect(cache.filter(rows, q, compileFilter(q, lookup)).length).toBeGreaterThan(0);
    const fewer = rows.filter((r) => !r.repository.endsWith('svc-17'));
    expect(cache.filter(fewer, q, compileFilter(q, lookup))).toEqual([]);
    expect(cache.filter(fewer, `${q}:`, compileFilter(`${q}:`, lookup))).toEqual([]);
  });

  it('gives the same array for the same query on the same list (nothing below re-renders for nothing)', () => {
    const cache = new FilterCache();
    const a = cache.filter(rows, 'svc', compileFilter('svc', lookup));
    cache.filter(rows, 'svc-', compileFilter('svc-', lookup));
    expect(cache.filter(rows, 'svc', compileFilter('svc', lookup))).toBe(a);
  });
});

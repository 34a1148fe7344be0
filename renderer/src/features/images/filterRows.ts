import type { CompiledFilter } from './filter';
import type { ImageRow } from '../../../../shared/images/rows';

/** How many recent results to keep for one list (Backspace goes back through them). */
const KEEP = 32;

/**
 * Filters the sorted rows for a query, per keystroke, doing as little as the
 * query allows: a query seen before on the same list is answered from a small
 * cache (erasing with Backspace), and a free-words query that extends a
 * cached one (typing on) only re-tests that one's rows. Any other change, or
 * a new list, filters all rows again. The order of the rows is kept.
 */
export class FilterCache {
  private list: readonly ImageRow[] | null = null;
  private results = new Map<string, { compiled: CompiledFilter; rows: readonly ImageRow[] }>();

  filter(all: readonly ImageRow[], query: string, compiled: CompiledFilter): readonly ImageRow[] {
    if (all !== this.list) {
      this.list = all;
      this.results.clear();
    }
    // The same list and query: the same rows (before:/since: look up images of this same list).
    const hit = this.results.get(query);
    if (hit) return this.remember(query, hit);
    let from: readonly ImageRow[] = all;
    if (compiled.wordsOnly) {
      // The longest cached words-only prefix of this query: its words are
      // each contained in this query's (the last one maybe extended), so its
      // rows are a superset of this query's.
      let best = '';
      for (const [q, r] of this.results)
        if (r.compiled.wordsOnly && q.length > best.length && query.startsWith(q) && r.rows.length < from.length) {
          best = q;
          from = r.rows;
        }
    }
    // No query: the list itself, not a copy (12,400 rows of garbage on each erasing Backspace).
    const rows = compiled.active ? from.filter(compiled.test) : all;
    return this.remember(query, { compiled, rows });
  }

  private remember(query: string, entry: { compiled: CompiledFilter; rows: readonly ImageRow[] }): readonly ImageRow[] {
    this.results.delete(query);
    this.results.set(query, entry);
    if (this.results.size > KEEP) this.results.delete(this.results.keys().next().value as string);
    return entry.rows;
  }
}

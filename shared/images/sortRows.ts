import type { ImageRow } from './rows';

/** One sort key of the images table (TanStack's SortingState entry). */
export interface SortRule {
  id: string;
  desc: boolean;
}

const collators = new Map<string, Intl.Collator>();
/**
 * Natural order in `locale` (default: the runtime's own). The backend sorts
 * a page's first screen with the page's locale, so both agree on the order.
 */
const collatorFor = (locale?: string): Intl.Collator => {
  const key = locale ?? '';
  let c = collators.get(key);
  if (!c) {
    c = new Intl.Collator(locale, { numeric: true, sensitivity: 'base' });
    // A few locales at most in practice; never a growing map on the backend.
    if (collators.size >= 16) collators.clear();
    collators.set(key, c);
  }
  return c;
};

/**
 * The runtime's default collation locale ("en-US", "zh-CN"…), to hand to
 * another runtime's sortRows; undefined when `rules` sort no text (then
 * the locale plays no part, and no collator need be made to find it).
 */
export const sortLocale = (rules: readonly SortRule[]): string | undefined => {
  const keys = sortKeys((row) => row.platform);
  return rules.some((r) => keys[r.id]?.natural) ? collatorFor().resolvedOptions().locale : undefined;
};

type Key = (r: ImageRow) => string | number;

/** How each column sorts: text in natural order (1 < 1.9 < 1.10 < latest), numbers as numbers. */
const text = (get: (r: ImageRow) => string): { key: Key; natural: true } => ({ key: get, natural: true });
const num = (get: (r: ImageRow) => number): { key: Key; natural: false } => ({ key: get, natural: false });

export const sortKeys = (
  platformOf: (r: ImageRow) => string,
): Record<string, { key: Key; natural: boolean; plain?: boolean }> => ({
  repository: text((r) => r.repository),
  tag: text((r) => r.tag),
  // Hex IDs compare as plain text: natural order would read digit runs as numbers.
  id: { key: (r) => r.shortId, natural: false, plain: true },
  digest: text((r) => r.digest),
  created: num((r) => r.created),
  size: num((r) => r.size),
  sharedSize: num((r) => r.sharedSize),
  uniqueSize: num((r) => r.uniqueSize),
  status: num((r) => r.containers),
  platform: text(platformOf),
});

/**
 * Sorts the whole list once per sort change; the filter then keeps this
 * order, so a keystroke costs one pass over the rows instead of a sort.
 * Ties keep the list's order (Array.prototype.sort is stable).
 */
export const sortRows = (
  rows: readonly ImageRow[],
  rules: readonly SortRule[],
  platformOf: (r: ImageRow) => string = (r) => r.platform,
  locale?: string,
): ImageRow[] => {
  const keys = sortKeys(platformOf);
  const active = rules.flatMap((rule) => {
    const k = keys[rule.id];
    return k ? [{ ...k, dir: rule.desc ? -1 : 1 }] : [];
  });
  if (active.length === 0) return [...rows];
  // Made only for text columns: a page's first collator costs ~20 ms (ICU's
  // data), which a first screen sorted by date need not wait for.
  const collator = active.some((a) => a.natural) ? collatorFor(locale) : null;
  // Precompute each row's keys: the comparator runs n·log n times.
  const decorated = rows.map((row) => ({ row, values: active.map((a) => a.key(row)) }));
  decorated.sort((x, y) => {
    for (let i = 0; i < active.length; i++) {
      const a = active[i] as (typeof active)[number];
      const vx = x.values[i] as string | number;
      const vy = y.values[i] as string | number;
      const c = a.plain
        ? vx < vy
          ? -1
          : vx > vy
            ? 1
            : 0
        : a.natural
          ? (collator as Intl.Collator).compare(String(vx), String(vy))
          : (vx as number) - (vy as number);
      if (c !== 0) return c * a.dir;
    }
    return 0;
  });
  return decorated.map((d) => d.row);
};

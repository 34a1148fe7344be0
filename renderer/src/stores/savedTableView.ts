import type { SortRule } from '../../../shared/images/sortRows';

/** Where the images table's preferences are kept (zustand's persist: `{"state": {…}, "version": 1}`). */
export const TABLE_PREFS_KEY = 'lading.imagesTable';

/** Newest first, as `docker images` lists them. */
export const DEFAULT_SORTING: SortRule[] = [{ id: 'created', desc: true }];

const isRule = (r: unknown): r is SortRule =>
  typeof r === 'object' &&
  r !== null &&
  typeof (r as SortRule).id === 'string' &&
  typeof (r as SortRule).desc === 'boolean';

/**
 * The table's sort and grouping as saved, read straight from storage: the
 * first screen's request goes out from the page's small first chunk, before
 * the preferences store (and the UI that uses it) has loaded.
 */
export const savedTableView = (): { sorting: SortRule[]; groupByImage: boolean } => {
  try {
    const storage = (globalThis as { localStorage?: { getItem(key: string): string | null } }).localStorage;
    const state = (
      JSON.parse(storage?.getItem(TABLE_PREFS_KEY) ?? 'null') as { state?: Record<string, unknown> } | null
    )?.state;
    const sorting = Array.isArray(state?.sorting) && state.sorting.every(isRule) ? state.sorting : DEFAULT_SORTING;
    return { sorting, groupByImage: state?.groupByImage === true };
  } catch {
    return { sorting: DEFAULT_SORTING, groupByImage: false };
  }
};

import { create } from 'zustand';

interface SelectionStore {
  /** Selected row keys (image ID + reference). */
  keys: ReadonlySet<string>;
  /** Where a Shift+click or Shift+arrow range starts. */
  anchor: string | null;
  select(keys: Iterable<string>, anchor: string | null): void;
  clear(): void;
}

export const useSelection = create<SelectionStore>((set) => ({
  keys: new Set(),
  anchor: null,
  select: (keys, anchor) => set({ keys: new Set(keys), anchor }),
  clear: () => set({ keys: new Set(), anchor: null }),
}));

/** Keys of the rows between two indexes, both included, in table order. */
export const keysBetween = (ordered: readonly string[], a: number, b: number): string[] =>
  ordered.slice(Math.min(a, b), Math.max(a, b) + 1);

/**
 * What a click does to the selection, as in file managers: plain click
 * selects one row, Ctrl/Cmd toggles one, Shift selects the range from the
 * anchor (adding to it with Ctrl/Cmd).
 */
export const clickSelection = (
  ordered: readonly string[],
  current: ReadonlySet<string>,
  anchor: string | null,
  index: number,
  mods: { shift: boolean; toggle: boolean },
): { keys: Set<string>; anchor: string | null } => {
  const key = ordered[index];
  if (key === undefined) return { keys: new Set(current), anchor };
  const anchorIndex = anchor === null ? -1 : ordered.indexOf(anchor);
  if (mods.shift && anchorIndex !== -1) {
    const range = keysBetween(ordered, anchorIndex, index);
    return { keys: new Set(mods.toggle ? [...current, ...range] : range), anchor };
  }
  if (mods.toggle) {
    const next = new Set(current);
    if (next.has(key)) next.delete(key);
    else next.add(key);
    return { keys: next, anchor: key };
  }
  return { keys: new Set([key]), anchor: key };
};

import { create } from 'zustand';
import { createJSONStorage, persist } from 'zustand/middleware';
import type { SortRule } from '../../../shared/images/sortRows';
import { DEFAULT_SORTING, TABLE_PREFS_KEY } from './savedTableView';

/** Column ids of the images table, in their default order. */
export const IMAGE_COLUMNS = [
  'repository',
  'tag',
  'id',
  'digest',
  'created',
  'size',
  'sharedSize',
  'uniqueSize',
  'status',
  'platform',
] as const;
export type ImageColumnId = (typeof IMAGE_COLUMNS)[number];

export const DEFAULT_WIDTHS: Record<ImageColumnId, number> = {
  repository: 260,
  tag: 110,
  id: 130,
  digest: 150,
  created: 140,
  size: 95,
  sharedSize: 110,
  uniqueSize: 110,
  status: 170,
  platform: 120,
};

/** The details panel's default width, and how narrow and wide it may be made. */
export const DETAILS_WIDTH = 360;
export const DETAILS_MIN = 280;
export const DETAILS_MAX = 960;

const DEFAULT_HIDDEN: Partial<Record<ImageColumnId, false>> = { digest: false, sharedSize: false };

interface TablePrefs {
  sorting: SortRule[];
  setSorting(s: SortRule[]): void;
  columnVisibility: Record<string, boolean>;
  columnOrder: string[];
  columnSizing: Record<string, number>;
  groupByImage: boolean;
  /** The details panel's width, px. */
  detailsWidth: number;
  setDetailsWidth(px: number): void;
  setColumnVisibility(v: Record<string, boolean>): void;
  setColumnOrder(o: string[]): void;
  setColumnSizing(s: Record<string, number>): void;
  setGroupByImage(on: boolean): void;
  reset(): void;
}

const defaults = {
  sorting: DEFAULT_SORTING,
  columnVisibility: { ...DEFAULT_HIDDEN } as Record<string, boolean>,
  columnOrder: [...IMAGE_COLUMNS] as string[],
  columnSizing: {} as Record<string, number>,
  groupByImage: false,
  detailsWidth: DETAILS_WIDTH,
};

/** How the user arranged the images table: remembered across restarts (localStorage). */
export const useTablePrefs = create<TablePrefs>()(
  persist(
    (set) => ({
      ...defaults,
      setSorting: (sorting) => set({ sorting }),
      setColumnVisibility: (columnVisibility) => set({ columnVisibility }),
      setColumnOrder: (columnOrder) => set({ columnOrder }),
      setColumnSizing: (columnSizing) => set({ columnSizing }),
      setGroupByImage: (groupByImage) => set({ groupByImage }),
      setDetailsWidth: (detailsWidth) => set({ detailsWidth }),
      reset: () => set({ ...defaults }),
    }),
    {
      name: TABLE_PREFS_KEY,
      version: 1,
      storage: createJSONStorage(() => localStorage),
      // A column added in a later version joins the saved order at its default place.
      merge: (saved, current) => {
        const s = (saved ?? {}) as Partial<typeof defaults>;
        const order = (s.columnOrder ?? []).filter((id) => (IMAGE_COLUMNS as readonly string[]).includes(id));
        for (const id of IMAGE_COLUMNS) if (!order.includes(id)) order.push(id);
        // A width from an older or hand-edited save stays within the bounds.
        const w =
          typeof s.detailsWidth === 'number' && Number.isFinite(s.detailsWidth) ? s.detailsWidth : DETAILS_WIDTH;
        return { ...current, ...s, columnOrder: order, detailsWidth: Math.max(DETAILS_MIN, Math.min(DETAILS_MAX, w)) };
      },
    },
  ),
);

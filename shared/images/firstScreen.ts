import type { ImageSummary } from '../contract/models';
import { toRows } from './rows';
import { sortRows } from './sortRows';

/**
 * Columns whose order the backend can compute from the image list alone.
 * Platform and the disk-usage sizes come from other requests of the page.
 */
export const FIRST_SCREEN_SORTABLE = ['repository', 'tag', 'id', 'digest', 'created', 'size', 'status'] as const;

export type FirstScreenColumn = (typeof FIRST_SCREEN_SORTABLE)[number];

export interface FirstScreenQuery {
  sort: { id: FirstScreenColumn; desc: boolean }[];
  groupByImage: boolean;
  /** How many rows the page wants first (a screenful or two). */
  rows: number;
  /** The page's collation locale (sortRows' natural order), when the sort has a text column. */
  locale?: string;
}

/**
 * The images that own the first `rows` rows of the table, sorted as the
 * page sorts, in the list's own order. Rows of these images sorted alone
 * begin with exactly those rows: every other row of theirs comes later in
 * the full order too, so a page can draw its first screen from this small
 * list while the whole one is still on its way.
 */
export const firstScreenImages = (images: readonly ImageSummary[], q: FirstScreenQuery): ImageSummary[] => {
  const sorted = sortRows(toRows(images, { groupByImage: q.groupByImage }), q.sort, (r) => r.platform, q.locale);
  const ids = new Set<string>();
  for (const row of sorted.slice(0, q.rows)) ids.add(row.id);
  return images.filter((img) => ids.has(img.id));
};

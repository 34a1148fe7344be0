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
  const few = candidates(images, q);
  const sorted = sortRows(toRows(few, { groupByImage: q.groupByImage }), q.sort, (r) => r.platform, q.locale);
  const ids = new Set<string>();
  for (const row of sorted.slice(0, q.rows)) ids.add(row.id);
  return few.filter((img) => ids.has(img.id));
};

/** Sort columns whose value is the image's own, the same in each of its rows. */
const IMAGE_NUMBERS: Partial<Record<string, (img: ImageSummary) => number>> = {
  created: (img) => img.created,
  size: (img) => img.size,
  status: (img) => img.containers,
};

/**
 * When the first sort column is a number of the image's own (by date, the
 * table's default), the images that can own the first `rows` rows, in the
 * list's order: the `rows` best by that number and every image tied with the
 * last of them. Each image has at least one row, so these hold at least
 * `rows` rows, and every other image's rows sort after all of theirs. Rows
 * for a few hundred images instead of all of them: a cold backend answers a
 * first screen at 10,000 images in milliseconds, not a hundred.
 */
const candidates = (images: readonly ImageSummary[], q: FirstScreenQuery): readonly ImageSummary[] => {
  const rule = q.sort[0];
  const numberOf = rule && IMAGE_NUMBERS[rule.id];
  if (!numberOf || images.length <= q.rows) return images;
  const values = new Float64Array(images.length);
  for (let i = 0; i < images.length; i++) {
    const v = numberOf(images[i] as ImageSummary);
    // sortRows compares these by subtraction: anything but a number has no place to cut at.
    if (!Number.isFinite(v)) return images;
    values[i] = v;
  }
  const ascending = values.slice().sort();
  const bound = (rule.desc ? ascending[ascending.length - q.rows] : ascending[q.rows - 1]) as number;
  return images.filter((_, i) => (rule.desc ? (values[i] as number) >= bound : (values[i] as number) <= bound));
};

import type { ImageSummary } from '../../../shared/contract/models';
import { firstScreenImages, type FirstScreenQuery } from '../../../shared/images/firstScreen';

/** A few sort orders per list version: one per table layout a window uses. */
const PER_LIST = 8;
const answers = new WeakMap<readonly ImageSummary[], Map<string, ImageSummary[]>>();

/**
 * firstScreenImages, kept per list version (the store hands out one frozen
 * array until anything changes): the sort of a whole list costs tens of
 * milliseconds, a repeat of it on a reload or a second tab none.
 */
export const firstScreenOf = (
  list: readonly ImageSummary[],
  q: FirstScreenQuery,
): { images: ImageSummary[]; total: number } => {
  if (!Object.isFrozen(list)) return { images: firstScreenImages(list, q), total: list.length };
  let byQuery = answers.get(list);
  if (!byQuery) answers.set(list, (byQuery = new Map()));
  const key = JSON.stringify([q.sort, q.groupByImage, q.rows, q.locale]);
  let images = byQuery.get(key);
  if (!images) {
    images = firstScreenImages(list, q);
    if (byQuery.size >= PER_LIST) byQuery.clear();
    byQuery.set(key, images);
  }
  return { images, total: list.length };
};

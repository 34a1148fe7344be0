import {
  FIRST_SCREEN_SORTABLE,
  type FirstScreenColumn,
  type FirstScreenQuery,
} from '../../../shared/images/firstScreen';
import { sortLocale } from '../../../shared/images/sortRows';
import { savedTableView } from './savedTableView';

/** A tall window's worth of 36 px table rows, and some. */
const ROWS = 80;

const sortable = new Set<string>(FIRST_SCREEN_SORTABLE);
const isSortable = (id: string): id is FirstScreenColumn => sortable.has(id);

/**
 * What `images.firstScreen` needs to pick the table's first rows as this
 * page will sort them, or null when the backend cannot know that order
 * (sorted by platform or by a disk-usage size, which other requests fill in).
 */
export const firstScreenQuery = (): FirstScreenQuery | null => {
  const { sorting, groupByImage } = savedTableView();
  const sort: FirstScreenQuery['sort'] = [];
  for (const { id, desc } of sorting) {
    if (!isSortable(id)) return null;
    sort.push({ id, desc });
  }
  const locale = sortLocale(sort);
  return { sort, groupByImage, rows: ROWS, ...(locale ? { locale } : {}) };
};

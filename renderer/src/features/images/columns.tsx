import {
  columnOrderingFeature,
  columnResizingFeature,
  columnSizingFeature,
  columnVisibilityFeature,
  createColumnHelper,
  rowSortingFeature,
  tableFeatures,
} from '@tanstack/react-table';
import type { TFunction } from 'i18next';
import { DEFAULT_WIDTHS, type ImageColumnId } from '../../stores/tablePrefs';
import type { ImageRow } from '../../../../shared/images/rows';

/**
 * Sorting here is header state only (which column, which way): the rows
 * arrive sorted by sortRows.ts, once per sort change, and the filter keeps
 * that order.
 */
export const features = tableFeatures({
  rowSortingFeature,
  columnVisibilityFeature,
  columnOrderingFeature,
  columnSizingFeature,
  columnResizingFeature,
});

const helper = createColumnHelper<typeof features, ImageRow>();

/** Width of the trailing actions column (three icon buttons), which cannot be hidden or moved. */
export const ACTIONS_WIDTH = 124;

/** The translated header of a column, also used by the columns menu. */
export const columnLabel = (t: TFunction, id: ImageColumnId | string): string => t(`images.col.${id}`);

const size = (id: ImageColumnId) => ({ size: DEFAULT_WIDTHS[id], minSize: 60, maxSize: 800 });

/**
 * The columns' headers, sizes and sort state (the table library keeps those);
 * the rows' cells are drawn by cells.tsx, without the library's row objects.
 */
export const buildColumns = (t: TFunction) => {
  const column = <K extends keyof ImageRow>(key: K, id: ImageColumnId, descFirst = false) =>
    helper.accessor(key, {
      id,
      ...size(id),
      header: () => columnLabel(t, id),
      // Explicit for every column: the library would guess from its first data
      // row, and it holds no rows (numbers and dates first sort descending).
      sortDescFirst: descFirst,
    });
  return helper.columns([
    column('repository', 'repository'),
    column('tag', 'tag'),
    column('shortId', 'id'),
    column('digest', 'digest'),
    column('created', 'created', true),
    column('size', 'size', true),
    column('sharedSize', 'sharedSize', true),
    column('uniqueSize', 'uniqueSize', true),
    column('containers', 'status', true),
    column('platform', 'platform'),
  ]);
};

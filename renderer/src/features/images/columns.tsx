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
import { formatAbsolute, formatBytes, formatRelative } from '../../i18n/format';
import { DEFAULT_WIDTHS, type ImageColumnId } from '../../stores/tablePrefs';
import { usePlatforms } from '../../stores/platforms';
import { routeHash } from '../../app/route';
import type { ImageRow } from './rows';

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

/** Width of the trailing actions column, which cannot be hidden or moved. */
export const ACTIONS_WIDTH = 150;

/** The translated header of a column, also used by the columns menu. */
export const columnLabel = (t: TFunction, id: ImageColumnId | string): string => t(`images.col.${id}`);

const size = (id: ImageColumnId) => ({ size: DEFAULT_WIDTHS[id], minSize: 60, maxSize: 800 });

export const buildColumns = (t: TFunction, locale: string, now: number) => {
  // Translated once per build, not per cell: a filter keystroke renders every visible cell.
  const needsDiskUsage = t('images.needsDiskUsage');
  const bytes = (n: number) =>
    n < 0 ? (
      <span className="muted" title={needsDiskUsage}>
        —
      </span>
    ) : (
      <span className="num">{formatBytes(n, locale)}</span>
    );
  return helper.columns([
    helper.accessor('repository', {
      id: 'repository',
      ...size('repository'),
      header: () => columnLabel(t, 'repository'),
      cell: (c) => (
        <span translate="no" className={c.getValue() === '<none>' ? 'muted' : undefined}>
          {c.getValue()}
        </span>
      ),
    }),
    helper.accessor('tag', {
      id: 'tag',
      ...size('tag'),
      header: () => columnLabel(t, 'tag'),
      cell: (c) => (
        <span translate="no" className={c.getValue() === '<none>' ? 'muted' : undefined}>
          {c.getValue()}
        </span>
      ),
    }),
    helper.accessor('shortId', {
      id: 'id',
      ...size('id'),
      header: () => columnLabel(t, 'id'),
      cell: (c) => (
        <code title={c.row.original.id} className="mono">
          {c.getValue()}
        </code>
      ),
    }),
    helper.accessor('digest', {
      id: 'digest',
      ...size('digest'),
      header: () => columnLabel(t, 'digest'),
      cell: (c) =>
        c.getValue() ? (
          <code title={c.getValue()} className="mono">
            {c
              .getValue()
              .replace(/^sha256:/, '')
              .slice(0, 12)}
          </code>
        ) : (
          <span className="muted">—</span>
        ),
    }),
    helper.accessor('created', {
      id: 'created',
      ...size('created'),
      header: () => columnLabel(t, 'created'),
      sortDescFirst: true,
      cell: (c) => (
        <time title={formatAbsolute(c.getValue(), locale)}>{formatRelative(c.getValue(), now, locale)}</time>
      ),
    }),
    helper.accessor('size', {
      id: 'size',
      ...size('size'),
      header: () => columnLabel(t, 'size'),
      sortDescFirst: true,
      cell: (c) => bytes(c.getValue()),
    }),
    helper.accessor('sharedSize', {
      id: 'sharedSize',
      ...size('sharedSize'),
      header: () => columnLabel(t, 'sharedSize'),
      sortDescFirst: true,
      cell: (c) => bytes(c.getValue()),
    }),
    helper.accessor('uniqueSize', {
      id: 'uniqueSize',
      ...size('uniqueSize'),
      header: () => columnLabel(t, 'uniqueSize'),
      sortDescFirst: true,
      cell: (c) => bytes(c.getValue()),
    }),
    helper.accessor('containers', {
      id: 'status',
      ...size('status'),
      header: () => columnLabel(t, 'status'),
      sortDescFirst: true,
      cell: (c) => {
        const row = c.row.original;
        return (
          <span className="badges">
            {row.containers > 0 ? (
              <a
                className="badge badge-use"
                href={routeHash('containers', 'image', row.id)}
                // Rows are a grid with roving focus: the link is reached by mouse; the details panel links too.
                tabIndex={-1}
                onClick={(e) => e.stopPropagation()}
                title={`${t('images.inUse', { count: row.containers })}: ${row.containerNames.join(', ')}`}
              >
                {t('images.inUse', { count: row.containers })}
              </a>
            ) : null}
            {row.dangling ? (
              <span className="badge badge-dangling" title={t('images.danglingHint')}>
                {t('images.dangling')}
              </span>
            ) : null}
          </span>
        );
      },
    }),
    // The platform comes in later than the row (asked for per visible row): the cell
    // subscribes to it, so a batch of platforms re-renders a few cells, not 10,000 rows.
    helper.accessor((r) => usePlatforms.getState().byId[r.id] ?? r.platform, {
      id: 'platform',
      ...size('platform'),
      header: () => columnLabel(t, 'platform'),
      cell: (c) => <PlatformCell id={c.row.original.id} known={c.row.original.platform} />,
    }),
  ]);
};

function PlatformCell({ id, known }: { id: string; known: string }) {
  const platform = usePlatforms((s) => s.byId[id]) ?? known;
  return platform ? <span translate="no">{platform}</span> : <span className="muted">…</span>;
}

import {
  constructSortFn,
  createColumnHelper,
  createSortedRowModel,
  rowSortingFeature,
  sortFn_basic,
  tableFeatures,
} from '@tanstack/react-table';
import type { TFunction } from 'i18next';
import { formatAbsolute, formatBytes, formatRelative } from '../../i18n/format';
import type { ImageRow } from './rows';

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

/** Natural order, as a person reads tags: 1 < 1.9 < 1.10 < latest. */
const sortFn_natural = constructSortFn({
  sort: (a: unknown, b: unknown) => collator.compare(String(a), String(b)),
});

export const features = tableFeatures({
  rowSortingFeature,
  sortedRowModel: createSortedRowModel(),
  sortFns: { natural: sortFn_natural, basic: sortFn_basic },
});

const helper = createColumnHelper<typeof features, ImageRow>();

/** Grid track widths, one per column below, plus the actions column. */
export const GRID_TEMPLATE = 'minmax(180px, 2.2fr) minmax(90px, 1fr) 130px 150px 100px minmax(150px, 1.2fr) 110px';

export const buildColumns = (t: TFunction, locale: string, now: number) =>
  helper.columns([
    helper.accessor('repository', {
      id: 'repository',
      header: () => t('images.col.repository'),
      sortFn: 'natural',
      cell: (c) => <span className={c.getValue() === '<none>' ? 'muted' : undefined}>{c.getValue()}</span>,
    }),
    helper.accessor('tag', {
      id: 'tag',
      header: () => t('images.col.tag'),
      sortFn: 'natural',
      cell: (c) => <span className={c.getValue() === '<none>' ? 'muted' : undefined}>{c.getValue()}</span>,
    }),
    helper.accessor('shortId', {
      id: 'id',
      header: () => t('images.col.id'),
      sortFn: 'natural',
      cell: (c) => (
        <code title={c.row.original.id} className="mono">
          {c.getValue()}
        </code>
      ),
    }),
    helper.accessor('created', {
      id: 'created',
      header: () => t('images.col.created'),
      sortFn: 'basic',
      sortDescFirst: true,
      cell: (c) => (
        <time title={formatAbsolute(c.getValue(), locale)}>{formatRelative(c.getValue(), now, locale)}</time>
      ),
    }),
    helper.accessor('size', {
      id: 'size',
      header: () => t('images.col.size'),
      sortFn: 'basic',
      sortDescFirst: true,
      cell: (c) => <span className="num">{formatBytes(c.getValue(), locale)}</span>,
    }),
    helper.accessor('containers', {
      id: 'status',
      header: () => t('images.col.status'),
      sortFn: 'basic',
      sortDescFirst: true,
      cell: (c) => {
        const row = c.row.original;
        return (
          <span className="badges">
            {row.containers > 0 ? (
              <span
                className="badge badge-use"
                title={`${t('images.inUse', { count: row.containers })}: ${row.containerNames.join(', ')}`}
              >
                {t('images.inUse', { count: row.containers })}
              </span>
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
  ]);

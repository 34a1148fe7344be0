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
import { template } from '../../i18n/template';
import { DEFAULT_WIDTHS, type ImageColumnId } from '../../stores/tablePrefs';
import { usePlatforms } from '../../stores/platforms';
import { routeHash } from '../../app/route';
import { Icon } from '../../ui/icons';
import { imageHash } from '../image/imageRoute';
import { useRunDialog } from '../containers/runDialogStore';
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
        <time title={formatAbsolute(c.getValue(), locale)}>{formatRelative(c.getValue(), now, locale, 'short')}</time>
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

/** What Run starts from: a tag when the row has one (a grouped row names its first), else the ID. */
const runReference = (row: ImageRow): string =>
  row.dangling ? row.id : row.reference === row.id && row.repoTags.length ? (row.repoTags[0] as string) : row.reference;

// The three names, translated once per language: every visible row renders them on each filter keystroke.
let labelsFor: { t: TFunction; save(n: string): string; run(n: string): string; open(n: string): string } | null = null;
const actionLabels = (t: TFunction) =>
  labelsFor?.t === t
    ? labelsFor
    : (labelsFor = {
        t,
        save: template(t, 'images.saveNamed'),
        run: template(t, 'containers.run.actionNamed', 'image'),
        open: template(t, 'image.openNamed'),
      });

/**
 * A row's own actions: Save…, Run… and Open, as icon buttons (three words do
 * not fit beside the columns at 1024 px in English); each has its full name
 * as accessible name and tooltip. Only the active row's are Tab stops.
 */
export function RowActions({
  image,
  active,
  t,
  onSave,
}: {
  image: ImageRow;
  active: boolean;
  t: TFunction;
  onSave(rows: ImageRow[]): void;
}) {
  const name = image.dangling ? image.shortId : image.reference;
  const tabIndex = active ? 0 : -1;
  const labels = actionLabels(t);
  const save = labels.save(name);
  const run = labels.run(name);
  const open = labels.open(name);
  return (
    <span className="row-actions">
      {[
        { label: save, icon: 'save' as const, act: () => onSave([image]) },
        { label: run, icon: 'run' as const, act: () => useRunDialog.getState().open(runReference(image)) },
      ].map((b) => (
        <button
          key={b.icon}
          type="button"
          className="small icon-button"
          tabIndex={tabIndex}
          aria-label={b.label}
          title={b.label}
          onClick={(e) => {
            e.stopPropagation();
            b.act();
          }}
        >
          <Icon name={b.icon} />
        </button>
      ))}
      <a
        className="button small icon-button"
        href={imageHash(image.id)}
        tabIndex={tabIndex}
        aria-label={open}
        title={open}
        onClick={(e) => e.stopPropagation()}
      >
        <Icon name="open" />
      </a>
    </span>
  );
}

import type { ReactElement } from 'react';
import type { TFunction } from 'i18next';
import { formatAbsolute, formatBytes, formatRelative } from '../../i18n/format';
import { usePlatforms } from '../../stores/platforms';
import { routeHash } from '../../app/route';
import type { ImageColumnId } from '../../stores/tablePrefs';
import type { ImageRow } from '../../../../shared/images/rows';

/** One column's cell of a row: the whole gridcell element, keyed by the column. */
export type CellRenderer = (image: ImageRow) => ReactElement;

/**
 * How each column draws an image's cell in the grid's rows. A filter
 * keystroke that changes every row on screen redraws ~30 rows × 10 cells,
 * so a cell is flat (one element holding its text where it can, its class
 * carrying the look), texts are translated once per build, and no table
 * library objects are made per row.
 */
export const buildCells = (t: TFunction, locale: string, now: number): Record<ImageColumnId, CellRenderer> => {
  const needsDiskUsage = t('images.needsDiskUsage');
  const danglingHint = t('images.danglingHint');
  const dangling = t('images.dangling');
  const inUseTexts = new Map<number, string>();
  const inUse = (count: number): string => {
    let text = inUseTexts.get(count);
    if (text === undefined) inUseTexts.set(count, (text = t('images.inUse', { count })));
    return text;
  };
  const name = (id: 'repository' | 'tag') => (image: ImageRow) => {
    const value = image[id];
    return (
      <div key={id} role="gridcell" translate="no" className={value === '<none>' ? 'grid-cell muted' : 'grid-cell'}>
        {value}
      </div>
    );
  };
  const bytes = (id: 'size' | 'sharedSize' | 'uniqueSize') => (image: ImageRow) => {
    const n = image[id];
    return n < 0 ? (
      <div key={id} role="gridcell" className="grid-cell muted" title={needsDiskUsage}>
        —
      </div>
    ) : (
      <div key={id} role="gridcell" className="grid-cell num">
        {formatBytes(n, locale)}
      </div>
    );
  };
  return {
    repository: name('repository'),
    tag: name('tag'),
    id: (image) => (
      <div key="id" role="gridcell" className="grid-cell mono" title={image.id}>
        {image.shortId}
      </div>
    ),
    digest: (image) =>
      image.digest ? (
        <div key="digest" role="gridcell" className="grid-cell mono" title={image.digest}>
          {image.digest.replace(/^sha256:/, '').slice(0, 12)}
        </div>
      ) : (
        <div key="digest" role="gridcell" className="grid-cell muted">
          —
        </div>
      ),
    created: (image) => (
      <div key="created" role="gridcell" className="grid-cell" title={formatAbsolute(image.created, locale)}>
        {formatRelative(image.created, now, locale, 'short')}
      </div>
    ),
    size: bytes('size'),
    sharedSize: bytes('sharedSize'),
    uniqueSize: bytes('uniqueSize'),
    status: (image) => (
      <div key="status" role="gridcell" className="grid-cell">
        <span className="badges">
          {image.containers > 0 ? (
            <a
              className="badge badge-use"
              href={routeHash('containers', 'image', image.id)}
              // Rows are a grid with roving focus: the link is reached by mouse; the details panel links too.
              tabIndex={-1}
              onClick={(e) => e.stopPropagation()}
              title={`${inUse(image.containers)}: ${image.containerNames.join(', ')}`}
            >
              {inUse(image.containers)}
            </a>
          ) : null}
          {image.dangling ? (
            <span className="badge badge-dangling" title={danglingHint}>
              {dangling}
            </span>
          ) : null}
        </span>
      </div>
    ),
    // The platform comes in later than the row (asked for per visible row): the cell
    // subscribes to it, so a batch of platforms re-renders a few cells, not 10,000 rows.
    platform: (image) => (
      <div key="platform" role="gridcell" className="grid-cell">
        <PlatformCell id={image.id} known={image.platform} />
      </div>
    ),
  };
};

function PlatformCell({ id, known }: { id: string; known: string }) {
  const platform = usePlatforms((s) => s.byId[id]) ?? known;
  return platform ? <span translate="no">{platform}</span> : <span className="muted">…</span>;
}

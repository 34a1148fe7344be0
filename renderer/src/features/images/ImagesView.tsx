import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useDiskUsage } from '../../stores/diskUsage';
import { useImages } from '../../stores/images';
import { usePlatforms } from '../../stores/platforms';
import { useTablePrefs } from '../../stores/tablePrefs';
import { navigate } from '../../app/route';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { Icon } from '../../ui/icons';
import { Toolbar } from '../../ui/Toolbar';
import { useImageActions } from './useImageActions';
import { DetailsPanel } from './DetailsPanel';
import { compileFilter, lookupFrom, type FilterHint, type FilterProblem } from './filter';
import { ImagesTable } from './ImagesTable';
import { RemoveDialog } from './RemoveDialog';
import { toRows, type ImageRow } from '../../../../shared/images/rows';
import { useSelection } from './selection';
import { sortRows } from '../../../../shared/images/sortRows';
import { FilterCache } from './filterRows';
import { RunDialogHost } from '../containers/RunDialog';

const NO_ROWS: ImageRow[] = [];

/** A grouped row stands for all of its tags; a tag row for itself. */
const referencesOf = (rows: readonly ImageRow[]): string[] => [
  ...new Set(rows.flatMap((r) => (r.reference === r.id && r.repoTags.length ? r.repoTags : [r.reference]))),
];

/** The images page: filter box, actions, the table and the details panel; `filter` fills the box (a link from a container). */
export function ImagesView({ onSave, filter: linkedFilter }: { onSave(references: string[]): void; filter?: string }) {
  const { t } = useTranslation();
  const filterInput = useRef<HTMLInputElement>(null);

  // "/" or Ctrl/Cmd+F jumps to the filter box, as in most list views.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const typing = e.target instanceof HTMLElement && e.target.closest('input, textarea, select, dialog');
      const find = (e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'f';
      if (find || (e.key === '/' && !typing)) {
        e.preventDefault();
        filterInput.current?.focus();
        filterInput.current?.select();
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);

  const { images, partialOf, status, error, load } = useImages();
  const perImage = useDiskUsage((s) => s.usage?.perImage);
  const groupByImage = useTablePrefs((s) => s.groupByImage);
  const [filter, setFilter] = useState(linkedFilter ?? '');
  useEffect(() => {
    if (linkedFilter !== undefined) setFilter(linkedFilter);
  }, [linkedFilter]);
  const allRows = useMemo(
    () => toRows(images, { ...(perImage ? { diskUsage: perImage } : {}), groupByImage }),
    [images, perImage, groupByImage],
  );
  const sorting = useTablePrefs((s) => s.sorting);
  const sortedRows = useMemo(
    () => sortRows(allRows, sorting, (r) => usePlatforms.getState().byId[r.id] ?? r.platform),
    [allRows, sorting],
  );
  const lookup = useMemo(() => lookupFrom(images), [images]);
  const compiled = useMemo(() => compileFilter(filter, lookup), [filter, lookup]);
  // One pass per keystroke over rows already in order, narrowed from the
  // previous result when the query only grew (see filterRows.ts).
  const [filterCache] = useState(() => new FilterCache());
  const rows = useMemo(
    () => filterCache.filter(sortedRows, filter, compiled),
    [filterCache, sortedRows, filter, compiled],
  );

  const selectedKeys = useSelection((s) => s.keys);
  // Nothing selected (the usual case while typing): the same empty list each time, so the toolbar sees no change.
  const selected = useMemo(
    () => (selectedKeys.size === 0 ? NO_ROWS : rows.filter((r) => selectedKeys.has(r.key))),
    [rows, selectedKeys],
  );
  const [showDetails, setShowDetails] = useState(false);
  // The table's focus row matters only to the details panel: while it is closed,
  // following it in state would render the whole view a second time per keystroke.
  // (Opening the panel gives the table a new callback, which reports the row again.)
  const [activeRow, setActiveRow] = useState<ImageRow | null>(null);
  const onActiveChange = useCallback(
    (row: ImageRow | null) => {
      if (showDetails) setActiveRow(row);
    },
    [showDetails],
  );
  const selectedReferences = useMemo(() => referencesOf(selected), [selected]);
  const actions = useImageActions(selected, selectedReferences, { shown: showDetails, set: setShowDetails });

  // The same element while the items are the same: React skips the toolbar on a filter keystroke.
  const toolbar = useMemo(
    () => <Toolbar className="images-actions" label={t('images.actionsLabel')} items={actions.items} />,
    [t, actions.items],
  );

  const hintText = (h: FilterHint) =>
    h.suggestion
      ? t('images.filterHint.suggest', { token: h.token, suggestion: h.suggestion })
      : t('images.filterHint.unknownKey', { key: h.key, token: h.token });
  const problemText = (p: FilterProblem) =>
    p.kind === 'unknownImage'
      ? t('images.filterProblem.unknownImage', { key: p.key, value: p.value })
      : p.kind === 'badDangling'
        ? t('images.filterProblem.badDangling', { value: p.value })
        : t('images.filterProblem.emptyValue', { key: p.key });

  return (
    <section className="images-view" aria-labelledby="images-title">
      <div className="toolbar">
        <h1 id="images-title">{t('app.images')}</h1>
        <input
          ref={filterInput}
          type="search"
          aria-keyshortcuts="/ Control+F"
          aria-label={t('images.filterLabel')}
          aria-describedby="images-filter-help"
          placeholder={t('images.filterPlaceholder')}
          value={filter}
          onChange={(e) => setFilter(e.target.value)}
        />
        <span className="count" role="status">
          {status !== 'ready' && images.length === 0
            ? ''
            : partialOf !== null
              ? t('images.loadingCount', { count: partialOf })
              : rows.length === allRows.length
                ? t('images.count', { count: images.length, rows: allRows.length })
                : t('images.shown', { shown: rows.length, total: allRows.length })}
          {selected.length > 0 ? ` · ${t('images.selectedCount', { count: selected.length })}` : ''}
        </span>
        <button type="button" className="push-right tb-control" onClick={() => void load()}>
          <Icon name="refresh" />
          <span>{t('images.refresh')}</span>
        </button>
      </div>
      <p
        id="images-filter-help"
        className={compiled.problems.length ? 'field-error' : compiled.hints.length ? 'field-hint' : 'sr-only'}
      >
        {compiled.problems.length
          ? compiled.problems.map(problemText).join(' ')
          : compiled.hints.length
            ? compiled.hints.map(hintText).join(' ')
            : t('images.filterHelp')}
      </p>
      {toolbar}
      {actions.elements}
      {status === 'error' && error ? <ErrorMessage error={error} lead={t('images.loadFailed')} /> : null}
      {status === 'loading' && images.length === 0 ? <p role="status">{t('images.loading')}</p> : null}
      {status === 'ready' && allRows.length === 0 ? <p>{t('images.empty')}</p> : null}
      {allRows.length > 0 && rows.length === 0 ? (
        <p className="empty-state">
          <span>{t('images.noMatch', { filter })}</span>
          <button
            type="button"
            onClick={() => {
              setFilter('');
              filterInput.current?.focus();
            }}
          >
            {t('images.clearFilter')}
          </button>
        </p>
      ) : null}
      <div className="images-body">
        {rows.length > 0 ? (
          <ImagesTable
            rows={rows}
            partial={partialOf !== null}
            onSave={(r) => onSave(referencesOf(r))}
            onRemove={(r) =>
              actions.show((close) => (
                <RemoveDialog
                  references={referencesOf(r)}
                  onClose={() => {
                    close();
                    useSelection.getState().clear();
                  }}
                />
              ))
            }
            onOpen={(r) => navigate('image', r.id)}
            onActiveChange={onActiveChange}
          />
        ) : null}
        {showDetails ? (
          <DetailsPanel row={rows.length ? activeRow : null} onClose={() => setShowDetails(false)} />
        ) : null}
      </div>
      <RunDialogHost />
    </section>
  );
}

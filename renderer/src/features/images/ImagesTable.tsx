import { useVirtualizer } from '@tanstack/react-virtual';
import { useTable, type SortingState, type Updater } from '@tanstack/react-table';
import { useEffect, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent, type MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { usePlatforms } from '../../stores/platforms';
import { useTablePrefs, type ImageColumnId } from '../../stores/tablePrefs';
import { useNow } from '../../ui/useNow';
import { ACTIONS_WIDTH, buildColumns, features } from './columns';
import { buildCells } from './cells';
import { GridRow, type RowHandlers } from './GridRow';
import { ColumnResizer } from './ColumnResizer';
import type { ImageRow } from '../../../../shared/images/rows';
import { clickSelection, keysBetween, useSelection } from './selection';

/** How narrow a column may get before the table scrolls sideways. */
const COLUMN_FLOORS: Record<string, number> = {
  repository: 140,
  tag: 70,
  id: 116, // 12 hex digits whole
  digest: 112,
  created: 112, // "59 min. ago", "10 days ago" whole
  size: 82,
  sharedSize: 80,
  uniqueSize: 80,
  status: 158, // "In use by 1 container" whole
  // "linux/amd64" whole at 1024 px.
  platform: 112,
};

const ROW_HEIGHT = 36;
const NO_DATA: ImageRow[] = [];
// Module-level so the virtualizer's memos see the same function each render.
const estimateSize = () => ROW_HEIGHT;

const resolve = <T,>(updater: Updater<T>, old: T): T =>
  typeof updater === 'function' ? (updater as (o: T) => T)(old) : updater;

interface Props {
  rows: readonly ImageRow[];
  /** Only the first screen's rows while the whole list is on its way: the grid says it is busy. */
  partial?: boolean;
  onSave(rows: ImageRow[]): void;
  /** Delete key on the selection. */
  onRemove(rows: ImageRow[]): void;
  /** Enter or double-click: open this row's image page. */
  onOpen(row: ImageRow): void;
  /** The keyboard/mouse focus row, for the details panel. */
  onActiveChange(row: ImageRow | null): void;
}

/**
 * The images grid: sortable, resizable, reorderable and hideable columns,
 * virtualized rows (only what is on screen is in the DOM, so 10,000 images
 * cost the same as 30), multi-selection with mouse and keyboard as in a file
 * manager.
 */
export function ImagesTable({ rows, partial = false, onSave, onRemove, onOpen, onActiveChange }: Props) {
  const { t, i18n } = useTranslation();
  const [active, setActive] = useState(0);
  const scrollRef = useRef<HTMLDivElement>(null);
  const now = useNow();
  const columns = useMemo(() => buildColumns(t), [t]);
  const cellsById = useMemo(() => buildCells(t, i18n.language, now), [t, i18n.language, now]);
  const prefs = useTablePrefs();
  const { keys: selected, anchor, select } = useSelection();

  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize,
    overscan: 6,
  });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items.at(-1)?.index ?? -1;
  const table = useTable({
    features,
    columns,
    // Headers only: the rows on screen are drawn from `rows` by cells.tsx,
    // without a table-library row object (and its cells) per row per keystroke.
    data: NO_DATA,
    state: {
      sorting: prefs.sorting,
      columnVisibility: prefs.columnVisibility,
      columnOrder: prefs.columnOrder,
      columnSizing: prefs.columnSizing,
    },
    // Rows arrive sorted (ImagesView sorts once per sort change, then filters):
    // the table keeps the header state and leaves the order alone.
    manualSorting: true,
    onSortingChange: (u) => prefs.setSorting(resolve<SortingState>(u, useTablePrefs.getState().sorting)),
    onColumnVisibilityChange: (u) => prefs.setColumnVisibility(resolve(u, useTablePrefs.getState().columnVisibility)),
    onColumnOrderChange: (u) => prefs.setColumnOrder(resolve(u, useTablePrefs.getState().columnOrder)),
    onColumnSizingChange: (u) => prefs.setColumnSizing(resolve(u, useTablePrefs.getState().columnSizing)),
    columnResizeMode: 'onChange',
    enableSortingRemoval: false,
  });
  // Keys in display order, built only when a selection gesture needs them.
  const orderedKeys = useMemo(() => {
    let keys: string[] | null = null;
    return () => (keys ??= rows.map((r) => r.key));
  }, [rows]);
  const visibleColumns = table.getVisibleLeafColumns();
  // Each column may shrink to a floor when the window is narrow (so Actions
  // stays on screen at 1024 px) and grows no wider than its size; the spare
  // width of a wide window goes to an empty track before Actions, not to
  // the Repository column.
  const floor = (c: (typeof visibleColumns)[number]) => Math.min(c.getSize(), COLUMN_FLOORS[c.id] ?? 70);
  const template = [
    ...visibleColumns.map((c) => `minmax(${floor(c)}px, ${c.getSize()}px)`),
    'minmax(0, 1fr)',
    `${ACTIONS_WIDTH}px`,
  ].join(' ');
  const minWidth = visibleColumns.reduce((n, c) => n + floor(c), ACTIONS_WIDTH);
  const shown = visibleColumns.map((c) => c.id).join(' ');
  const cells = useMemo(
    () => shown.split(' ').flatMap((id) => (id in cellsById ? [cellsById[id as ImageColumnId]] : [])),
    [shown, cellsById],
  );

  const [copied, setCopied] = useState<number | null>(null);
  useEffect(() => {
    if (copied === null) return;
    const timer = setTimeout(() => setCopied(null), 2500);
    return () => clearTimeout(timer);
  }, [copied]);

  const activeIndex = Math.min(active, Math.max(0, rows.length - 1));
  const activeRow = rows[activeIndex] ?? null;
  useEffect(() => onActiveChange(activeRow), [activeRow, onActiveChange]);

  // Platforms are not in the engine's list: ask for the rows on screen only.
  const platformShown = visibleColumns.some((c) => c.id === 'platform');
  const want = usePlatforms((s) => s.want);
  useEffect(() => {
    if (!platformShown) return;
    const ids: string[] = [];
    for (let i = first; i <= last; i++) {
      const r = rows[i];
      if (r && !r.platform) ids.push(r.id);
    }
    if (ids.length) want(ids);
  }, [platformShown, first, last, rows, want]);

  const selectedRows = () => rows.filter((r) => selected.has(r.key));

  const move = (to: number, mode: 'select' | 'extend' | 'focus') => {
    const next = Math.max(0, Math.min(rows.length - 1, to));
    setActive(next);
    virtualizer.scrollToIndex(next, { align: 'auto' });
    const keys = orderedKeys();
    const key = keys[next];
    if (key === undefined || mode === 'focus') return;
    if (mode === 'select') select([key], key);
    else {
      const from = anchor === null ? activeIndex : Math.max(0, keys.indexOf(anchor));
      select(keysBetween(keys, from, next), anchor ?? keys[activeIndex] ?? key);
    }
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.target !== e.currentTarget) return;
    const mod = e.ctrlKey || e.metaKey;
    const page = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? 400) / ROW_HEIGHT) - 1);
    const targets: Record<string, number> = {
      ArrowDown: activeIndex + 1,
      ArrowUp: activeIndex - 1,
      PageDown: activeIndex + page,
      PageUp: activeIndex - page,
      Home: 0,
      End: rows.length - 1,
    };
    const target = targets[e.key];
    if (target !== undefined) {
      e.preventDefault();
      move(target, e.shiftKey ? 'extend' : mod ? 'focus' : 'select');
      return;
    }
    const key = rows[activeIndex]?.key;
    if (e.key === ' ' && key !== undefined) {
      e.preventDefault();
      const next = new Set(selected);
      if (next.has(key)) next.delete(key);
      else next.add(key);
      select(next, key);
    } else if (mod && e.key.toLowerCase() === 'a') {
      e.preventDefault();
      const keys = orderedKeys();
      select(keys, keys[0] ?? null);
    } else if (e.key === 'Escape' && selected.size > 0) {
      e.preventDefault();
      select([], null);
    } else if (e.key === 'Delete' && selected.size > 0) {
      e.preventDefault();
      onRemove(selectedRows());
    } else if (e.key === 'Enter' && activeRow) {
      e.preventDefault();
      onOpen(activeRow);
    } else if (mod && e.key.toLowerCase() === 'c' && selected.size > 0) {
      e.preventDefault();
      // Several tag rows of one image are one ID: copy each ID once.
      const ids = [...new Set(selectedRows().map((r) => r.id))];
      void navigator.clipboard
        ?.writeText(ids.join('\n'))
        .then(() => setCopied(ids.length))
        .catch(() => setCopied(null));
    }
  };

  const onRowClick = (e: MouseEvent, index: number) => {
    setActive(index);
    const next = clickSelection(orderedKeys(), selected, anchor, index, {
      shift: e.shiftKey,
      toggle: e.ctrlKey || e.metaKey,
    });
    select(next.keys, next.anchor);
  };

  // The rows' handlers, the same functions for the table's life so that a
  // row whose image did not change can skip its render; they call the latest
  // ones (which read the current selection).
  const latest = useRef({ click: onRowClick, open: onOpen, save: onSave });
  useLayoutEffect(() => {
    latest.current = { click: onRowClick, open: onOpen, save: onSave };
  });
  const [handlers] = useState<RowHandlers>(() => ({
    click: (e, index) => latest.current.click(e, index),
    open: (row) => latest.current.open(row),
    save: (rows) => latest.current.save(rows),
  }));

  return (
    <div
      className="grid"
      role="grid"
      aria-label={t('images.tableLabel')}
      aria-multiselectable="true"
      aria-busy={partial || undefined}
      aria-rowcount={partial ? -1 : rows.length + 1}
      aria-colcount={visibleColumns.length + 1}
      aria-activedescendant={activeRow ? `image-row-${activeIndex}` : undefined}
      tabIndex={0}
      onKeyDown={onKeyDown}
    >
      <div className="grid-inner" style={{ minWidth }}>
        <div role="rowgroup" className="grid-head">
          <div role="row" aria-rowindex={1} className="grid-row" style={{ gridTemplateColumns: template }}>
            {table.getHeaderGroups()[0]?.headers.map((header) => {
              const sorted = header.column.getIsSorted();
              return (
                <div
                  key={header.id}
                  role="columnheader"
                  aria-sort={sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : 'none'}
                  className="grid-cell"
                >
                  <button type="button" className="sort-button" onClick={header.column.getToggleSortingHandler()}>
                    <table.FlexRender header={header} />
                    <span aria-hidden="true" className="sort-mark">
                      {sorted === 'asc' ? '▲' : sorted === 'desc' ? '▼' : ''}
                    </span>
                  </button>
                  <ColumnResizer
                    label={t('images.resizeColumn', { column: t(`images.col.${header.column.id}`) })}
                    size={header.getSize()}
                    onMouseStart={header.getResizeHandler()}
                    onResize={(size) =>
                      prefs.setColumnSizing({ ...useTablePrefs.getState().columnSizing, [header.column.id]: size })
                    }
                  />
                </div>
              );
            })}
            <div className="grid-fill" aria-hidden="true" />
            <div role="columnheader" className="grid-cell">
              {t('images.col.actions')}
            </div>
          </div>
        </div>
        <div ref={scrollRef} className="grid-body" role="rowgroup">
          <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
            {items.map((item) => {
              const image = rows[item.index];
              if (!image) return null;
              return (
                <GridRow
                  // Keyed by position, not by image: when the filter changes the rows,
                  // React updates the texts of the row elements already on screen
                  // instead of removing them all and building new ones.
                  key={item.index}
                  image={image}
                  index={item.index}
                  top={item.start}
                  height={ROW_HEIGHT}
                  template={template}
                  cells={cells}
                  active={item.index === activeIndex}
                  selected={selected.has(image.key)}
                  t={t}
                  handlers={handlers}
                />
              );
            })}
          </div>
        </div>
      </div>
      <div className="copy-toast" role="status">
        {copied !== null ? t('images.copiedIds', { count: copied }) : ''}
      </div>
    </div>
  );
}

import { useVirtualizer } from '@tanstack/react-virtual';
import { useTable, type SortingState } from '@tanstack/react-table';
import { useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { buildColumns, features, GRID_TEMPLATE } from './columns';
import type { ImageRow } from './rows';
import { useNow } from '../../ui/useNow';

const ROW_HEIGHT = 36;

interface Props {
  rows: ImageRow[];
  onSave(row: ImageRow): void;
}

/**
 * The images grid: sortable headers, virtualized rows (only what is on
 * screen is in the DOM, so 10,000 images cost the same as 30), keyboard
 * navigation with the arrow keys.
 */
export function ImagesTable({ rows, onSave }: Props) {
  const { t, i18n } = useTranslation();
  const [sorting, setSorting] = useState<SortingState>([{ id: 'created', desc: true }]);
  const [active, setActive] = useState(0);
  const scrollRef = useRef<HTMLDivElement>(null);
  const now = useNow();
  const columns = useMemo(() => buildColumns(t, i18n.language, now), [t, i18n.language, now]);

  const table = useTable({
    features,
    columns,
    data: rows,
    getRowId: (r) => r.key,
    state: { sorting },
    onSortingChange: setSorting,
    enableSortingRemoval: false,
  });
  const modelRows = table.getRowModel().rows;
  const virtualizer = useVirtualizer({
    count: modelRows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    getItemKey: (i) => modelRows[i]?.id ?? i,
    overscan: 10,
  });

  const activeIndex = Math.min(active, Math.max(0, modelRows.length - 1));
  const move = (to: number) => {
    const next = Math.max(0, Math.min(modelRows.length - 1, to));
    setActive(next);
    virtualizer.scrollToIndex(next, { align: 'auto' });
  };
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.target !== e.currentTarget) return;
    const page = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? 400) / ROW_HEIGHT) - 1);
    const keys: Record<string, number> = {
      ArrowDown: activeIndex + 1,
      ArrowUp: activeIndex - 1,
      PageDown: activeIndex + page,
      PageUp: activeIndex - page,
      Home: 0,
      End: modelRows.length - 1,
    };
    const target = keys[e.key];
    if (target !== undefined) {
      e.preventDefault();
      move(target);
    }
  };
  const activeRow = modelRows[activeIndex];

  return (
    <div
      className="grid"
      role="grid"
      aria-label={t('images.tableLabel')}
      aria-rowcount={modelRows.length + 1}
      aria-colcount={columns.length + 1}
      aria-activedescendant={activeRow ? `image-row-${activeIndex}` : undefined}
      tabIndex={0}
      onKeyDown={onKeyDown}
    >
      <div role="rowgroup" className="grid-head">
        <div role="row" aria-rowindex={1} className="grid-row" style={{ gridTemplateColumns: GRID_TEMPLATE }}>
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
              </div>
            );
          })}
          <div role="columnheader" className="grid-cell">
            {t('images.col.actions')}
          </div>
        </div>
      </div>
      <div ref={scrollRef} className="grid-body" role="rowgroup">
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {virtualizer.getVirtualItems().map((item) => {
            const row = modelRows[item.index];
            if (!row) return null;
            const image = row.original;
            const name = image.dangling ? image.shortId : image.reference;
            return (
              <div
                key={row.id}
                id={`image-row-${item.index}`}
                role="row"
                aria-rowindex={item.index + 2}
                aria-selected={item.index === activeIndex}
                className={`grid-row${item.index === activeIndex ? ' active' : ''}`}
                style={{
                  gridTemplateColumns: GRID_TEMPLATE,
                  height: ROW_HEIGHT,
                  transform: `translateY(${item.start}px)`,
                }}
                onClick={() => setActive(item.index)}
              >
                {row.getAllCells().map((cell) => (
                  <div key={cell.id} role="gridcell" className="grid-cell">
                    <table.FlexRender cell={cell} />
                  </div>
                ))}
                <div role="gridcell" className="grid-cell">
                  <button
                    type="button"
                    className="small"
                    // Roving focus: only the active row's actions are Tab stops.
                    tabIndex={item.index === activeIndex ? 0 : -1}
                    aria-label={t('images.saveNamed', { name })}
                    onClick={() => onSave(image)}
                  >
                    {t('images.save')}
                  </button>
                </div>
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}

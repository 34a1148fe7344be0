import { memo, type MouseEvent } from 'react';
import type { TFunction } from 'i18next';
import { FlexRender, type Row } from '@tanstack/react-table';
import { RowActions, type features } from './columns';
import type { ImageRow } from '../../../../shared/images/rows';

export interface RowHandlers {
  click(e: MouseEvent, index: number): void;
  open(row: ImageRow): void;
  save(rows: ImageRow[]): void;
}

interface Props {
  row: Row<typeof features, ImageRow>;
  index: number;
  top: number;
  height: number;
  template: string;
  /** The column definitions (new with the language and the clock's minute)… */
  columns: unknown;
  /** …and the visible ones, in order. */
  shown: string;
  active: boolean;
  selected: boolean;
  t: TFunction;
  /** Stable across renders (the table reads the latest handlers through them). */
  handlers: RowHandlers;
}

/**
 * One row of the images grid. Rows are keyed by position; a filter
 * keystroke that leaves an image at the same position (the rows above the
 * first one it removes) skips that row entirely: the table library's row
 * object is new on every keystroke, so the comparison is on the image.
 */
export const GridRow = memo(
  function GridRow({ row, index, top, height, template, active, selected, t, handlers }: Props) {
    const image = row.original;
    return (
      <div
        id={`image-row-${index}`}
        role="row"
        aria-rowindex={index + 2}
        aria-selected={selected}
        className={`grid-row${active ? ' active' : ''}${selected ? ' selected' : ''}`}
        style={{
          gridTemplateColumns: template,
          height,
          // `top`, not a transform: a transform per row is a node per row in
          // the compositor's property trees, rebuilt on every frame that changes.
          top,
        }}
        onClick={(e) => handlers.click(e, index)}
        onDoubleClick={() => handlers.open(image)}
      >
        {row.getVisibleCells().map((cell) => (
          <div key={cell.column.id} role="gridcell" className="grid-cell">
            <FlexRender cell={cell} />
          </div>
        ))}
        <div className="grid-fill" aria-hidden="true" />
        <div role="gridcell" className="grid-cell">
          <RowActions image={image} active={active} t={t} onSave={handlers.save} />
        </div>
      </div>
    );
  },
  (a, b) =>
    a.row.original === b.row.original &&
    a.index === b.index &&
    a.top === b.top &&
    a.height === b.height &&
    a.template === b.template &&
    a.columns === b.columns &&
    a.shown === b.shown &&
    a.active === b.active &&
    a.selected === b.selected &&
    a.t === b.t &&
    a.handlers === b.handlers,
);

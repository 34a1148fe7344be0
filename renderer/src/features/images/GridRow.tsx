import { memo, type MouseEvent } from 'react';
import type { TFunction } from 'i18next';
import { RowActions } from './RowActions';
import type { CellRenderer } from './cells';
import type { ImageRow } from '../../../../shared/images/rows';

export interface RowHandlers {
  click(e: MouseEvent, index: number): void;
  open(row: ImageRow): void;
  save(rows: ImageRow[]): void;
}

interface Props {
  image: ImageRow;
  index: number;
  top: number;
  height: number;
  template: string;
  /** The visible columns' cells, in order (new with the columns, the language and the clock's minute). */
  cells: readonly CellRenderer[];
  active: boolean;
  selected: boolean;
  t: TFunction;
  /** Stable across renders (the table reads the latest handlers through them). */
  handlers: RowHandlers;
}

/**
 * One row of the images grid. Rows are keyed by position; a filter
 * keystroke that leaves an image at the same position (the rows above the
 * first one it removes) skips that row entirely.
 */
export const GridRow = memo(function GridRow({
  image,
  index,
  top,
  height,
  template,
  cells,
  active,
  selected,
  t,
  handlers,
}: Props) {
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
      {cells.map((cell) => cell(image))}
      <div className="grid-fill" aria-hidden="true" />
      <div role="gridcell" className="grid-cell">
        <RowActions image={image} active={active} t={t} onSave={handlers.save} />
      </div>
    </div>
  );
});

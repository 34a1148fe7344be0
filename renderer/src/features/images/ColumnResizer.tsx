import type { KeyboardEvent } from 'react';

const STEP = 10;

/**
 * A column's resize handle: drag it with the mouse (TanStack's handler), or
 * focus it and use the arrow keys, as a focusable separator.
 */
export function ColumnResizer({
  label,
  size,
  onMouseStart,
  onResize,
}: {
  label: string;
  size: number;
  onMouseStart(e: unknown): void;
  onResize(size: number): void;
}) {
  const onKeyDown = (e: KeyboardEvent) => {
    const delta = e.key === 'ArrowRight' ? STEP : e.key === 'ArrowLeft' ? -STEP : 0;
    if (delta === 0) return;
    e.preventDefault();
    e.stopPropagation();
    onResize(Math.max(60, Math.min(800, size + delta)));
  };
  return (
    <div
      role="separator"
      aria-orientation="vertical"
      aria-label={label}
      aria-valuenow={size}
      aria-valuemin={60}
      aria-valuemax={800}
      tabIndex={0}
      className="col-resizer"
      onMouseDown={onMouseStart}
      onTouchStart={onMouseStart}
      onKeyDown={onKeyDown}
      onClick={(e) => e.stopPropagation()}
    />
  );
}

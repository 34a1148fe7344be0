import { useRef, type KeyboardEvent, type PointerEvent } from 'react';

const STEP = 16;

/**
 * The left edge of a side panel as a focusable separator: drag it with the
 * mouse, or focus it and use ←/→ (Shift for bigger steps), Home/End for the
 * bounds; a double-click puts the default width back. Moving the edge left
 * widens the panel.
 */
export function PanelResizer({
  label,
  hint,
  width,
  min,
  max,
  fallback,
  onResize,
}: {
  label: string;
  /** How to use it, as a tooltip. */
  hint: string;
  width: number;
  min: number;
  max: number;
  /** The width a double-click restores. */
  fallback: number;
  onResize(width: number): void;
}) {
  const drag = useRef<{ x: number; width: number } | null>(null);
  const clamp = (w: number) => Math.round(Math.max(min, Math.min(max, w)));

  const onKeyDown = (e: KeyboardEvent) => {
    const step = e.shiftKey ? STEP * 4 : STEP;
    const next =
      e.key === 'ArrowLeft'
        ? width + step
        : e.key === 'ArrowRight'
          ? width - step
          : e.key === 'Home'
            ? min
            : e.key === 'End'
              ? max
              : undefined;
    if (next === undefined) return;
    e.preventDefault();
    e.stopPropagation();
    onResize(clamp(next));
  };
  const onPointerDown = (e: PointerEvent<HTMLDivElement>) => {
    if (e.button !== 0) return;
    e.preventDefault();
    e.currentTarget.setPointerCapture(e.pointerId);
    drag.current = { x: e.clientX, width };
  };
  const onPointerMove = (e: PointerEvent<HTMLDivElement>) => {
    if (drag.current) onResize(clamp(drag.current.width + drag.current.x - e.clientX));
  };
  const onPointerEnd = () => {
    drag.current = null;
  };

  return (
    <div
      role="separator"
      aria-orientation="vertical"
      aria-label={label}
      aria-valuenow={width}
      aria-valuemin={min}
      aria-valuemax={max}
      title={hint}
      tabIndex={0}
      className="panel-resizer"
      onKeyDown={onKeyDown}
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={onPointerEnd}
      onPointerCancel={onPointerEnd}
      onDoubleClick={() => onResize(fallback)}
    />
  );
}

import { Fragment, useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Icon, type IconName } from './icons';
import { MoreMenu } from './MoreMenu';

/** One control in a toolbar. Items of the same `group` sit together, groups are divided by a line. */
export interface ToolbarItem {
  id: string;
  group: string;
  /** The visible text. */
  label: string;
  /** A longer accessible name when the visible text is short (e.g. "Load…"). */
  ariaLabel?: string;
  icon?: IconName;
  disabled?: boolean;
  /** Present for toggles: shown pressed (and aria-pressed) when true. */
  pressed?: boolean;
  onSelect?(): void;
  /** A control of its own (e.g. a popover); it stays in the row and never moves into More. */
  render?(): ReactNode;
}

// The spacing the CSS gives (.tb: gap; .tb-sep: width + margins), used to
// tell how many items fit without laying the row out once per candidate.
const GAP = 4;
const SEPARATOR = 1 + 2 * 6 + GAP;

/**
 * A row of icon+label buttons that never wraps: what does not fit moves, from
 * the end, into a "More" menu button. Items stay in the DOM while overflowed
 * (hidden, out of the flow) so their widths can be measured again when
 * labels, fonts or the window change.
 */
export function Toolbar({ label, items, className }: { label: string; items: ToolbarItem[]; className?: string }) {
  const { t } = useTranslation();
  const root = useRef<HTMLDivElement>(null);
  const more = useRef<HTMLSpanElement>(null);
  const cells = useRef(new Map<string, HTMLSpanElement>());
  const [hidden, setHidden] = useState<ReadonlySet<string>>(new Set());
  const [tick, setTick] = useState(0);

  useEffect(() => {
    const el = root.current;
    if (!el) return;
    const ro = new ResizeObserver(() => setTick((n) => n + 1));
    ro.observe(el);
    for (const c of cells.current.values()) if (c.firstElementChild) ro.observe(c.firstElementChild);
    return () => ro.disconnect();
  }, [items.length]);

  // Measure when what the items show changed (labels change with language and
  // selection), not on every render: measuring forces a layout of the whole
  // page, and the images view re-renders its toolbar on each filter keystroke.
  // Width changes of custom controls are caught by the ResizeObserver above.
  const shape = items
    .map((i) => [i.id, i.group, i.label, i.ariaLabel, i.icon, i.disabled, i.pressed, !!i.render].join('\u0001'))
    .join('\u0002');
  useLayoutEffect(() => {
    const el = root.current;
    if (!el) return;
    const width = (id: string) => cells.current.get(id)?.firstElementChild?.getBoundingClientRect().width ?? 0;
    const rowWidth = (shown: ToolbarItem[], withMore: boolean) =>
      shown.reduce(
        (sum, item, i) => sum + width(item.id) + (i === 0 ? 0 : item.group === shown[i - 1]?.group ? GAP : SEPARATOR),
        withMore ? GAP + (more.current?.firstElementChild?.getBoundingClientRect().width ?? 32) : 0,
      );
    const available = el.clientWidth - 2;
    const next = new Set<string>();
    if (rowWidth(items, false) > available) {
      const movable = items.filter((i) => !i.render).reverse();
      for (const item of movable) {
        next.add(item.id);
        if (
          rowWidth(
            items.filter((i) => !next.has(i.id)),
            true,
          ) <= available
        )
          break;
      }
    }
    if (next.size !== hidden.size || [...next].some((id) => !hidden.has(id))) setHidden(next);
    // `items` is read through `shape`: a new array with the same contents needs no new measure.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [shape, hidden, tick]);

  const shown = items.filter((i) => !hidden.has(i.id));
  const overflow = items.filter((i) => hidden.has(i.id));

  // Left/Right move between the row's own buttons, as in a desktop toolbar.
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.key !== 'ArrowLeft' && e.key !== 'ArrowRight') return;
    const target = e.target as HTMLElement;
    if (!target.matches('.tb-control')) return;
    const controls = [...(root.current?.querySelectorAll<HTMLElement>('.tb-cell:not(.tb-hidden) .tb-control') ?? [])];
    const i = controls.indexOf(target);
    const next = controls[(i + (e.key === 'ArrowRight' ? 1 : -1) + controls.length) % controls.length];
    if (next) {
      e.preventDefault();
      next.focus();
    }
  };

  return (
    <div ref={root} role="toolbar" aria-label={label} className={`tb ${className ?? ''}`} onKeyDown={onKeyDown}>
      {items.map((item) => {
        const isHidden = hidden.has(item.id);
        const prev = shown[shown.indexOf(item) - 1];
        return (
          <Fragment key={item.id}>
            {!isHidden && prev && prev.group !== item.group ? <span className="tb-sep" role="separator" /> : null}
            <span
              className={isHidden ? 'tb-cell tb-hidden' : 'tb-cell'}
              inert={isHidden}
              ref={(el) => {
                if (el) cells.current.set(item.id, el);
                else cells.current.delete(item.id);
              }}
            >
              {item.render ? (
                item.render()
              ) : (
                <button
                  type="button"
                  className={item.pressed ? 'tb-control tb-on' : 'tb-control'}
                  aria-label={item.ariaLabel}
                  aria-pressed={item.pressed}
                  disabled={item.disabled}
                  onClick={item.onSelect}
                >
                  {item.icon ? <Icon name={item.icon} /> : null}
                  <span>{item.label}</span>
                </button>
              )}
            </span>
          </Fragment>
        );
      })}
      <span ref={more} className={overflow.length ? 'tb-cell' : 'tb-cell tb-hidden'} inert={!overflow.length}>
        <MoreMenu label={t('ui.more')} items={overflow} />
      </span>
    </div>
  );
}

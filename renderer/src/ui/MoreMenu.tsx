import { Fragment, useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { Icon } from './icons';
import type { ToolbarItem } from './Toolbar';

/**
 * The toolbar's overflow: a menu button (aria-haspopup, Enter/Space/Down
 * open it) and a menu of the items that did not fit. Arrow keys, Home and End
 * move, Escape closes and returns focus to the button, Tab closes.
 */
export function MoreMenu({ label, items }: { label: string; items: ToolbarItem[] }) {
  const [open, setOpen] = useState(false);
  const menuId = useId();
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const menu = useRef<HTMLDivElement>(null);

  const entries = () => [...(menu.current?.querySelectorAll<HTMLElement>('[role^="menuitem"]') ?? [])];
  const focusAt = (i: number) => {
    const list = entries();
    list[(i + list.length) % list.length]?.focus();
  };

  useEffect(() => {
    if (!open) return;
    menu.current?.querySelector<HTMLElement>('[role^="menuitem"]')?.focus();
    const onDown = (e: MouseEvent) => {
      if (!root.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('mousedown', onDown);
    return () => document.removeEventListener('mousedown', onDown);
  }, [open]);
  useEffect(() => {
    if (!items.length) setOpen(false);
  }, [items.length]);

  const close = (refocus: boolean) => {
    setOpen(false);
    if (refocus) button.current?.focus();
  };

  const onMenuKey = (e: KeyboardEvent<HTMLDivElement>) => {
    const list = entries();
    const i = list.indexOf(document.activeElement as HTMLElement);
    const keys: Record<string, () => void> = {
      ArrowDown: () => focusAt(i + 1),
      ArrowUp: () => focusAt(i - 1),
      Home: () => focusAt(0),
      End: () => focusAt(list.length - 1),
      Escape: () => close(true),
      Tab: () => close(false),
    };
    const act = keys[e.key];
    if (!act) return;
    if (e.key !== 'Tab') e.preventDefault();
    e.stopPropagation();
    act();
  };

  return (
    <div className="menu-root" ref={root}>
      <button
        ref={button}
        type="button"
        className="tb-control"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        onClick={() => setOpen(!open)}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown' && !open) {
            e.preventDefault();
            setOpen(true);
          }
        }}
      >
        <Icon name="more" />
        <span>{label}</span>
      </button>
      {open ? (
        <div ref={menu} id={menuId} role="menu" aria-label={label} className="menu-panel tb-menu" onKeyDown={onMenuKey}>
          {items.map((item, i) => (
            <Fragment key={item.id}>
              {i > 0 && items[i - 1]?.group !== item.group ? <div role="separator" className="tb-menu-sep" /> : null}
              <button
                type="button"
                tabIndex={-1}
                role={item.pressed === undefined ? 'menuitem' : 'menuitemcheckbox'}
                aria-checked={item.pressed}
                aria-label={item.ariaLabel}
                aria-disabled={item.disabled || undefined}
                className={item.pressed ? 'tb-menu-item tb-on' : 'tb-menu-item'}
                onClick={() => {
                  if (item.disabled) return;
                  close(true);
                  item.onSelect?.();
                }}
              >
                {item.icon ? <Icon name={item.icon} /> : <span className="icon" />}
                <span>{item.label}</span>
              </button>
            </Fragment>
          ))}
        </div>
      ) : null}
    </div>
  );
}

import { useRef, type KeyboardEvent, type ReactNode } from 'react';

interface Props<T extends string> {
  label: string;
  tabs: readonly T[];
  current: T;
  title(tab: T): string;
  onSelect(tab: T): void;
  idPrefix: string;
  children: ReactNode;
}

/**
 * A WAI-ARIA tablist: ←/→ (and Home/End) move between tabs and select them,
 * only the selected tab is a Tab stop, the panel is labelled by its tab.
 */
export function Tabs<T extends string>({ label, tabs, current, title, onSelect, idPrefix, children }: Props<T>) {
  const refs = useRef(new Map<T, HTMLButtonElement>());
  const onKeyDown = (e: KeyboardEvent) => {
    const i = tabs.indexOf(current);
    const to =
      e.key === 'ArrowRight'
        ? (i + 1) % tabs.length
        : e.key === 'ArrowLeft'
          ? (i - 1 + tabs.length) % tabs.length
          : e.key === 'Home'
            ? 0
            : e.key === 'End'
              ? tabs.length - 1
              : -1;
    const next = tabs[to];
    if (next === undefined) return;
    e.preventDefault();
    onSelect(next);
    refs.current.get(next)?.focus();
  };
  return (
    <>
      <div role="tablist" aria-label={label} className="tabs" onKeyDown={onKeyDown}>
        {tabs.map((tab) => (
          <button
            key={tab}
            ref={(el) => {
              if (el) refs.current.set(tab, el);
              else refs.current.delete(tab);
            }}
            type="button"
            role="tab"
            id={`${idPrefix}-tab-${tab}`}
            aria-selected={tab === current}
            aria-controls={`${idPrefix}-panel`}
            tabIndex={tab === current ? 0 : -1}
            className="tab"
            onClick={() => onSelect(tab)}
          >
            {title(tab)}
          </button>
        ))}
      </div>
      <div
        role="tabpanel"
        id={`${idPrefix}-panel`}
        aria-labelledby={`${idPrefix}-tab-${current}`}
        className="tab-panel"
      >
        {children}
      </div>
    </>
  );
}

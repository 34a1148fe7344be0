import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useTablePrefs } from '../../stores/tablePrefs';
import { Icon } from '../../ui/icons';

/** Show, hide and reorder the table's columns; the choice is remembered. */
export function ColumnsMenu() {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const root = useRef<HTMLDivElement>(null);
  const prefs = useTablePrefs();

  useEffect(() => {
    if (!open) return;
    const onDown = (e: MouseEvent) => {
      if (!root.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('mousedown', onDown);
    return () => document.removeEventListener('mousedown', onDown);
  }, [open]);

  const moveBy = (id: string, delta: number) => {
    const order = [...prefs.columnOrder];
    const i = order.indexOf(id);
    const j = i + delta;
    if (i < 0 || j < 0 || j >= order.length) return;
    [order[i], order[j]] = [order[j] as string, order[i] as string];
    prefs.setColumnOrder(order);
  };
  const shown = (id: string) => prefs.columnVisibility[id] !== false;
  const shownCount = prefs.columnOrder.filter(shown).length;

  return (
    <div
      className="menu-root"
      ref={root}
      onKeyDown={(e) => {
        if (e.key === 'Escape' && open) {
          e.stopPropagation();
          setOpen(false);
        }
      }}
    >
      <button
        type="button"
        className="tb-control"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen(!open)}
      >
        <Icon name="columns" />
        <span>{t('images.columns.button')}</span>
      </button>
      {open ? (
        <div id={panelId} role="group" aria-label={t('images.columns.label')} className="menu-panel">
          <ul>
            {prefs.columnOrder.map((id, i) => {
              const label = t(`images.col.${id}`);
              return (
                <li key={id}>
                  <label className="check">
                    <input
                      type="checkbox"
                      checked={shown(id)}
                      // The table keeps at least one column.
                      disabled={shown(id) && shownCount === 1}
                      onChange={(e) => prefs.setColumnVisibility({ ...prefs.columnVisibility, [id]: e.target.checked })}
                    />
                    {label}
                  </label>
                  <span className="menu-moves">
                    <button
                      type="button"
                      className="small"
                      aria-label={t('images.columns.moveUp', { column: label })}
                      disabled={i === 0}
                      onClick={() => moveBy(id, -1)}
                    >
                      ↑
                    </button>
                    <button
                      type="button"
                      className="small"
                      aria-label={t('images.columns.moveDown', { column: label })}
                      disabled={i === prefs.columnOrder.length - 1}
                      onClick={() => moveBy(id, 1)}
                    >
                      ↓
                    </button>
                  </span>
                </li>
              );
            })}
          </ul>
          <button type="button" className="small" onClick={() => prefs.reset()}>
            {t('images.columns.reset')}
          </button>
        </div>
      ) : null}
    </div>
  );
}

import { useEffect, useId, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/instance';
import { runningCount, useTasks } from './store';
import { TaskRow } from './TaskRow';
import './tasks.css';

/**
 * The header's Tasks button (a badge counts running tasks) and the drawer
 * it opens: every window's long operations, running and finished. The
 * button toggles it; Escape or Close shuts it and gives focus back to the
 * button.
 */
export function TasksDrawer() {
  const { t } = useTranslation();
  const tasks = useTasks((s) => s.tasks);
  const open = useTasks((s) => s.open);
  const setOpen = useTasks((s) => s.setOpen);
  const drawerId = useId();
  const titleId = useId();
  const button = useRef<HTMLButtonElement>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const running = runningCount(tasks);
  const finished = tasks.length - running;

  useEffect(() => {
    if (open) heading.current?.focus();
  }, [open]);

  const close = () => {
    setOpen(false);
    button.current?.focus();
  };

  // Escape closes the drawer when focus is in it, on its button, or nowhere
  // (a row that went away takes focus with it); elsewhere (the table, a
  // modal dialog) Escape keeps its own meaning.
  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape' || e.defaultPrevented) return;
      const at = document.activeElement;
      const ours = at === null || at === document.body || at === button.current || !!at.closest('.tasks-drawer');
      if (!ours) return;
      setOpen(false);
      button.current?.focus();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [open, setOpen]);

  const clearFinished = () => {
    // The button disables itself: keep focus in the drawer.
    heading.current?.focus();
    void api()
      .call('tasks.clear', {})
      .catch(() => {});
  };

  return (
    <>
      <button
        ref={button}
        type="button"
        className="tasks-button"
        aria-expanded={open}
        aria-controls={drawerId}
        aria-label={running ? t('tasks.buttonLabelRunning', { count: running }) : t('tasks.buttonLabel')}
        onClick={() => (open ? close() : setOpen(true))}
      >
        {t('tasks.button')}
        {running ? (
          <span className="tasks-badge" aria-hidden="true">
            {running}
          </span>
        ) : null}
      </button>
      {open ? (
        <aside id={drawerId} className="tasks-drawer" role="dialog" aria-modal="false" aria-labelledby={titleId}>
          <div className="tasks-drawer-head">
            <h2 id={titleId} ref={heading} tabIndex={-1}>
              {t('tasks.title')}
            </h2>
            <button type="button" className="small" onClick={close} aria-label={t('tasks.close')}>
              ×
            </button>
          </div>
          {tasks.length === 0 ? (
            <p className="tasks-empty">{t('tasks.empty')}</p>
          ) : (
            <ul className="tasks-list" aria-label={t('tasks.list')}>
              {tasks.map((task) => (
                <TaskRow key={task.id} task={task} />
              ))}
            </ul>
          )}
          <div className="tasks-drawer-foot">
            <button type="button" onClick={clearFinished} disabled={finished === 0}>
              {t('tasks.clearFinished')}
            </button>
          </div>
        </aside>
      ) : null}
    </>
  );
}

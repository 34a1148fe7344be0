import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TaskInfo } from '../../../../shared/contract/taskModels';
import { api } from '../../api/instance';
import { formatBytes } from '../../i18n/format';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { ProgressBlock } from '../../ui/ProgressBlock';
import { etaMs, formatDuration, percentOf } from './format';
import { taskTitle } from './title';

/** "120 MB of 317 MB · 37 % · 30 MB/s · about 7 sec left": what is known of a running task. */
const progressText = (task: TaskInfo, t: (k: string, o?: Record<string, unknown>) => string, locale: string) => {
  const p = task.progress;
  const fmt = (n: number) => formatBytes(n, locale);
  const parts: string[] = [];
  // No byte yet (the engine is still preparing): say so rather than "0 B · 0 %".
  if (!p?.bytes && !p?.steps) {
    return p?.total ? t('tasks.startingTotal', { total: fmt(p.total) }) : t('tasks.starting');
  }
  if (p.bytes !== undefined) {
    if (p.total)
      parts.push(
        t(p.totalIsEstimate ? 'tasks.bytesOfAbout' : 'tasks.bytesOf', { done: fmt(p.bytes), total: fmt(p.total) }),
      );
    else parts.push(t('tasks.bytes', { done: fmt(p.bytes) }));
  }
  if (p?.steps) {
    parts.push(
      p.steps.total !== undefined
        ? t('tasks.steps', { done: p.steps.done, total: p.steps.total })
        : t('tasks.stepsDone', { done: p.steps.done }),
    );
  }
  const percent = percentOf(p);
  if (percent !== undefined) parts.push(t('tasks.percent', { percent }));
  if (p?.bytesPerSecond) parts.push(t('tasks.speed', { speed: fmt(p.bytesPerSecond) }));
  const eta = etaMs(p);
  if (eta !== undefined) parts.push(t('tasks.eta', { time: formatDuration(eta, locale) }));
  return parts.length ? parts.join(' · ') : t('tasks.starting');
};

/** One task in the drawer: what it is, how far, Cancel while it runs, its outcome after. */
export function TaskRow({ task }: { task: TaskInfo }) {
  const { t, i18n } = useTranslation();
  const [cancelling, setCancelling] = useState(false);
  const title = taskTitle(t, task);
  const running = task.state === 'running';
  const took =
    task.endedAt !== undefined
      ? t('tasks.took', { time: formatDuration(task.endedAt - task.startedAt, i18n.language) })
      : '';
  const p = task.progress;
  const determinate = !!p?.bytes && !!p.total;

  const cancel = () => {
    setCancelling(true);
    api()
      .call('tasks.cancel', { id: task.id })
      .catch(() => {})
      .finally(() => setCancelling(false));
  };

  return (
    <li className={`task task-${task.state}`} aria-label={title}>
      <div className="task-head">
        <span className="task-title" title={title}>
          {title}
        </span>
        {running ? (
          <button
            type="button"
            className="small"
            aria-label={t('tasks.cancelLabel', { title })}
            onClick={cancel}
            disabled={cancelling}
          >
            {t('tasks.cancel')}
          </button>
        ) : null}
      </div>
      {running ? (
        <>
          <ProgressBlock
            label={t('tasks.progressLabel', { title })}
            {...(determinate ? { value: Math.min(p.bytes ?? 0, p.total ?? 0), max: p.total } : {})}
            text={progressText(task, t, i18n.language)}
          />
          {task.tabBound ? <p className="task-note">{t('tasks.tabBound')}</p> : null}
        </>
      ) : null}
      {task.state === 'done' ? (
        <p className="task-outcome ok" role="status">
          {task.note ? t('tasks.doneNote', { note: task.note }) : t('tasks.done')}{' '}
          <span className="task-took">· {took}</span>
        </p>
      ) : null}
      {task.state === 'cancelled' ? (
        <p className="task-outcome" role="status">
          {t(
            task.cancelReason === 'tab-closed'
              ? 'tasks.cancelledTab'
              : task.cancelReason === 'quit'
                ? 'tasks.cancelledQuit'
                : 'tasks.cancelled',
          )}{' '}
          <span className="task-took">· {took}</span>
        </p>
      ) : null}
      {task.state === 'cancelled' && task.afterCancel ? (
        <p className="task-note">{t(`tasks.afterCancel.${task.afterCancel}`)}</p>
      ) : null}
      {task.state === 'failed' && task.error ? <ErrorMessage error={task.error} lead={t('tasks.failed')} /> : null}
    </li>
  );
}

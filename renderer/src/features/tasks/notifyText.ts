import type { TaskInfo } from '../../../../shared/contract/taskModels';
import { formatDuration } from './format';
import { taskTitle } from './title';

/** Work shorter than this ends without a notification: the user has hardly looked away. */
export const LONG_TASK_MS = 5000;

/** Long work that ended while the user looked elsewhere. */
export const worthNotifying = (task: TaskInfo, background: boolean): boolean =>
  background && task.state !== 'running' && task.endedAt !== undefined && task.endedAt - task.startedAt >= LONG_TASK_MS;

/** Title and body of the notification for a task that ended, in the UI's language. */
export const notificationFor = (
  task: TaskInfo,
  t: (k: string, o?: Record<string, unknown>) => string,
  locale: string,
): { title: string; body: string } => {
  const title = taskTitle(t, task);
  const key = task.state === 'failed' ? 'failedTitle' : task.state === 'cancelled' ? 'cancelledTitle' : 'doneTitle';
  return {
    title: t(`tasks.notify.${key}`, { title }),
    body: t('tasks.notify.body', { time: formatDuration((task.endedAt ?? task.startedAt) - task.startedAt, locale) }),
  };
};

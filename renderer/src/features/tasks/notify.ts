import i18next from 'i18next';
import type { TaskInfo } from '../../../../shared/contract/taskModels';
import { api } from '../../api/instance';
import { useHost } from '../../stores/host';
import { formatDuration } from './format';
import { taskTitle } from './title';

/** Work shorter than this ends without a notification: the user has hardly looked away. */
export const LONG_TASK_MS = 5000;

/** The window is behind others, minimised, or its tab is not the one shown. */
const inBackground = (): boolean => document.visibilityState !== 'visible' || !document.hasFocus();

/** Title and body of the notification for a task that ended, in the UI's language. */
export const notificationFor = (
  task: TaskInfo,
  t: (k: string, o?: Record<string, unknown>) => string,
  locale: string,
) => {
  const title = taskTitle(t, task);
  const key = task.state === 'failed' ? 'failedTitle' : task.state === 'cancelled' ? 'cancelledTitle' : 'doneTitle';
  return {
    title: t(`tasks.notify.${key}`, { title }),
    body: t('tasks.notify.body', { time: formatDuration((task.endedAt ?? task.startedAt) - task.startedAt, locale) }),
  };
};

/**
 * Says that long work ended while Lading was in the background: the
 * desktop app through the shell's native notifications; a browser only
 * when the user already allowed this page to notify (Lading never asks).
 */
export const notifyFinished = (task: TaskInfo): void => {
  if (task.endedAt === undefined || task.endedAt - task.startedAt < LONG_TASK_MS || !inBackground()) return;
  const { title, body } = notificationFor(task, (k, o) => i18next.t(k, o), i18next.language);
  if (useHost.getState().info?.mode === 'desktop') {
    void api()
      .call('host.notify', { title, body })
      .catch(() => {});
    return;
  }
  if (typeof Notification !== 'undefined' && Notification.permission === 'granted') {
    // The tag keeps several tabs of the same Lading from showing it twice.
    new Notification(title, { body, tag: `lading-task-${task.id}` });
  }
};

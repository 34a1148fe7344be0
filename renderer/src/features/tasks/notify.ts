import i18next from 'i18next';
import type { TaskInfo } from '../../../../shared/contract/taskModels';
import { api } from '../../api/instance';
import { useHost } from '../../stores/host';
import { notificationFor, worthNotifying } from './notifyText';

/** The window is behind others, minimised, or its tab is not the one shown. */
const inBackground = (): boolean => document.visibilityState !== 'visible' || !document.hasFocus();

/**
 * Says that long work ended while Lading was in the background: the
 * desktop app through the shell's native notifications; a browser only
 * when the user already allowed this page to notify (Lading never asks).
 */
export const notifyFinished = (task: TaskInfo): void => {
  if (!worthNotifying(task, inBackground())) return;
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

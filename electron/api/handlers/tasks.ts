import type { RequestHandler } from '../types';
import type { HandlerDeps } from './deps';

/** The tasks drawer: list, cancel from any window, clear finished; and the desktop's notifications. */
export const taskHandlers = ({ tasks, operations, host }: HandlerDeps) => {
  const list: RequestHandler<'tasks.list'> = async () => tasks.list();
  const cancel: RequestHandler<'tasks.cancel'> = async ({ id }) => ({ cancelled: operations.cancelTask(id) });
  const clear: RequestHandler<'tasks.clear'> = async ({ ids }) => ({ cleared: tasks.clear(ids) });
  const notify: RequestHandler<'host.notify'> = async ({ title, body }, { session }) => {
    if (!host.notify) return { shown: false };
    host.notify({ title, body }, session);
    return { shown: true };
  };
  return { 'tasks.list': list, 'tasks.cancel': cancel, 'tasks.clear': clear, 'host.notify': notify };
};

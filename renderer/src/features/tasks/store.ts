import { create } from 'zustand';
import type { ApiClient } from '../../api/client';
import type { TaskInfo, TasksEvent } from '../../../../shared/contract/taskModels';

interface TasksState {
  /** Newest first, as the backend lists them. */
  tasks: TaskInfo[];
  /** The drawer is open (one per window). */
  open: boolean;
  apply(event: TasksEvent): void;
  setOpen(open: boolean): void;
}

/** Applies one `tasks` topic event to the list (pure; exported for tests). */
export const applyTasksEvent = (tasks: TaskInfo[], event: TasksEvent): TaskInfo[] => {
  if (event.kind === 'snapshot') return event.tasks;
  if (event.kind === 'removed') {
    const gone = new Set(event.ids);
    return tasks.filter((t) => !gone.has(t.id));
  }
  const i = tasks.findIndex((t) => t.id === event.task.id);
  if (i === -1) return [event.task, ...tasks];
  const next = tasks.slice();
  next[i] = event.task;
  return next;
};

export const useTasks = create<TasksState>((set) => ({
  tasks: [],
  open: false,
  apply: (event) => set((s) => ({ tasks: applyTasksEvent(s.tasks, event) })),
  setOpen: (open) => set({ open }),
}));

export const runningCount = (tasks: readonly TaskInfo[]): number => tasks.filter((t) => t.state === 'running').length;

/**
 * Follows the backend's tasks: the whole list on (re)subscribe, then each
 * change. `onFinished` hears of tasks that end while this window watches.
 */
export const startTasksSync = (client: ApiClient, onFinished?: (task: TaskInfo) => void): (() => void) =>
  client.subscribe('tasks', (event) => {
    const before = useTasks.getState().tasks;
    useTasks.getState().apply(event);
    if (event.kind === 'update' && event.task.state !== 'running') {
      const was = before.find((t) => t.id === event.task.id);
      if (was?.state === 'running') onFinished?.(event.task);
    }
  });

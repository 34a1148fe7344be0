import type { TaskInfo } from '../../../../shared/contract/taskModels';

type T = (key: string, options?: Record<string, unknown>) => string;

/** "Save fixture/big:1": the kind in the user's language, then what it works on. */
export const taskTitle = (t: T, task: Pick<TaskInfo, 'kind' | 'subject'>): string => {
  const kind = t(`tasks.kind.${task.kind}`, { defaultValue: task.kind });
  return task.subject ? `${kind} ${task.subject}` : kind;
};

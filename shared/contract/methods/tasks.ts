import { z } from 'zod';
import { request, returns } from '../define';
import type { TaskInfo } from '../taskModels';
import { Empty } from '../schemas';

const TaskId = z.string().min(1).max(100);

/**
 * The tasks drawer: long operations of every window, running and finished.
 * Live changes come on the `tasks` topic (the whole list on subscribe).
 */
export const taskMethods = {
  /** Every task the backend remembers, newest first (running and finished, up to the history cap). */
  'tasks.list': request(Empty, returns<TaskInfo[]>()),

  /** Cancel a running task, whichever window started it; its outcome arrives as `cancelled`. */
  'tasks.cancel': request(z.object({ id: TaskId }).strict(), returns<{ cancelled: boolean }>()),

  /** Forget finished tasks: the ones named, or every finished one. Running tasks stay. */
  'tasks.clear': request(
    z.object({ ids: z.array(TaskId).max(1000).optional() }).strict(),
    returns<{ cleared: number }>(),
  ),

  /**
   * Desktop: a native notification (long work ended while the window was in
   * the background). The renderer writes the text in the user's language.
   * Elsewhere it answers `shown: false`.
   */
  'host.notify': request(
    z.object({ title: z.string().min(1).max(200), body: z.string().max(1000) }).strict(),
    returns<{ shown: boolean }>(),
  ),
} as const;

import { ApiError } from '../../shared/contract/errors';
import type { TaskSpec } from '../../shared/contract/define';
import type { OperationUpdate } from '../../shared/contract/events';
import type { MethodName } from '../../shared/contract/api';
import type { TaskCancelReason } from '../../shared/contract/taskModels';
import { toApiError } from '../engine/errors';
import type { TaskRegistry } from './tasks';
import { Throttle } from './throttle';

interface Running {
  sessionId: string;
  controller: AbortController;
  /** A task outlives its session (unless tab-bound) and any session may cancel it. */
  task: boolean;
  tabBound: boolean;
  /** Why it was aborted, for the task's outcome. */
  reason?: TaskCancelReason;
  /** Settles once the final update was sent. */
  done: Promise<void>;
}

export const PROGRESS_INTERVAL_MS = 100;

/** What the operation's code gets besides its arguments. */
export interface OperationHooks {
  signal: AbortSignal;
  progress(p: unknown): void;
  /** A task's better subject, once known (an upload's file name). */
  describe(subject: string): void;
}

/**
 * Runs long operations: one AbortController each, throttled progress, and
 * exactly one final update (succeeded, failed or cancelled). Operations
 * whose contract entry is a task are also reported to the task registry.
 */
export class OperationRegistry {
  private running = new Map<string, Running>();

  constructor(private readonly tasks?: TaskRegistry) {}

  has(operationId: string): boolean {
    return this.running.has(operationId);
  }

  start(
    sessionId: string,
    operationId: string,
    method: MethodName,
    run: (hooks: OperationHooks) => Promise<unknown>,
    send: (update: OperationUpdate) => void,
    task?: { spec: TaskSpec<never, never, never>; args: unknown },
  ): void {
    if (this.running.has(operationId)) {
      throw new ApiError('INVALID_ARGUMENT', `operation ${operationId} is already running`);
    }
    const tasks = task ? this.tasks : undefined;
    const controller = new AbortController();
    let settled!: () => void;
    const done = new Promise<void>((resolve) => (settled = resolve));
    const op: Running = { sessionId, controller, task: tasks !== undefined, tabBound: false, done };
    this.running.set(operationId, op);
    if (task && tasks) {
      tasks.begin(operationId, method, task.spec, task.args);
      op.tabBound = tasks.get(operationId)?.tabBound === true;
    }
    const throttle = new Throttle<unknown>(PROGRESS_INTERVAL_MS, (progress) =>
      send({ operationId, method, state: 'running', progress }),
    );
    const hooks: OperationHooks = {
      signal: controller.signal,
      progress: (p) => {
        if (controller.signal.aborted) return;
        throttle.push(p);
        tasks?.progress(operationId, p);
      },
      describe: (subject) => tasks?.describe(operationId, subject),
    };
    // A handler that throws synchronously is a failure like any other.
    let work: Promise<unknown>;
    try {
      work = run(hooks);
    } catch (err) {
      work = Promise.reject(err);
    }
    void work
      .then(
        (result): OperationUpdate => ({ operationId, method, state: 'succeeded', result }),
        (err: unknown): OperationUpdate => {
          const error = toApiError(err);
          return controller.signal.aborted || error.code === 'CANCELLED'
            ? { operationId, method, state: 'cancelled' }
            : { operationId, method, state: 'failed', error: error.toJSON() };
        },
      )
      .then((final) => {
        throttle.cancel();
        this.running.delete(operationId);
        if (tasks) {
          if (final.state === 'succeeded') tasks.finish(operationId, { state: 'done', result: final.result });
          else if (final.state === 'failed') tasks.finish(operationId, { state: 'failed', error: final.error });
          else tasks.finish(operationId, { state: 'cancelled', reason: op.reason ?? 'user' });
        }
        settled();
        send(final);
      });
  }

  /** The session that started an operation may cancel it; any session may cancel a task. */
  cancel(sessionId: string, operationId: string): boolean {
    const op = this.running.get(operationId);
    if (!op || (op.sessionId !== sessionId && !op.task)) return false;
    this.abort(op, 'user');
    return true;
  }

  /** The drawer's Cancel, from any window. */
  cancelTask(operationId: string): boolean {
    const op = this.running.get(operationId);
    if (!op || !op.task) return false;
    this.abort(op, 'user');
    return true;
  }

  /**
   * Quitting: aborts every operation and resolves when all have sent their
   * final update (each cleaned up after itself), or after `graceMs`.
   */
  async cancelAll(graceMs: number): Promise<void> {
    const pending = [...this.running.values()].map((op) => {
      this.abort(op, 'quit');
      return op.done;
    });
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<void>((resolve) => (timer = setTimeout(resolve, graceMs)));
    await Promise.race([Promise.all(pending), timeout]);
    clearTimeout(timer);
  }

  /**
   * A window or tab went away: its plain operations end with it; its tasks
   * keep running for the drawer, except those that need the tab itself (a
   * file the browser was streaming up).
   */
  cancelSession(sessionId: string): void {
    for (const [, op] of this.running) {
      if (op.sessionId === sessionId && (!op.task || op.tabBound)) this.abort(op, 'tab-closed');
    }
  }

  private abort(op: Running, reason: TaskCancelReason): void {
    if (op.controller.signal.aborted) return;
    op.reason = reason;
    op.controller.abort();
  }
}

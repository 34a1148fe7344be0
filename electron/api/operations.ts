import { ApiError } from '../../shared/contract/errors';
import type { OperationUpdate } from '../../shared/contract/events';
import type { MethodName } from '../../shared/contract/api';
import { toApiError } from '../engine/errors';
import { Throttle } from './throttle';

interface Running {
  sessionId: string;
  controller: AbortController;
  /** Settles once the final update was sent. */
  done: Promise<void>;
}

export const PROGRESS_INTERVAL_MS = 100;

/**
 * Runs long operations: one AbortController each, throttled progress, and
 * exactly one final update (succeeded, failed or cancelled).
 */
export class OperationRegistry {
  private running = new Map<string, Running>();

  has(operationId: string): boolean {
    return this.running.has(operationId);
  }

  start(
    sessionId: string,
    operationId: string,
    method: MethodName,
    run: (signal: AbortSignal, progress: (p: unknown) => void) => Promise<unknown>,
    send: (update: OperationUpdate) => void,
  ): void {
    if (this.running.has(operationId)) {
      throw new ApiError('INVALID_ARGUMENT', `operation ${operationId} is already running`);
    }
    const controller = new AbortController();
    let settled!: () => void;
    const done = new Promise<void>((resolve) => (settled = resolve));
    this.running.set(operationId, { sessionId, controller, done });
    const throttle = new Throttle<unknown>(PROGRESS_INTERVAL_MS, (progress) =>
      send({ operationId, method, state: 'running', progress }),
    );
    void run(controller.signal, (p) => {
      if (!controller.signal.aborted) throttle.push(p);
    })
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
        settled();
        send(final);
      });
  }

  /** Only the session that started an operation may cancel it. */
  cancel(sessionId: string, operationId: string): boolean {
    const op = this.running.get(operationId);
    if (!op || op.sessionId !== sessionId) return false;
    op.controller.abort();
    return true;
  }

  /**
   * Quitting: aborts every operation and resolves when all have sent their
   * final update (each cleaned up after itself), or after `graceMs`.
   */
  async cancelAll(graceMs: number): Promise<void> {
    const pending = [...this.running.values()].map((op) => {
      op.controller.abort();
      return op.done;
    });
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<void>((resolve) => (timer = setTimeout(resolve, graceMs)));
    await Promise.race([Promise.all(pending), timeout]);
    clearTimeout(timer);
  }

  cancelSession(sessionId: string): void {
    for (const [, op] of this.running) if (op.sessionId === sessionId) op.controller.abort();
  }
}

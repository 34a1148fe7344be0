import type { z } from 'zod';
import type { TaskProgress } from './taskModels';

/**
 * Building blocks of the contract table in api.ts. A method is either a
 * plain request (answer once) or an operation (long work with an id,
 * progress frames, cancel and one final result).
 */

/** Carries a type through a value without a runtime cost. */
export interface Returns<T> {
  readonly __returns?: T;
}
export const returns = <T>(): Returns<T> => ({});

export interface RequestDef<A extends z.ZodType, R> {
  readonly kind: 'request';
  readonly args: A;
  readonly result: Returns<R>;
}

/**
 * Makes an operation a task: it appears in every window's tasks drawer,
 * outlives the tab that started it (unless `tabBound` says the tab is part
 * of the work), and any window may cancel it. All functions get the
 * validated arguments, progress or result and must not throw. (Method
 * syntax on purpose: it keeps every operation assignable to the generic
 * operation type api.ts tests against.)
 */
export interface TaskSpec<Args, P, R> {
  /** What kind of work: the drawer says `tasks.kind.<kind>` ("Save", "Pull"…). */
  readonly kind: string;
  /** What it works on, language-independent (references, a file name, a URL). */
  subject?(args: Args): string;
  /**
   * The drawer's view of a progress frame. Default: the frame's own
   * `bytes`, `total`, `totalIsEstimate`, `bytesPerSecond` and `steps`.
   */
  progress?(p: P): TaskProgress;
  /** A short note for a finished task (default: the result's `path`, else `id`, if a string). */
  note?(result: R): string | undefined;
  /** True when the tab that started it streams its input (a browser upload): it ends with that tab. */
  tabBound?(args: Args): boolean;
  /**
   * Cancelled while Lading runs on: what still happens after the cancel, as
   * a key (the drawer says `tasks.afterCancel.<key>`), e.g. an engine
   * download that cannot be stopped.
   */
  afterCancel?(args: Args): string | undefined;
}

export interface OperationDef<A extends z.ZodType, P, R> {
  readonly kind: 'operation';
  readonly args: A;
  readonly progress: Returns<P>;
  readonly result: Returns<R>;
  /** Present: the operation is a task (see TaskSpec). */
  readonly task?: TaskSpec<z.output<A>, P, R>;
}

export const request = <A extends z.ZodType, R>(args: A, result: Returns<R>): RequestDef<A, R> => ({
  kind: 'request',
  args,
  result,
});

export const operation = <A extends z.ZodType, P, R>(
  args: A,
  progress: Returns<P>,
  result: Returns<R>,
  task?: TaskSpec<z.output<NoInfer<A>>, NoInfer<P>, NoInfer<R>>,
): OperationDef<A, P, R> => ({ kind: 'operation', args, progress, result, ...(task ? { task } : {}) });

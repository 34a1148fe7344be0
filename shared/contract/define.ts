import type { z } from 'zod';

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

export interface OperationDef<A extends z.ZodType, P, R> {
  readonly kind: 'operation';
  readonly args: A;
  readonly progress: Returns<P>;
  readonly result: Returns<R>;
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
): OperationDef<A, P, R> => ({ kind: 'operation', args, progress, result });

import type { OperationName, ParsedArgsOf, ProgressOf, RequestName, ResultOf } from '../../shared/contract/api';
import type { EngineMonitor } from '../engine/monitor';

/** Who is calling: one renderer window, or one browser tab in serve mode. */
export interface SessionInfo {
  id: string;
}

export interface RequestContext {
  session: SessionInfo;
  /**
   * The engine this session works with. Handlers take it from here, never
   * from a global, so several engine connections need no handler change.
   */
  engine: EngineMonitor;
}

export interface OperationContext<P> extends RequestContext {
  operationId: string;
  signal: AbortSignal;
  /** Report progress; throttled and coalesced before it reaches a transport. */
  progress(p: P): void;
  /** A task's better subject for the drawer, once the handler knows it (a browser upload's file name). */
  describe(subject: string): void;
}

export type RequestHandler<M extends RequestName> = (
  args: ParsedArgsOf<M>,
  ctx: RequestContext,
) => Promise<ResultOf<M>>;

export type OperationHandler<M extends OperationName> = (
  args: ParsedArgsOf<M>,
  ctx: OperationContext<ProgressOf<M>>,
) => Promise<ResultOf<M>>;

/** One implementation per contract entry; TypeScript checks none is missing. */
export type Handlers = { [M in RequestName]: RequestHandler<M> } & {
  [M in OperationName]: OperationHandler<M>;
};

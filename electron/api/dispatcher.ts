import { randomUUID } from 'node:crypto';
import { api, isMethodName, type MethodName } from '../../shared/contract/api';
import type { TaskSpec } from '../../shared/contract/define';
import { ApiError } from '../../shared/contract/errors';
import { topicNames, type TopicName } from '../../shared/contract/events';
import { ClientMessage, type ReplyMessage } from '../../shared/contract/protocol';
import { toApiError } from '../engine/errors';
import { EventSink, type Outlet } from './eventSink';
import type { TopicHub } from './hub';
import type { OperationRegistry } from './operations';
import type { EngineMonitor } from '../engine/monitor';
import type { Handlers, SessionInfo } from './types';

const isTopic = (t: string): t is TopicName => (topicNames as readonly string[]).includes(t);

/** Reads zod's issues as one sentence: "path: problem; …". */
const describeIssues = (issues: { path: PropertyKey[]; message: string }[]): string =>
  issues.map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message)).join('; ');

/**
 * The transport-independent API server. Each renderer (an Electron window,
 * a browser tab) gets a Session; transports only move messages.
 */
export class Dispatcher {
  constructor(
    private readonly handlers: Handlers,
    private readonly hub: TopicHub,
    private readonly operations: OperationRegistry,
    /** The engine a session works with (one today; a per-session choice when several are connected). */
    private readonly engineFor: (session: SessionInfo) => EngineMonitor,
  ) {}

  openSession(outlet: Outlet, onOutletError?: (err: unknown) => void): Session {
    return new Session(
      this.handlers,
      this.hub,
      this.operations,
      new EventSink(outlet, undefined, onOutletError),
      this.engineFor,
    );
  }
}

export class Session {
  readonly info: SessionInfo = { id: randomUUID() };
  private subscriptions = new Map<TopicName, () => void>();

  constructor(
    private readonly handlers: Handlers,
    private readonly hub: TopicHub,
    private readonly operations: OperationRegistry,
    private readonly sink: EventSink,
    private readonly engineFor: (session: SessionInfo) => EngineMonitor,
  ) {}

  /** Handles one client message; never throws, always answers with a reply. */
  async handle(raw: unknown): Promise<ReplyMessage> {
    const parsed = ClientMessage.safeParse(raw);
    const id = typeof (raw as { id?: unknown } | null)?.id === 'number' ? (raw as { id: number }).id : -1;
    if (!parsed.success) {
      return this.fail(
        id,
        new ApiError('INVALID_ARGUMENT', `malformed message: ${describeIssues(parsed.error.issues)}`),
      );
    }
    const msg = parsed.data;
    try {
      if (msg.type !== 'call') {
        if (!isTopic(msg.topic)) throw new ApiError('INVALID_ARGUMENT', `unknown topic "${msg.topic}"`);
        if (msg.type === 'subscribe') this.subscribe(msg.topic);
        else this.unsubscribe(msg.topic);
        return { type: 'reply', id: msg.id, ok: true, value: null };
      }
      return { type: 'reply', id: msg.id, ok: true, value: await this.call(msg.method, msg.args, msg.operationId) };
    } catch (err) {
      return this.fail(msg.id, toApiError(err));
    }
  }

  close(): void {
    for (const off of this.subscriptions.values()) off();
    this.subscriptions.clear();
    this.operations.cancelSession(this.info.id);
    this.sink.close();
  }

  private async call(method: string, rawArgs: unknown, operationId: string | undefined): Promise<unknown> {
    if (!isMethodName(method)) throw new ApiError('UNKNOWN_METHOD', `unknown method "${method}"`);
    const def = api[method];
    const args = def.args.safeParse(rawArgs ?? {});
    if (!args.success) {
      throw new ApiError('INVALID_ARGUMENT', describeIssues(args.error.issues), { method });
    }
    if (def.kind === 'request') {
      // The handler table is keyed by the same names; the cast narrows a union TS cannot correlate.
      const handler = this.handlers[method as never] as (a: unknown, c: unknown) => Promise<unknown>;
      return handler(args.data, { session: this.info, engine: this.engineFor(this.info) });
    }
    if (!operationId) throw new ApiError('INVALID_ARGUMENT', `${method} is an operation and needs an operationId`);
    const handler = this.handlers[method as never] as (a: unknown, c: unknown) => Promise<unknown>;
    // The contract entry says whether this operation is a task (drawer, outlives the tab).
    const task = (def as { task?: TaskSpec<never, never, never> }).task;
    this.operations.start(
      this.info.id,
      operationId,
      method as MethodName,
      ({ signal, progress, describe }) =>
        handler(args.data, {
          session: this.info,
          engine: this.engineFor(this.info),
          operationId,
          signal,
          progress,
          describe,
        }),
      (update) => this.sink.push({ type: 'operation', update }),
      task ? { spec: task, args: args.data } : undefined,
    );
    return { operationId };
  }

  private subscribe(topic: TopicName): void {
    if (this.subscriptions.has(topic)) return;
    const off = this.hub.subscribe(topic, (payload) =>
      this.sink.push({ type: 'event', topic, payload } as Parameters<EventSink['push']>[0]),
    );
    this.subscriptions.set(topic, off);
  }

  private unsubscribe(topic: TopicName): void {
    this.subscriptions.get(topic)?.();
    this.subscriptions.delete(topic);
  }

  private fail(id: number, err: ApiError): ReplyMessage {
    return { type: 'reply', id, ok: false, error: err.toJSON() };
  }
}

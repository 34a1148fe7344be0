import type {
  ArgsOf,
  FileSource,
  OperationName,
  ProgressOf,
  RequestName,
  ResultOf,
  MethodName,
} from '../../../shared/contract/api';
import { ApiError } from '../../../shared/contract/errors';
import type { OperationUpdate, TopicName, Topics } from '../../../shared/contract/events';
import type { ClientMessage, EventMessage } from '../../../shared/contract/protocol';
import type { LinkState, Transport } from './transport';

export interface OperationHandle<R> {
  id: string;
  /** Resolves with the result; rejects with an ApiError (code CANCELLED when cancelled). */
  result: Promise<R>;
  cancel(): Promise<void>;
}

type Listener<T> = (payload: T) => void;

/**
 * The renderer's typed view of the contract. Method names, argument and
 * result types all come from shared/contract/api.ts.
 */
export class ApiClient {
  private nextId = 1;
  private topics = new Map<TopicName, Set<Listener<never>>>();
  private operations = new Map<string, (u: OperationUpdate) => void>();

  constructor(private readonly transport: Transport) {
    transport.onMessage((m) => this.dispatch(m));
    // After the link comes back (serve mode: server restarted), subscribe again. Not on the first
    // open: subscriptions made while connecting are already queued.
    let opened = false;
    transport.onLinkState((s) => {
      if (s !== 'open') return;
      if (opened) for (const topic of this.topics.keys()) void this.send({ type: 'subscribe', id: this.id(), topic });
      opened = true;
    });
  }

  onLinkState(listener: (s: LinkState) => void): () => void {
    return this.transport.onLinkState(listener);
  }

  /**
   * Turns a File into a FileSource for an operation, plus the transfer to
   * run once the operation has started (a no-op on the desktop).
   */
  async fileSource(file: File): Promise<{ source: FileSource; transfer(): Promise<void> }> {
    const files = this.transport.files;
    if (files.kind === 'path') return { source: { kind: 'path', path: files.pathFor(file) }, transfer: async () => {} };
    const { uploadId, path } = await this.call('uploads.create', { name: file.name || 'file', size: file.size });
    return { source: { kind: 'upload', uploadId }, transfer: () => files.post(path, file) };
  }

  call<M extends RequestName>(method: M, args: ArgsOf<M>): Promise<ResultOf<M>> {
    return this.send({ type: 'call', id: this.id(), method, args }) as Promise<ResultOf<M>>;
  }

  start<M extends OperationName>(
    method: M,
    args: ArgsOf<M>,
    onProgress?: (p: ProgressOf<M>) => void,
  ): OperationHandle<ResultOf<M>> {
    const operationId = crypto.randomUUID();
    const result = new Promise<ResultOf<M>>((resolve, reject) => {
      // Listen before calling: updates may arrive before the call's reply.
      this.operations.set(operationId, (u) => {
        if (u.state === 'running') return onProgress?.(u.progress as ProgressOf<M>);
        this.operations.delete(operationId);
        if (u.state === 'succeeded') resolve(u.result as ResultOf<M>);
        else if (u.state === 'failed') reject(ApiError.from(u.error));
        else reject(new ApiError('CANCELLED', 'Cancelled'));
      });
      this.send({ type: 'call', id: this.id(), method: method as MethodName, args, operationId }).catch(
        (err: unknown) => {
          this.operations.delete(operationId);
          reject(err);
        },
      );
    });
    return {
      id: operationId,
      result,
      cancel: async () => {
        await this.call('operations.cancel', { operationId });
      },
    };
  }

  subscribe<T extends TopicName>(topic: T, listener: Listener<Topics[T]>): () => void {
    let set = this.topics.get(topic);
    if (!set) {
      set = new Set();
      this.topics.set(topic, set);
      void this.send({ type: 'subscribe', id: this.id(), topic });
    }
    set.add(listener as Listener<never>);
    return () => {
      set.delete(listener as Listener<never>);
      if (set.size === 0) {
        this.topics.delete(topic);
        void this.send({ type: 'unsubscribe', id: this.id(), topic }).catch(() => {});
      }
    };
  }

  private id(): number {
    return this.nextId++;
  }

  private async send(message: ClientMessage): Promise<unknown> {
    const reply = await this.transport.request(message);
    if (!reply.ok) throw ApiError.from(reply.error);
    return reply.value;
  }

  private dispatch(m: EventMessage): void {
    if (m.type === 'operation') {
      this.operations.get(m.update.operationId)?.(m.update);
      return;
    }
    for (const l of this.topics.get(m.topic) ?? []) (l as Listener<typeof m.payload>)(m.payload);
  }
}

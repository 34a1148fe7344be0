import { create } from 'zustand';
import type { ApiErrorData } from '../../../../shared/contract/errors';
import type {
  PullResult,
  PushResult,
  TransferProgress,
  UpdateResult,
} from '../../../../shared/contract/methods/registries';
import type { OperationHandle } from '../../api/client';
import { isCancelled, toErrorData } from '../../api/errorData';
import { api } from '../../api/instance';

export type TransferKind = 'pull' | 'push' | 'update';

export type TransferOutcome =
  | { kind: 'pull'; result: PullResult }
  | { kind: 'push'; result: PushResult }
  | { kind: 'update'; result: UpdateResult };

export interface Transfer {
  id: string;
  kind: TransferKind;
  /** What the user asked for: one reference, or the references of an update. */
  references: string[];
  state: 'running' | 'succeeded' | 'failed' | 'cancelled';
  progress: TransferProgress | null;
  outcome?: TransferOutcome;
  error?: ApiErrorData;
  startedAt: number;
  cancelling?: boolean;
}

interface TransfersStore {
  transfers: Transfer[];
  pull(reference: string, opts?: { allTags?: boolean; platform?: string }): string;
  push(reference: string): string;
  update(references: string[]): string;
  cancel(id: string): void;
  dismiss(id: string): void;
  clearFinished(): void;
}

const handles = new Map<string, OperationHandle<unknown>>();

/**
 * Pulls, pushes and updates this tab started, several at once: each an
 * operation with per-layer progress, one final outcome and cancel.
 */
export const useTransfers = create<TransfersStore>((set, get) => {
  const patch = (id: string, change: Partial<Transfer>) =>
    set((s) => ({ transfers: s.transfers.map((t) => (t.id === id ? { ...t, ...change } : t)) }));

  const track = <R>(
    kind: TransferKind,
    references: string[],
    start: (onProgress: (p: TransferProgress) => void) => OperationHandle<R>,
    outcome: (result: R) => TransferOutcome,
  ): string => {
    let id = '';
    const handle = start((progress) => {
      if (id) patch(id, { progress });
    });
    id = handle.id;
    handles.set(id, handle as OperationHandle<unknown>);
    set((s) => ({
      transfers: [{ id, kind, references, state: 'running', progress: null, startedAt: Date.now() }, ...s.transfers],
    }));
    handle.result
      .then(
        (result) => {
          const o = outcome(result);
          const final = o.kind === 'update' ? get().transfers.find((t) => t.id === id)?.progress : o.result.final;
          patch(id, { state: 'succeeded', outcome: o, progress: final ?? null });
        },
        (err: unknown) =>
          patch(id, isCancelled(err) ? { state: 'cancelled' } : { state: 'failed', error: toErrorData(err) }),
      )
      .finally(() => handles.delete(id));
    return id;
  };

  return {
    transfers: [],
    pull: (reference, opts = {}) =>
      track(
        'pull',
        [reference],
        (onProgress) => api().start('images.pull', { reference, ...opts }, onProgress),
        (result) => ({ kind: 'pull', result }),
      ),
    push: (reference) =>
      track(
        'push',
        [reference],
        (onProgress) => api().start('images.push', { reference }, onProgress),
        (result) => ({ kind: 'push', result }),
      ),
    update: (references) =>
      track(
        'update',
        references,
        (onProgress) => api().start('images.update', { references }, onProgress),
        (result) => ({ kind: 'update', result }),
      ),
    cancel: (id) => {
      patch(id, { cancelling: true });
      void handles.get(id)?.cancel();
    },
    dismiss: (id) => set((s) => ({ transfers: s.transfers.filter((t) => t.id !== id || t.state === 'running') })),
    clearFinished: () => set((s) => ({ transfers: s.transfers.filter((t) => t.state === 'running') })),
  };
});

/** Seconds left at the current speed, when the total is known. */
export const etaSeconds = (p: TransferProgress): number | undefined =>
  p.totalKnown && p.bytesPerSecond > 0 && p.total > p.bytes ? (p.total - p.bytes) / p.bytesPerSecond : undefined;

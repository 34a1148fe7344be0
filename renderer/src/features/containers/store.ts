import { create } from 'zustand';
import type { ContainerRow, ContainersTopic } from '../../../../shared/contract/containerModels';
import type { ApiErrorData } from '../../../../shared/contract/errors';
import { toErrorData } from '../../api/errorData';
import { api } from '../../api/instance';
import { useConnection } from '../../stores/connection';

type Patch = Extract<ContainersTopic, { kind: 'patch' }>;

interface ContainersStore {
  rows: ContainerRow[];
  status: 'idle' | 'loading' | 'ready' | 'error';
  error: ApiErrorData | null;
  load(): Promise<void>;
  applyPatch(patch: Patch): void;
}

/** Upserts replace rows by ID (new ones go first, as `docker ps` lists newest first); removals drop them. */
export const applyContainersPatch = (rows: readonly ContainerRow[], patch: Patch): ContainerRow[] => {
  const removed = new Set(patch.removed);
  const byId = new Map(patch.upserts.map((r) => [r.id, r]));
  const out = rows.filter((r) => !removed.has(r.id)).map((r) => byId.get(r.id) ?? r);
  const known = new Set(out.map((r) => r.id));
  const added = patch.upserts.filter((r) => !known.has(r.id) && !removed.has(r.id));
  return [...added, ...out];
};

let inFlight: Promise<void> | null = null;
let heldBack: Patch[] = [];

export const useContainers = create<ContainersStore>((set, get) => ({
  rows: [],
  status: 'idle',
  error: null,
  load: async () => {
    if (inFlight) return inFlight;
    if (get().status !== 'ready') set({ status: 'loading' });
    heldBack = [];
    inFlight = (async () => {
      try {
        const fetched = await api().call('containers.list', {});
        set({ rows: heldBack.reduce(applyContainersPatch, fetched), status: 'ready', error: null });
      } catch (err) {
        set({ status: 'error', error: toErrorData(err) });
      }
    })();
    try {
      await inFlight;
    } finally {
      inFlight = null;
      heldBack = [];
    }
  },
  applyPatch: (patch) => {
    if (inFlight) heldBack.push(patch);
    else set({ rows: applyContainersPatch(get().rows, patch) });
  },
}));

let syncing = false;

/**
 * Follows the engine's container events once something shows containers:
 * patches from the `containers` topic, a full list on resync or reconnect.
 */
export const ensureContainersSync = (): void => {
  if (syncing) return;
  syncing = true;
  const engine = useConnection.getState().engine;
  let generation = engine?.status === 'connected' ? engine.generation : -1;
  const client = api();
  void useContainers.getState().load();
  client.subscribe('containers', (change) => {
    if (change.kind === 'resync') void useContainers.getState().load();
    else useContainers.getState().applyPatch(change);
  });
  client.subscribe('connection', (state) => {
    if (state.status === 'connected' && state.generation !== generation) {
      generation = state.generation;
      void useContainers.getState().load();
    }
  });
};

/** The name a person knows a container by. */
export const nameOf = (c: { names: string[]; id: string }): string => c.names[0] ?? c.id.slice(0, 12);

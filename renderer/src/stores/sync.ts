import type { ApiClient } from '../api/client';
import { useConnection } from './connection';
import { useImages } from './images';

/** Image events arrive in bursts (a pull, a prune); one refetch per burst. */
const REFETCH_DEBOUNCE_MS = 150;

/**
 * Wires pushed events into the stores: connection state, and a refetch of
 * the images list when the engine reports an image change or reconnects.
 * (The images issue replaces the refetch with patching by event.)
 */
export const startSync = (client: ApiClient): (() => void) => {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const refetchSoon = () => {
    clearTimeout(timer);
    timer = setTimeout(() => void useImages.getState().load(), REFETCH_DEBOUNCE_MS);
  };
  let generation = -1;
  const offs = [
    client.onLinkState((link) => useConnection.getState().setLink(link)),
    client.subscribe('connection', (state) => {
      useConnection.getState().setEngine(state);
      if (state.status === 'connected' && state.generation !== generation) {
        generation = state.generation;
        void useImages.getState().load();
      }
    }),
    client.subscribe('images', refetchSoon),
  ];
  return () => {
    clearTimeout(timer);
    for (const off of offs) off();
  };
};

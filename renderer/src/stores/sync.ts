import type { ApiClient } from '../api/client';
import { useConnection } from './connection';
import { useImages } from './images';
import { usePlatforms } from './platforms';

/**
 * Wires pushed events into the stores: connection state, and the images
 * list patched by the backend's changes (a full refetch only on `resync`:
 * a burst too big to patch, or a reconnect).
 */
export const startSync = (client: ApiClient): (() => void) => {
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
    client.subscribe('images', (change) => {
      if (change.kind === 'resync') {
        void useImages.getState().load();
        return;
      }
      const platforms: Record<string, string> = {};
      for (const img of change.patch.upserts) if (img.platform) platforms[img.id] = img.platform;
      usePlatforms.getState().remember(platforms);
      useImages.getState().applyPatch(change.patch);
    }),
  ];
  return () => {
    for (const off of offs) off();
  };
};

import type { ApiClient } from '../api/client';
import { useConnection } from './connection';
import { useImages } from './images';
import { usePlatforms } from './platforms';

/**
 * Wires pushed events into the stores: connection state, and the images
 * list patched by the backend's changes (a full refetch only on `resync`:
 * a burst too big to patch, or a reconnect).
 *
 * The list is asked for at once, right after the `images` subscription (the
 * backend handles one session's messages in order, so no change can fall
 * between the two), without waiting for the first `connection` event: at
 * start-up that saves a round trip while the UI's code is still loading.
 */
export const startSync = (client: ApiClient): (() => void) => {
  let generation = -1;
  const offs = [
    client.onLinkState((link) => useConnection.getState().setLink(link)),
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
  const first = useImages.getState().load();
  offs.push(
    client.subscribe('connection', (state) => {
      useConnection.getState().setEngine(state);
      if (state.status !== 'connected' || state.generation === generation) return;
      const initial = generation === -1;
      generation = state.generation;
      // The first list is already on its way; it is fetched again only if it failed (the engine was not there yet).
      if (initial)
        void first.then(() => {
          if (useImages.getState().status === 'error') void useImages.getState().load();
        });
      else void useImages.getState().load();
    }),
  );
  return () => {
    for (const off of offs) off();
  };
};

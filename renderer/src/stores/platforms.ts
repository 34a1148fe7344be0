import { create } from 'zustand';
import { api } from '../api/instance';

interface PlatformsStore {
  /** Image ID → "linux/amd64". IDs are immutable, so entries never go stale. */
  byId: Record<string, string>;
  /** Ask for the platforms of these images (the visible rows); batched. */
  want(ids: readonly string[]): void;
  remember(entries: Record<string, string>): void;
}

const asked = new Set<string>();
const queue: string[] = [];
let timer: ReturnType<typeof setTimeout> | undefined;
const BATCH = 200;

/**
 * `/images/json` has no platform, and inspecting 10,000 images to fill one
 * column is too slow: only the rows on screen are asked for, in batches.
 */
export const usePlatforms = create<PlatformsStore>((set, get) => ({
  byId: {},
  want: (ids) => {
    for (const id of ids) {
      if (!asked.has(id) && get().byId[id] === undefined) {
        asked.add(id);
        queue.push(id);
      }
    }
    if (queue.length === 0 || timer) return;
    timer = setTimeout(() => {
      timer = undefined;
      const batch = queue.splice(0, BATCH);
      if (queue.length > 0) get().want([]);
      void api()
        .call('images.platforms', { ids: batch })
        .then((found) => get().remember(found))
        .catch(() => {
          for (const id of batch) asked.delete(id); // try again when they are next on screen
        });
    }, 80);
  },
  remember: (entries) => {
    if (Object.keys(entries).length > 0) set({ byId: { ...get().byId, ...entries } });
  },
}));

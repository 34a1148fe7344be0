import { create } from 'zustand';
import type { ApiErrorData } from '../../../shared/contract/errors';
import type { ImagesPatch } from '../../../shared/contract/imageModels';
import type { ImageSummary } from '../../../shared/contract/models';
import { toErrorData } from '../api/errorData';
import { api } from '../api/instance';
import { applyImagesPatch } from './imagesPatch';

interface ImagesStore {
  images: ImageSummary[];
  status: 'idle' | 'loading' | 'ready' | 'error';
  error: ApiErrorData | null;
  /** Fetch the whole list; concurrent requests collapse into one follow-up fetch. */
  load(): Promise<void>;
  /** Apply a pushed change (held back while a full fetch is in flight, then replayed in order). */
  applyPatch(patch: ImagesPatch): void;
}

let inFlight: Promise<void> | null = null;
let again = false;
let heldBack: ImagesPatch[] = [];

export const useImages = create<ImagesStore>((set, get) => ({
  images: [],
  status: 'idle',
  error: null,
  load: async () => {
    if (inFlight) {
      again = true;
      return inFlight;
    }
    if (get().status !== 'ready') set({ status: 'loading' });
    inFlight = (async () => {
      do {
        again = false;
        heldBack = [];
        try {
          const fetched = await api().call('images.list', {});
          // Changes that arrived while the list was on its way are newer than
          // some of it: replay them, in order, on top.
          const images = heldBack.reduce(applyImagesPatch, fetched);
          set({ images, status: 'ready', error: null });
        } catch (err) {
          set({ status: 'error', error: toErrorData(err) });
        }
      } while (again);
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
    else set({ images: applyImagesPatch(get().images, patch) });
  },
}));

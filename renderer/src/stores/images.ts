import { create } from 'zustand';
import type { ApiErrorData } from '../../../shared/contract/errors';
import type { ImageSummary } from '../../../shared/contract/models';
import { toErrorData } from '../api/errorData';
import { api } from '../api/instance';

interface ImagesStore {
  images: ImageSummary[];
  status: 'idle' | 'loading' | 'ready' | 'error';
  error: ApiErrorData | null;
  /** Fetch the list; concurrent requests collapse into one follow-up fetch. */
  load(): Promise<void>;
}

let inFlight: Promise<void> | null = null;
let again = false;

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
        try {
          const images = await api().call('images.list', {});
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
    }
  },
}));

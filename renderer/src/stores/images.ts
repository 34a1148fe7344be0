import { create } from 'zustand';
import type { ApiErrorData } from '../../../shared/contract/errors';
import type { ImagesPatch } from '../../../shared/contract/imageModels';
import type { ImageSummary } from '../../../shared/contract/models';
import { toErrorData } from '../api/errorData';
import { api } from '../api/instance';
import { applyImagesPatch } from './imagesPatch';
import { firstScreenQuery } from './firstScreenQuery';

interface ImagesStore {
  images: ImageSummary[];
  /**
   * While the first whole list is on its way: how many images it holds, and
   * `images` are only those of the table's first screen (see
   * `images.firstScreen`). Null otherwise.
   */
  partialOf: number | null;
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

/**
 * Resolves after the next frame has been drawn (or 100 ms, in a hidden tab
 * that draws none): the first screen shows before the whole list's work.
 */
const afterNextFrame = (): Promise<void> =>
  new Promise((resolve) => {
    // Typed without the DOM: unit tests (no page, no frames) import this store.
    const { requestAnimationFrame: onFrame } = globalThis as { requestAnimationFrame?: (f: () => void) => number };
    if (!onFrame) return void setTimeout(resolve, 0);
    const fallback = setTimeout(resolve, 100);
    onFrame.call(globalThis, () => {
      clearTimeout(fallback);
      setTimeout(resolve, 0);
    });
  });

export const useImages = create<ImagesStore>((set, get) => ({
  images: [],
  partialOf: null,
  status: 'idle',
  error: null,
  load: async () => {
    if (inFlight) {
      again = true;
      return inFlight;
    }
    if (get().status !== 'ready') set({ status: 'loading' });
    // Nothing on screen yet: ask for the first screen's few images, show
    // them, and only then ask for the list (the backend answers calls
    // concurrently: asked together, the cached list would often come first).
    const query = get().images.length === 0 ? firstScreenQuery() : null;
    let partial: Promise<unknown> | null = null;
    if (query)
      partial = api()
        .call('images.firstScreen', query)
        .then(
          ({ images, total }) => {
            if (images.length > 0 && get().images.length === 0 && get().status === 'loading') {
              // For bench:scale's breakdown of a page load (User Timing, read by the page's tools only).
              performance.mark('lading:first-screen-data');
              set({ images, partialOf: total });
            }
          },
          () => undefined, // the whole list's own request reports any failure
        );
    inFlight = (async () => {
      do {
        again = false;
        heldBack = [];
        try {
          if (partial) {
            await partial;
            partial = null;
          }
          const fetched = await api().call('images.list', {});
          // The first screen is drawn before the whole list's rows are built.
          if (get().partialOf !== null) await afterNextFrame();
          // Changes that arrived while the list was on its way are newer than
          // some of it: replay them, in order, on top.
          const images = heldBack.reduce(applyImagesPatch, fetched);
          set({ images, partialOf: null, status: 'ready', error: null });
        } catch (err) {
          set({
            status: 'error',
            error: toErrorData(err),
            ...(get().partialOf !== null ? { images: [], partialOf: null } : {}),
          });
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

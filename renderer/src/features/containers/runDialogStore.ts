import { create } from 'zustand';

/** Which image the Run dialog is open for (any view can open it; the images view hosts it). */
export const useRunDialog = create<{ image: string | null; open(image: string): void; close(): void }>((set) => ({
  image: null,
  open: (image) => set({ image }),
  close: () => set({ image: null }),
}));

import { create } from 'zustand';
import type { ConnectionState } from '../../../shared/contract/models';
import type { LinkState } from '../api/transport';

interface ConnectionStore {
  /** The link to the Lading backend (always open in Electron). */
  link: LinkState;
  /** The backend's link to the engine. */
  engine: ConnectionState | null;
  setLink(link: LinkState): void;
  setEngine(engine: ConnectionState): void;
}

export const useConnection = create<ConnectionStore>((set) => ({
  link: 'connecting',
  engine: null,
  setLink: (link) => set({ link }),
  setEngine: (engine) => set({ engine }),
}));

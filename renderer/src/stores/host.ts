import { create } from 'zustand';
import type { HostInfo } from '../../../shared/contract/models';

export const useHost = create<{ info: HostInfo | null; set(info: HostInfo): void }>((set) => ({
  info: null,
  set: (info) => set({ info }),
}));

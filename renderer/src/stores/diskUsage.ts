import { create } from 'zustand';
import type { ApiErrorData } from '../../../shared/contract/errors';
import type { DiskUsage } from '../../../shared/contract/imageModels';
import { toErrorData } from '../api/errorData';
import { api } from '../api/instance';

interface DiskUsageStore {
  usage: DiskUsage | null;
  status: 'idle' | 'loading' | 'ready' | 'error';
  error: ApiErrorData | null;
  /** `docker system df` is costly on big engines: only when the user asks. */
  compute(): Promise<void>;
}

export const useDiskUsage = create<DiskUsageStore>((set) => ({
  usage: null,
  status: 'idle',
  error: null,
  compute: async () => {
    set({ status: 'loading', error: null });
    try {
      set({ usage: await api().call('images.diskUsage', {}), status: 'ready' });
    } catch (err) {
      set({ status: 'error', error: toErrorData(err) });
    }
  },
}));

import { create } from 'zustand';
import type { ApiErrorData } from '../../../../shared/contract/errors';
import type { BuildLogState, BuildProgress, BuildResult } from '../../../../shared/contract/methods/build';
import type { OperationHandle } from '../../api/client';
import { isCancelled, toErrorData } from '../../api/errorData';
import { api } from '../../api/instance';

export interface BuildForm {
  context: string;
  /** Empty: CONTEXT/Dockerfile. */
  dockerfile: string;
  tags: string;
  buildArgs: string;
  labels: string;
  target: string;
  platform: string;
  noCache: boolean;
  pull: boolean;
}

export type BuildRun =
  | { kind: 'idle' }
  | { kind: 'running'; progress: BuildProgress | null }
  | { kind: 'done'; result: BuildResult }
  | { kind: 'failed'; error: ApiErrorData; log: BuildLogState | null }
  | { kind: 'cancelled'; log: BuildLogState | null };

interface BuildStore {
  form: BuildForm;
  /** The editor's text and what is on disk (to know whether it is saved). */
  text: string;
  savedText: string;
  /** The path the editor's text was read from (and saves to). */
  textPath: string;
  run: BuildRun;
  handle: OperationHandle<BuildResult> | null;
  setForm(patch: Partial<BuildForm>): void;
  setText(text: string): void;
  loaded(path: string, text: string): void;
  saved(text: string): void;
  start(args: Parameters<typeof startArgs>[0]): Promise<void>;
  cancel(): void;
}

const startArgs = (a: {
  context: string;
  dockerfile?: string;
  dockerfileText?: string;
  tags: string[];
  buildArgs: Record<string, string>;
  labels: Record<string, string>;
  target?: string;
  platform?: string;
  noCache: boolean;
  pull: boolean;
}) => a;

const logOf = (error: ApiErrorData): BuildLogState | null => {
  const log = error.details?.log;
  return log && typeof log === 'object' && Array.isArray((log as BuildLogState).steps) ? (log as BuildLogState) : null;
};

/** The Build screen's state, kept while the user looks at other screens (a build keeps running). */
export const useBuild = create<BuildStore>((set, get) => ({
  form: {
    context: '',
    dockerfile: '',
    tags: '',
    buildArgs: '',
    labels: '',
    target: '',
    platform: '',
    noCache: false,
    pull: false,
  },
  text: '',
  savedText: '',
  textPath: '',
  run: { kind: 'idle' },
  handle: null,
  setForm: (patch) => set((s) => ({ form: { ...s.form, ...patch } })),
  setText: (text) => set({ text }),
  loaded: (path, text) => set({ textPath: path, text, savedText: text }),
  saved: (text) => set({ savedText: text }),
  start: async (args) => {
    if (get().run.kind === 'running') return;
    set({ run: { kind: 'running', progress: null } });
    let last: BuildProgress | null = null;
    try {
      const op = api().start('build.run', startArgs(args), (progress) => {
        last = progress;
        set({ run: { kind: 'running', progress } });
      });
      set({ handle: op });
      const result = await op.result;
      set({ run: { kind: 'done', result } });
    } catch (err) {
      const error = toErrorData(err);
      set({
        run: isCancelled(err) ? { kind: 'cancelled', log: last } : { kind: 'failed', error, log: logOf(error) ?? last },
      });
    } finally {
      set({ handle: null });
    }
  },
  cancel: () => void get().handle?.cancel(),
}));

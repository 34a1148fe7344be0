import { create } from 'zustand';
import type { ApiErrorData } from '../../../../shared/contract/errors';
import type { BuildLogState, BuildProgress, BuildResult } from '../../../../shared/contract/methods/build';
import type { OperationHandle } from '../../api/client';
import { isCancelled, toErrorData } from '../../api/errorData';
import { api } from '../../api/instance';
import { planFolder, type PickedFolder } from './droppedFolder';
import { packFolder } from './folderTar';

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
  /** A browser folder being packed into a tar before it is sent. */
  | { kind: 'packing'; done: number; total: number }
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
  /** Serve mode: a folder dropped on the window or picked in the browser, used instead of `form.context`. */
  folder: PickedFolder | null;
  setFolder(folder: PickedFolder | null): void;
  setForm(patch: Partial<BuildForm>): void;
  setText(text: string): void;
  loaded(path: string, text: string): void;
  saved(text: string): void;
  /** Starts the build; `transfer` then sends an uploaded context's bytes (the operation waits for them). */
  start(args: Parameters<typeof startArgs>[0], transfer?: () => Promise<void>): Promise<void>;
  /** Builds from `folder`: packs it (`.dockerignore` applied), uploads the tar and builds from it. */
  startFolder(
    folder: PickedFolder,
    dockerfile: string,
    dockerfileText: string | undefined,
    options: Omit<Parameters<typeof startArgs>[0], 'context' | 'upload' | 'dockerfile' | 'dockerfileText'>,
  ): Promise<void>;
  cancel(): void;
}

const startArgs = (a: {
  context?: string;
  upload?: { uploadId: string; name: string; dockerfile: string };
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
  folder: null,
  setFolder: (folder) =>
    set((s) => ({ folder, form: { ...s.form, dockerfile: '' }, textPath: '', text: '', savedText: '' })),
  setForm: (patch) => set((s) => ({ form: { ...s.form, ...patch } })),
  setText: (text) => set({ text }),
  loaded: (path, text) => set({ textPath: path, text, savedText: text }),
  saved: (text) => set({ savedText: text }),
  start: async (args, transfer) => {
    if (get().run.kind === 'running') return;
    set({ run: { kind: 'running', progress: null } });
    let last: BuildProgress | null = null;
    let transferError: unknown = null;
    try {
      const op = api().start('build.run', startArgs(args), (progress) => {
        last = progress;
        set({ run: { kind: 'running', progress } });
      });
      set({ handle: op });
      // A transfer that fails leaves the build waiting for bytes: stop it (its error says why).
      transfer?.().catch((err: unknown) => {
        // Stopping the build cuts the upload too: that is the stop, not a failed transfer.
        if (stopRequested === op) return;
        transferError = err;
        void op.cancel().catch(() => {});
      });
      const result = await op.result;
      set({ run: { kind: 'done', result } });
    } catch (caught) {
      const err = transferError ?? caught;
      const error = toErrorData(err);
      set({
        run: isCancelled(err) ? { kind: 'cancelled', log: last } : { kind: 'failed', error, log: logOf(error) ?? last },
      });
    } finally {
      set({ handle: null });
    }
  },
  startFolder: async (folder, dockerfile, dockerfileText, options) => {
    const kind = get().run.kind;
    if (kind === 'running' || kind === 'packing') return;
    const abort = new AbortController();
    packAbort = abort;
    set({ run: { kind: 'packing', done: 0, total: 0 } });
    try {
      const plan = await planFolder(folder, dockerfile, dockerfileText);
      const total = plan.summary.bytes;
      set({ run: { kind: 'packing', done: 0, total } });
      let shown = 0;
      const blob = await packFolder(
        plan.items,
        (done) => {
          // A frame now and then, not one per chunk.
          if (Date.now() - shown < 100 && done < total) return;
          shown = Date.now();
          set({ run: { kind: 'packing', done, total } });
        },
        abort.signal,
      );
      const { source, transfer } = await api().fileSource(new File([blob], `${folder.name}.tar`));
      if (source.kind !== 'upload') throw new Error('a browser folder is sent only in serve mode');
      set({ run: { kind: 'idle' } });
      await get().start({ ...options, upload: { uploadId: source.uploadId, name: folder.name, dockerfile } }, transfer);
    } catch (err) {
      set({
        run: abort.signal.aborted
          ? { kind: 'cancelled', log: null }
          : { kind: 'failed', error: toErrorData(err), log: null },
      });
    } finally {
      if (packAbort === abort) packAbort = null;
    }
  },
  cancel: () => {
    packAbort?.abort();
    const handle = get().handle;
    stopRequested = handle;
    void handle?.cancel();
  },
}));

/** Stops packing a browser folder (not state: nothing renders from it). */
let packAbort: AbortController | null = null;
/** The build the user asked to stop. */
let stopRequested: OperationHandle<BuildResult> | null = null;

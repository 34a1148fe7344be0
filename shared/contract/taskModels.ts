import type { ApiErrorData } from './errors';

/**
 * Tasks: long operations as the drawer shows them, to every window or tab.
 * Plain JSON. An operation becomes a task by the `task` entry of its
 * definition (see define.ts); nothing else is per-method.
 */

/**
 * What every task's progress looks like in the drawer, whatever the
 * operation's own progress type is (bytes of a save, layers of a pull).
 * Every field is optional: show what is known.
 */
export interface TaskProgress {
  /** Bytes moved so far. */
  bytes?: number;
  /** Expected total bytes, when known. */
  total?: number;
  /** True when `total` is an estimate. */
  totalIsEstimate?: boolean;
  /** Smoothed throughput. */
  bytesPerSecond?: number;
  /** Work counted in pieces (layers, images, files): done of total. */
  steps?: { done: number; total?: number };
}

export type TaskState = 'running' | 'done' | 'failed' | 'cancelled';

/**
 * Why a task was cancelled: someone pressed Cancel (in any window), its
 * tab went away while the tab itself was part of the work (a browser
 * upload), or Lading quit.
 */
export type TaskCancelReason = 'user' | 'tab-closed' | 'quit';

export interface TaskInfo {
  /** The operation id. */
  id: string;
  /** The contract method, e.g. "images.save". */
  method: string;
  /** What kind of work (the drawer's i18n key `tasks.kind.<kind>`): "save", "load", "pull"… */
  kind: string;
  /** What it works on, language-independent: image references, a file name, a URL. */
  subject: string;
  state: TaskState;
  /** Epoch milliseconds. */
  startedAt: number;
  endedAt?: number;
  /** The newest progress (running tasks; kept as the last known when it ends). */
  progress?: TaskProgress;
  /** Failed: why, as the dialogs show it. */
  error?: ApiErrorData;
  /** Cancelled: by whom or what. */
  cancelReason?: TaskCancelReason;
  /** Cancelled (not by quitting): what still happens, a `tasks.afterCancel.<key>` key. */
  afterCancel?: string;
  /** Done: a short language-independent note (the saved path, the image ID). */
  note?: string;
  /**
   * The work needs the tab that started it (a file the browser streams up):
   * it ends when that tab goes away, and says so.
   */
  tabBound?: boolean;
}

/** The `tasks` topic: the whole list on subscribe, then one task at a time. */
export type TasksEvent =
  { kind: 'snapshot'; tasks: TaskInfo[] } | { kind: 'update'; task: TaskInfo } | { kind: 'removed'; ids: string[] };

import type { TaskSpec } from '../../shared/contract/define';
import type { ApiErrorData } from '../../shared/contract/errors';
import type { TaskCancelReason, TaskInfo, TaskProgress, TasksEvent } from '../../shared/contract/taskModels';
import { Throttle } from './throttle';

/** How many finished tasks are remembered; the oldest go first. Running tasks are never dropped. */
export const TASK_HISTORY_CAP = 100;
/** Progress reaches every window at most this often per task (newest frame only). */
export const TASK_PROGRESS_INTERVAL_MS = 250;

// The registry holds specs of every method; their argument types differ.
type AnySpec = TaskSpec<never, never, never>;

export type TaskOutcome =
  | { state: 'done'; result: unknown }
  | { state: 'failed'; error: ApiErrorData }
  | { state: 'cancelled'; reason: TaskCancelReason };

interface Entry {
  info: TaskInfo;
  spec: AnySpec;
  throttle?: Throttle<TaskProgress>;
  /** The spec's afterCancel for this task's arguments. */
  afterCancel?: string;
}

const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

/** The drawer's view of a progress frame when the spec gives none: the usual ByteProgress fields. */
export const defaultTaskProgress = (p: unknown): TaskProgress => {
  if (typeof p !== 'object' || p === null) return {};
  const o = p as Record<string, unknown>;
  const out: TaskProgress = {};
  const bytes = num(o.bytes);
  const total = num(o.total);
  const speed = num(o.bytesPerSecond);
  if (bytes !== undefined) out.bytes = bytes;
  if (total !== undefined) out.total = total;
  if (o.totalIsEstimate === true) out.totalIsEstimate = true;
  if (speed !== undefined) out.bytesPerSecond = speed;
  const steps = o.steps as Record<string, unknown> | undefined;
  const done = num(steps?.done);
  if (done !== undefined) {
    const stepsTotal = num(steps?.total);
    out.steps = stepsTotal !== undefined ? { done, total: stepsTotal } : { done };
  }
  return out;
};

/** The default note of a finished task: the result's `path`, else its `id`. */
const defaultNote = (r: unknown): string | undefined => {
  if (typeof r !== 'object' || r === null) return undefined;
  const o = r as Record<string, unknown>;
  return typeof o.path === 'string' ? o.path : typeof o.id === 'string' ? o.id : undefined;
};

/** Spec functions come from contract files; a throwing one must not take the operation down. */
const safely = <T>(f: () => T, fallback: T): T => {
  try {
    return f();
  } catch {
    return fallback;
  }
};

/**
 * The tasks every window's drawer shows: operations whose contract entry
 * has a `task`, running and finished. Pure bookkeeping: the operation
 * registry reports starts, progress and outcomes; every change goes out
 * through `publish` (the `tasks` topic), progress throttled per task.
 */
export class TaskRegistry {
  private entries = new Map<string, Entry>();

  constructor(
    private readonly publish: (event: TasksEvent) => void,
    private readonly options: { cap: number; progressIntervalMs: number; now: () => number } = {
      cap: TASK_HISTORY_CAP,
      progressIntervalMs: TASK_PROGRESS_INTERVAL_MS,
      now: Date.now,
    },
  ) {}

  begin(id: string, method: string, spec: TaskSpec<never, never, never>, args: unknown): void {
    const subject = spec.subject ? safely(() => spec.subject?.(args as never) ?? '', '') : '';
    const tabBound = spec.tabBound ? safely(() => spec.tabBound?.(args as never) === true, false) : false;
    const info: TaskInfo = {
      id,
      method,
      kind: spec.kind,
      subject,
      state: 'running',
      startedAt: this.options.now(),
      ...(tabBound ? { tabBound } : {}),
    };
    const afterCancel = spec.afterCancel ? safely(() => spec.afterCancel?.(args as never), undefined) : undefined;
    const entry: Entry = { info, spec, ...(afterCancel ? { afterCancel } : {}) };
    entry.throttle = new Throttle<TaskProgress>(this.options.progressIntervalMs, (progress) => {
      entry.info = { ...entry.info, progress };
      this.publish({ kind: 'update', task: entry.info });
    });
    this.entries.set(id, entry);
    this.publish({ kind: 'update', task: info });
  }

  progress(id: string, frame: unknown): void {
    const entry = this.running(id);
    if (!entry) return;
    const { spec } = entry;
    const summary = spec.progress
      ? safely(() => spec.progress?.(frame as never) ?? {}, {})
      : defaultTaskProgress(frame);
    entry.throttle?.push(summary);
  }

  /** The handler learnt a better subject (a browser upload's file name). */
  describe(id: string, subject: string): void {
    const entry = this.running(id);
    if (!entry || entry.info.subject === subject) return;
    entry.info = { ...entry.info, subject };
    this.publish({ kind: 'update', task: entry.info });
  }

  finish(id: string, outcome: TaskOutcome): void {
    const entry = this.running(id);
    if (!entry) return;
    entry.throttle?.cancel();
    delete entry.throttle;
    const base: TaskInfo = { ...entry.info, state: outcome.state, endedAt: this.options.now() };
    if (outcome.state === 'done') {
      const { spec } = entry;
      const note = spec.note
        ? safely(() => spec.note?.(outcome.result as never), undefined)
        : defaultNote(outcome.result);
      entry.info = note ? { ...base, note } : base;
    } else if (outcome.state === 'failed') entry.info = { ...base, error: outcome.error };
    else {
      // Quitting ends Lading too: nothing of it goes on after.
      const after = outcome.reason !== 'quit' ? entry.afterCancel : undefined;
      entry.info = { ...base, cancelReason: outcome.reason, ...(after ? { afterCancel: after } : {}) };
    }
    this.publish({ kind: 'update', task: entry.info });
    this.trim();
  }

  /** Newest first. */
  list(): TaskInfo[] {
    return [...this.entries.values()].map((e) => e.info).reverse();
  }

  get(id: string): TaskInfo | undefined {
    return this.entries.get(id)?.info;
  }

  /** Forgets finished tasks (the ones named, or all); running ones stay. Returns how many went. */
  clear(ids?: readonly string[]): number {
    const gone: string[] = [];
    for (const id of ids ?? [...this.entries.keys()]) {
      const entry = this.entries.get(id);
      if (entry && entry.info.state !== 'running') {
        this.entries.delete(id);
        gone.push(id);
      }
    }
    if (gone.length) this.publish({ kind: 'removed', ids: gone });
    return gone.length;
  }

  private running(id: string): Entry | undefined {
    const entry = this.entries.get(id);
    return entry?.info.state === 'running' ? entry : undefined;
  }

  /** Keeps at most `cap` finished tasks, dropping the oldest. */
  private trim(): void {
    const finished = [...this.entries.values()].filter((e) => e.info.state !== 'running');
    const excess = finished.length - this.options.cap;
    if (excess <= 0) return;
    const gone = finished.slice(0, excess).map((e) => e.info.id);
    for (const id of gone) this.entries.delete(id);
    this.publish({ kind: 'removed', ids: gone });
  }
}

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { OperationRegistry } from '../../electron/api/operations';
import { TaskRegistry, defaultTaskProgress } from '../../electron/api/tasks';
import type { HandlerDeps } from '../../electron/api/handlers/deps';
import { taskHandlers } from '../../electron/api/handlers/tasks';
import type { RequestContext } from '../../electron/api/types';
import type { TaskSpec } from '../../shared/contract/define';
import { api } from '../../shared/contract/api';
import type { TaskInfo, TasksEvent } from '../../shared/contract/taskModels';

type Spec = TaskSpec<never, never, never>;
const saveSpec = { kind: 'save', subject: (a: { refs: string[] }) => a.refs.join(', ') } as unknown as Spec;

const registry = (cap = 3, progressIntervalMs = 250) => {
  const events: TasksEvent[] = [];
  const tasks = new TaskRegistry((e) => events.push(e), { cap, progressIntervalMs, now: () => Date.now() });
  return { tasks, events };
};

const updates = (events: TasksEvent[], id: string): TaskInfo[] =>
  events.flatMap((e) => (e.kind === 'update' && e.task.id === id ? [e.task] : []));

describe('TaskRegistry', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('lists tasks newest first, running and finished, with subject and outcome', () => {
    const { tasks } = registry();
    tasks.begin('a', 'images.save', saveSpec, { refs: ['x:1', 'y:2'] });
    vi.advanceTimersByTime(10);
    tasks.begin('b', 'images.save', saveSpec, { refs: ['z:3'] });
    tasks.finish('a', { state: 'done', result: { path: '/tmp/x.tar', bytes: 5 } });
    expect(tasks.list().map((t) => [t.id, t.state, t.subject])).toEqual([
      ['b', 'running', 'z:3'],
      ['a', 'done', 'x:1, y:2'],
    ]);
    expect(tasks.get('a')).toMatchObject({ kind: 'save', note: '/tmp/x.tar', method: 'images.save' });
    expect(tasks.get('a')?.endedAt).toBeGreaterThanOrEqual(tasks.get('a')?.startedAt ?? Infinity);
  });

  it('throttles progress per task: at most one frame per interval, the newest, and none after the end', () => {
    const { tasks, events } = registry(3, 250);
    tasks.begin('a', 'images.save', saveSpec, { refs: ['x'] });
    tasks.begin('b', 'images.save', saveSpec, { refs: ['y'] });
    for (let i = 1; i <= 100; i++) {
      tasks.progress('a', { bytes: i, total: 100, bytesPerSecond: 7 });
      tasks.progress('b', { bytes: i * 2 });
      vi.advanceTimersByTime(10); // 100 frames over one second
    }
    const a = updates(events, 'a').filter((t) => t.progress);
    expect(a.length).toBeGreaterThanOrEqual(3);
    expect(a.length).toBeLessThanOrEqual(6);
    vi.advanceTimersByTime(300);
    expect(updates(events, 'a').at(-1)?.progress).toEqual({ bytes: 100, total: 100, bytesPerSecond: 7 });
    expect(updates(events, 'b').at(-1)?.progress).toEqual({ bytes: 200 });
    // A frame still pending when the task ends is dropped; the outcome keeps the last sent progress.
    tasks.progress('a', { bytes: 1000 });
    tasks.progress('a', { bytes: 2000 });
    tasks.finish('a', { state: 'cancelled', reason: 'user' });
    vi.advanceTimersByTime(1000);
    const last = updates(events, 'a').at(-1);
    expect(last).toMatchObject({ state: 'cancelled', cancelReason: 'user' });
    expect(updates(events, 'a').some((t) => t.progress?.bytes === 2000)).toBe(false);
  });

  it('a cancelled task says what still happens after the cancel (its spec’s afterCancel), unless Lading quit', () => {
    const { tasks } = registry(10);
    const importSpec = api['images.import'].task as unknown as Spec;
    const url = { source: { kind: 'url', url: 'http://127.0.0.1:1/r.tar' }, changes: [] };
    const file = { source: { kind: 'path', path: '/tmp/r.tar' }, changes: [] };
    tasks.begin('url', 'images.import', importSpec, url);
    tasks.begin('file', 'images.import', importSpec, file);
    tasks.begin('quit', 'images.import', importSpec, url);
    tasks.begin('done', 'images.import', importSpec, url);
    tasks.finish('url', { state: 'cancelled', reason: 'user' });
    tasks.finish('file', { state: 'cancelled', reason: 'user' });
    tasks.finish('quit', { state: 'cancelled', reason: 'quit' });
    tasks.finish('done', { state: 'done', result: { id: 'sha256:1' } });
    expect(tasks.get('url')?.afterCancel).toBe('urlImport');
    expect(tasks.get('file')?.afterCancel).toBeUndefined();
    expect(tasks.get('quit')?.afterCancel).toBeUndefined();
    expect(tasks.get('done')?.afterCancel).toBeUndefined();
  });

  it('keeps at most `cap` finished tasks, dropping the oldest; running ones are never dropped', () => {
    const { tasks, events } = registry(2);
    tasks.begin('run', 'images.save', saveSpec, { refs: ['r'] });
    for (const id of ['f1', 'f2', 'f3', 'f4']) {
      tasks.begin(id, 'images.save', saveSpec, { refs: [id] });
      tasks.finish(id, { state: 'failed', error: { code: 'DISK_FULL', message: 'no space' } });
    }
    expect(tasks.list().map((t) => t.id)).toEqual(['f4', 'f3', 'run']);
    expect(events.filter((e) => e.kind === 'removed')).toEqual([
      { kind: 'removed', ids: ['f1'] },
      { kind: 'removed', ids: ['f2'] },
    ]);
    expect(tasks.get('f4')?.error).toEqual({ code: 'DISK_FULL', message: 'no space' });
  });

  it('clear forgets finished tasks only (all, or the ones named)', () => {
    const { tasks, events } = registry(10);
    tasks.begin('run', 'images.save', saveSpec, { refs: ['r'] });
    for (const id of ['f1', 'f2', 'f3']) {
      tasks.begin(id, 'images.save', saveSpec, { refs: [id] });
      tasks.finish(id, { state: 'done', result: {} });
    }
    expect(tasks.clear(['f2', 'run', 'nope'])).toBe(1);
    expect(tasks.list().map((t) => t.id)).toEqual(['f3', 'f1', 'run']);
    expect(tasks.clear()).toBe(2);
    expect(tasks.list().map((t) => t.id)).toEqual(['run']);
    expect(events.at(-1)).toEqual({ kind: 'removed', ids: ['f1', 'f3'] });
  });

  it('survives a spec function that throws, and describe() renames a running task', () => {
    const { tasks } = registry();
    const bad = {
      kind: 'load',
      subject: () => {
        throw new Error('boom');
      },
      progress: () => {
        throw new Error('boom');
      },
    } as unknown as Spec;
    tasks.begin('a', 'images.load', bad, {});
    tasks.progress('a', { bytes: 1 });
    tasks.describe('a', 'images.tar');
    expect(tasks.get('a')).toMatchObject({ subject: 'images.tar', state: 'running' });
  });

  it('reads the usual progress fields by default and ignores others', () => {
    expect(defaultTaskProgress({ bytes: 5, total: 10, totalIsEstimate: true, bytesPerSecond: 2, x: 1 })).toEqual({
      bytes: 5,
      total: 10,
      totalIsEstimate: true,
      bytesPerSecond: 2,
    });
    expect(defaultTaskProgress({ steps: { done: 2, total: 5 } })).toEqual({ steps: { done: 2, total: 5 } });
    expect(defaultTaskProgress('nonsense')).toEqual({});
    expect(defaultTaskProgress({ bytes: Number.NaN })).toEqual({});
  });
});

describe('OperationRegistry with tasks', () => {
  /** An operation that runs until aborted. */
  const forever = ({ signal }: { signal: AbortSignal }) =>
    new Promise<never>((_, reject) => signal.addEventListener('abort', () => reject(new Error('aborted'))));

  const setup = () => {
    const { tasks, events } = registry(100, 0);
    const operations = new OperationRegistry(tasks);
    return { tasks, events, operations };
  };

  it('a task outlives its session; a plain operation and a tab-bound task end with it', async () => {
    const { tasks, operations } = setup();
    const send = vi.fn();
    operations.start('s1', 'task', 'images.save', forever, send, { spec: saveSpec, args: { refs: ['a'] } });
    operations.start('s1', 'plain', 'images.save', forever, send);
    const bound = { kind: 'load', tabBound: () => true } as unknown as Spec;
    operations.start('s1', 'upload', 'images.load', forever, send, { spec: bound, args: {} });
    operations.cancelSession('s1');
    await vi.waitFor(() => expect(tasks.get('upload')?.state).toBe('cancelled'));
    expect(tasks.get('upload')).toMatchObject({ cancelReason: 'tab-closed', tabBound: true });
    expect(operations.has('plain')).toBe(false);
    expect(operations.has('task')).toBe(true);
    expect(tasks.get('task')?.state).toBe('running');
    // Any other session may cancel the task; nobody else may cancel a plain operation.
    operations.start('s1', 'plain2', 'images.save', forever, send);
    expect(operations.cancel('s2', 'plain2')).toBe(false);
    expect(operations.cancelTask('plain2')).toBe(false);
    expect(operations.cancelTask('task')).toBe(true);
    await vi.waitFor(() => expect(tasks.get('task')).toMatchObject({ state: 'cancelled', cancelReason: 'user' }));
    await operations.cancelAll(1000);
  });

  it('reports success and failure as the task outcome, and quitting as its own reason', async () => {
    const { tasks, operations } = setup();
    const send = vi.fn();
    const spec = { spec: saveSpec, args: { refs: ['a'] } };
    operations.start('s', 'ok', 'images.save', async () => ({ path: '/x.tar', bytes: 1 }), send, spec);
    operations.start(
      's',
      'bad',
      'images.save',
      async () => {
        throw Object.assign(new Error('no space left'), { code: 'ENOSPC' });
      },
      send,
      spec,
    );
    operations.start('s', 'long', 'images.save', forever, send, spec);
    await vi.waitFor(() => expect(tasks.get('bad')?.state).toBe('failed'));
    expect(tasks.get('ok')).toMatchObject({ state: 'done', note: '/x.tar' });
    expect(tasks.get('bad')?.error?.code).toBe('DISK_FULL');
    await operations.cancelAll(1000);
    expect(tasks.get('long')).toMatchObject({ state: 'cancelled', cancelReason: 'quit' });
    expect(send).toHaveBeenCalledWith(expect.objectContaining({ operationId: 'long', state: 'cancelled' }));
  });
});

describe('the contract', () => {
  it('makes save, load, import and export tasks, uploads bound to their tab', () => {
    expect(api['images.save'].task?.kind).toBe('save');
    expect(api['containers.export'].task?.kind).toBe('export');
    const load = api['images.load'].task;
    expect(load?.tabBound?.({ source: { kind: 'upload', uploadId: 'u' } })).toBe(true);
    expect(load?.tabBound?.({ source: { kind: 'path', path: '/x/a.tar' } })).toBe(false);
    expect(load?.subject?.({ source: { kind: 'path', path: '/x/a.tar' } })).toBe('a.tar');
    expect(api['images.import'].task?.subject?.({ source: { kind: 'url', url: 'http://h/r.tar' }, changes: [] })).toBe(
      'http://h/r.tar',
    );
  });
});

describe('host.notify', () => {
  const deps = (notify?: (n: { title: string; body: string }) => void) => {
    const tasks = new TaskRegistry(() => {});
    return {
      tasks,
      operations: new OperationRegistry(tasks),
      host: {
        info: { mode: 'desktop', nativeDialogs: true, defaultDirectory: '/tmp', platform: 'linux', appVersion: '0' },
        ...(notify ? { notify } : {}),
      },
    } as unknown as HandlerDeps;
  };
  const ctx = { session: { id: 's' } } as unknown as RequestContext;

  it('hands the text to the shell’s notifications, and says so; a host without them shows nothing', async () => {
    const shown: { title: string; body: string }[] = [];
    const withShell = taskHandlers(deps((n) => shown.push(n)));
    expect(await withShell['host.notify']({ title: 'Save a:1 finished', body: 'After 6 sec.' }, ctx)).toEqual({
      shown: true,
    });
    expect(shown).toEqual([{ title: 'Save a:1 finished', body: 'After 6 sec.' }]);
    expect(await taskHandlers(deps())['host.notify']({ title: 't', body: '' }, ctx)).toEqual({ shown: false });
  });
});

import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClientMessage, EventMessage } from '../../shared/contract/protocol';
import type { TaskInfo } from '../../shared/contract/taskModels';
import { sandboxEnv } from '../support/sandbox';
import { startServeHarness, type ServeHarness } from '../support/serveHarness';
import { TestWsClient } from '../support/wsClient';

const env = sandboxEnv();
let h: ServeHarness;
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'lading-tasks-'));
  h = await startServeHarness(env, dir);
});

afterAll(async () => {
  await h?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** The task as a client last heard of it on the `tasks` topic (snapshot or update). */
const taskSeen = (events: EventMessage[], id: string): TaskInfo | undefined => {
  let seen: TaskInfo | undefined;
  for (const m of events) {
    if (m.type !== 'event' || m.topic !== 'tasks') continue;
    if (m.payload.kind === 'snapshot') seen = m.payload.tasks.find((t) => t.id === id) ?? seen;
    else if (m.payload.kind === 'update' && m.payload.task.id === id) seen = m.payload.task;
  }
  return seen;
};

const waitForTask = async (c: TestWsClient, id: string, pred: (t: TaskInfo) => boolean): Promise<TaskInfo> => {
  await c.waitFor(() => {
    const t = taskSeen(c.events, id);
    return t !== undefined && pred(t);
  }, 120_000);
  return taskSeen(c.events, id) as TaskInfo;
};

const openClient = async (): Promise<TestWsClient> => {
  const c = await TestWsClient.open(h.wsUrl, `http://127.0.0.1:${h.server.port}`);
  expect((await c.request({ type: 'subscribe', topic: 'tasks' } as ClientMessage)).ok).toBe(true);
  return c;
};

describe('tasks outlive the tab that started them', () => {
  it('a save started in tab A keeps running when A closes; tab B sees it and cancels it; no file is left', async () => {
    const a = await openClient();
    const path = join(dir, 'outlives.tar.gz');
    // gzip makes the 317 MB save long enough to close a tab and cancel it from another.
    const reply = await a.call('images.save', { references: ['fixture/big:1'], path, gzip: true }, 'outlive-1');
    expect(reply.ok).toBe(true);
    const started = await waitForTask(a, 'outlive-1', (t) => (t.progress?.bytes ?? 0) > 0);
    expect(started).toMatchObject({ kind: 'save', subject: 'fixture/big:1', state: 'running' });
    a.close();

    const b = await openClient();
    // B's snapshot has it running, and progress keeps coming after A has gone.
    const seen = await waitForTask(b, 'outlive-1', (t) => t.state === 'running');
    const later = await waitForTask(
      b,
      'outlive-1',
      (t) => t.state !== 'running' || (t.progress?.bytes ?? 0) > (seen.progress?.bytes ?? 0),
    );
    expect(later.state).toBe('running');
    expect(readdirSync(dir).some((f) => f.endsWith('.partial'))).toBe(true);

    const cancel = await b.call('tasks.cancel', { id: 'outlive-1' });
    expect(cancel).toMatchObject({ ok: true, value: { cancelled: true } });
    const ended = await waitForTask(b, 'outlive-1', (t) => t.state !== 'running');
    expect(ended).toMatchObject({ state: 'cancelled', cancelReason: 'user' });
    expect(existsSync(path)).toBe(false);
    expect(readdirSync(dir).filter((f) => f.endsWith('.partial'))).toEqual([]);
    b.close();
  });

  it('a finished task keeps its outcome for a new tab until cleared', async () => {
    const a = await openClient();
    const path = join(dir, 'small.tar');
    await a.call('images.save', { references: ['fixture/app:1.0'], path }, 'finished-1');
    await a.call('images.save', { references: ['fixture/nope:404'], path: join(dir, 'nope.tar') }, 'failed-1');
    await waitForTask(a, 'finished-1', (t) => t.state === 'done');
    await waitForTask(a, 'failed-1', (t) => t.state === 'failed');
    a.close();

    const b = await openClient();
    const list = await b.call('tasks.list', {});
    const tasks = (list.ok ? list.value : []) as TaskInfo[];
    expect(tasks.find((t) => t.id === 'finished-1')).toMatchObject({ state: 'done', note: path, kind: 'save' });
    expect(tasks.find((t) => t.id === 'failed-1')).toMatchObject({ state: 'failed', error: { code: 'NOT_FOUND' } });
    // Newest first.
    expect(tasks.findIndex((t) => t.id === 'failed-1')).toBeLessThan(tasks.findIndex((t) => t.id === 'finished-1'));
    expect(await waitForTask(b, 'finished-1', (t) => t.state === 'done')).toBeTruthy();

    const cleared = await b.call('tasks.clear', {});
    expect(cleared.ok && (cleared.value as { cleared: number }).cleared).toBeGreaterThanOrEqual(2);
    await b.waitFor(
      (m) =>
        m.type === 'event' &&
        m.topic === 'tasks' &&
        m.payload.kind === 'removed' &&
        m.payload.ids.includes('finished-1'),
    );
    const after = await b.call('tasks.list', {});
    expect(after).toMatchObject({ ok: true, value: [] });
    b.close();
  });

  it('a load of a file the browser uploads ends with its tab, and the drawer says why', async () => {
    const a = await openClient();
    const created = await a.call('uploads.create', { name: 'mine.tar', size: 10_000_000 });
    expect(created.ok).toBe(true);
    const { uploadId } = (created.ok ? created.value : {}) as { uploadId: string };
    expect((await a.call('images.load', { source: { kind: 'upload', uploadId } }, 'upload-1')).ok).toBe(true);
    // The tab closes before its bytes arrive: nothing else could ever send them.
    await waitForTask(a, 'upload-1', (t) => t.subject === 'mine.tar');
    a.close();
    const b = await openClient();
    const ended = await waitForTask(b, 'upload-1', (t) => t.state !== 'running');
    expect(ended).toMatchObject({ kind: 'load', state: 'cancelled', cancelReason: 'tab-closed', tabBound: true });
    b.close();
  });
});

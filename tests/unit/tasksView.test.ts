import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { EventSink, type Outlet } from '../../electron/api/eventSink';
import type { EventMessage } from '../../shared/contract/protocol';
import type { TaskInfo, TaskState } from '../../shared/contract/taskModels';
import { applyTasksEvent, runningCount } from '../../renderer/src/features/tasks/store';
import { etaMs, formatDuration, percentOf } from '../../renderer/src/features/tasks/format';
import { taskTitle } from '../../renderer/src/features/tasks/title';
import { notificationFor, worthNotifying } from '../../renderer/src/features/tasks/notifyText';
import { en } from '../../renderer/src/i18n/locales/en';
import { zhCN } from '../../renderer/src/i18n/locales/zh-CN';

const task = (id: string, state: TaskState = 'running', bytes?: number): TaskInfo => ({
  id,
  method: 'images.save',
  kind: 'save',
  subject: id,
  state,
  startedAt: 0,
  ...(bytes !== undefined ? { progress: { bytes } } : {}),
});

describe('the drawer’s list', () => {
  it('takes a snapshot whole, puts new tasks first, replaces known ones in place, drops removed ones', () => {
    let list = applyTasksEvent([], { kind: 'snapshot', tasks: [task('b'), task('a', 'done')] });
    list = applyTasksEvent(list, { kind: 'update', task: task('c') });
    list = applyTasksEvent(list, { kind: 'update', task: task('b', 'cancelled') });
    expect(list.map((t) => `${t.id}:${t.state}`)).toEqual(['c:running', 'b:cancelled', 'a:done']);
    expect(runningCount(list)).toBe(1);
    list = applyTasksEvent(list, { kind: 'removed', ids: ['a', 'b'] });
    expect(list.map((t) => t.id)).toEqual(['c']);
  });

  it('titles a task by its kind in the UI language, falling back to the kind itself', () => {
    const t = (key: string, o?: Record<string, unknown>) =>
      key === 'tasks.kind.save' ? '保存' : String(o?.defaultValue);
    expect(taskTitle(t, { kind: 'save', subject: 'a:1' })).toBe('保存 a:1');
    expect(taskTitle(t, { kind: 'frobnicate', subject: '' })).toBe('frobnicate');
  });
});

describe('progress figures', () => {
  it('percent only with a total, never above 100; time left only with a speed and bytes to go', () => {
    expect(percentOf({ bytes: 50, total: 200 })).toBe(25);
    expect(percentOf({ bytes: 300, total: 200, totalIsEstimate: true })).toBe(100);
    expect(percentOf({ bytes: 50 })).toBeUndefined();
    expect(etaMs({ bytes: 50, total: 250, bytesPerSecond: 100 })).toBe(2000);
    expect(etaMs({ bytes: 50, total: 250 })).toBeUndefined();
    expect(etaMs({ bytes: 300, total: 250, bytesPerSecond: 100 })).toBeUndefined();
  });

  it('durations in seconds, minutes and hours, in both languages', () => {
    expect(formatDuration(4_400, 'en')).toBe('4 sec');
    expect(formatDuration(185_000, 'en')).toBe('3 min 5 sec');
    expect(formatDuration(3_600_000 + 20 * 60_000, 'en')).toBe('1 hr 20 min');
    expect(formatDuration(45_000, 'zh-CN')).toBe('45秒');
  });
});

describe('EventSink and the tasks topic', () => {
  it('keeps only the newest unsent progress per task and never drops an outcome', async () => {
    const sent: EventMessage[] = [];
    let release!: () => void;
    const outlet: Outlet = {
      send: (m) => {
        sent.push(m);
        // The first send stalls, like a renderer that stopped reading.
        if (sent.length === 1) return new Promise<void>((r) => (release = r));
      },
    };
    const sink = new EventSink(outlet);
    const update = (t: TaskInfo): EventMessage => ({
      type: 'event',
      topic: 'tasks',
      payload: { kind: 'update', task: t },
    });
    sink.push(update(task('x', 'running', 0)));
    for (let i = 1; i <= 50; i++) {
      sink.push(update(task('a', 'running', i)));
      sink.push(update(task('b', 'running', i * 10)));
    }
    sink.push(update(task('b', 'done')));
    expect(sink.pending).toBe(2);
    release();
    await new Promise((r) => setTimeout(r, 10));
    const seen = sent.map((m) =>
      m.type === 'event' && m.topic === 'tasks' && m.payload.kind === 'update' ? m.payload.task : null,
    );
    expect(seen.map((t) => `${t?.id}:${t?.state}:${t?.progress?.bytes ?? ''}`)).toEqual([
      'x:running:0',
      'a:running:50',
      'b:done:',
    ]);
  });
});

describe('notifications', () => {
  it('only for work of 5 s or more that ended while the window was in the background', () => {
    const ended = (ms: number): TaskInfo => ({ ...task('n', 'done'), startedAt: 1000, endedAt: 1000 + ms });
    expect(worthNotifying(ended(6000), true)).toBe(true);
    expect(worthNotifying(ended(6000), false)).toBe(false);
    expect(worthNotifying(ended(1000), true)).toBe(false);
    expect(worthNotifying(task('r'), true)).toBe(false);
  });

  it('say what ended and after how long, in English and Chinese', async () => {
    const i18n = i18next.createInstance();
    // As the app configures it (React escapes; a notification is plain text).
    await i18n.init({
      resources: { en: { translation: en }, 'zh-CN': { translation: zhCN } },
      lng: 'en',
      interpolation: { escapeValue: false },
    });
    const failed: TaskInfo = { ...task('x', 'failed'), subject: 'fixture/big:1', startedAt: 0, endedAt: 65_000 };
    expect(notificationFor(failed, i18n.getFixedT('en'), 'en')).toEqual({
      title: 'Save fixture/big:1 failed',
      body: 'After 1 min 5 sec.',
    });
    const done: TaskInfo = { ...failed, state: 'done' };
    expect(notificationFor(done, i18n.getFixedT('zh-CN'), 'zh-CN')).toEqual({
      title: '保存 fixture/big:1 已完成',
      body: '用时 1分钟 5秒。',
    });
  });
});

import { describe, expect, it } from 'vitest';
import { Dispatcher } from '../../electron/api/dispatcher';
import { TopicHub } from '../../electron/api/hub';
import { OperationRegistry } from '../../electron/api/operations';
import type { Handlers } from '../../electron/api/types';
import type { EngineMonitor } from '../../electron/engine/monitor';
import type { ConnectionState } from '../../shared/contract/models';
import type { EventMessage } from '../../shared/contract/protocol';

const connected: ConnectionState = { status: 'connected', host: 'unix:///x.sock', generation: 1 };

const unused = (): never => {
  throw new Error('not used in these tests');
};

/** Handlers that touch no engine: the dispatcher's own behaviour is under test. */
const fakeHandlers = (): Handlers => ({
  'app.hostInfo': async () => ({
    mode: 'serve',
    nativeDialogs: false,
    defaultDirectory: '/tmp',
    platform: 'linux',
    appVersion: '0.0.0',
  }),
  'engine.connection': async () => connected,
  'engine.reconnect': async () => connected,
  'images.list': async () => [],
  'images.firstScreen': async () => ({ images: [], total: 0 }),
  'images.save': (args, ctx) =>
    new Promise((resolve, reject) => {
      let bytes = 0;
      const timer = setInterval(() => {
        bytes += 10;
        ctx.progress({ bytes, bytesPerSecond: 0 });
        if (bytes >= 30) {
          clearInterval(timer);
          resolve({ path: args.path ?? '', bytes });
        }
      }, 120);
      ctx.signal.addEventListener('abort', () => {
        clearInterval(timer);
        reject(Object.assign(new Error('aborted'), { name: 'AbortError' }));
      });
    }),
  'images.load': async () => ({ images: [], bytes: 0 }),
  'images.import': async () => ({ id: 'sha256:0', history: [], layers: 1, config: {} as never }),
  'containers.export': async (args) => ({ path: args.path ?? '', bytes: 0 }),
  'downloads.create': unused,
  'containers.list': async () => [],
  'containers.start': unused,
  'containers.stop': unused,
  'containers.remove': unused,
  'containers.logs': unused,
  'containers.diff': unused,
  'containers.commit': unused,
  'containers.checkRun': unused,
  'containers.run': unused,
  'containers.networks': unused,
  'uploads.create': async () => ({ uploadId: '00000000-0000-4000-8000-000000000000', path: '/uploads/x' }),
  'operations.cancel': async () => ({ cancelled: false }),
  'host.pickSavePath': async () => ({ path: null }),
  'host.setLanguage': async () => ({ applied: false }),
  'images.inspect': unused,
  'images.platforms': async () => ({}),
  'images.tag': unused,
  'images.planRemove': unused,
  'images.remove': unused,
  'images.planPrune': unused,
  'images.prune': unused,
  'images.diskUsage': unused,
  'registries.search': unused,
  'registries.repositories': unused,
  'registries.tags': unused,
  'registries.manifest': unused,
  'registries.logins': unused,
  'registries.login': unused,
  'registries.logout': unused,
  'registries.mirrors': unused,
  'registries.setMirrors': unused,
  'images.pull': unused,
  'images.push': unused,
  'images.update': unused,
  'inspect.raw': unused,
  'inspect.history': unused,
  'tasks.list': unused,
  'tasks.cancel': unused,
  'tasks.clear': unused,
  'host.notify': unused,
  'layers.analyze': unused,
  'layers.children': unused,
  'layers.search': unused,
  'layers.readFile': unused,
  'layers.saveFile': unused,
  'layers.sharing': unused,
  'layers.report': unused,
  'build.run': unused,
  'build.contextSummary': unused,
  'build.listFolder': unused,
  'build.readDockerfile': unused,
  'build.saveDockerfile': unused,
  'host.pickFolder': unused,
  'host.pickFile': unused,
});

const setup = () => {
  const hub = new TopicHub();
  hub.setSnapshot('connection', () => connected);
  const operations = new OperationRegistry();
  const handlers = fakeHandlers();
  handlers['operations.cancel'] = async ({ operationId }, { session }) => ({
    cancelled: operations.cancel(session.id, operationId),
  });
  // The fake handlers never touch the engine.
  const noEngine = {} as EngineMonitor;
  const dispatcher = new Dispatcher(handlers, hub, operations, () => noEngine);
  const events: EventMessage[] = [];
  const session = dispatcher.openSession({ send: (m) => void events.push(m) });
  return { hub, session, events, dispatcher, operations };
};

const finalOf = (events: EventMessage[], id: string) =>
  new Promise<EventMessage>((resolve) => {
    const timer = setInterval(() => {
      const e = events.find(
        (m) => m.type === 'operation' && m.update.operationId === id && m.update.state !== 'running',
      );
      if (e) {
        clearInterval(timer);
        resolve(e);
      }
    }, 10);
  });

describe('Dispatcher', () => {
  it('answers a call with the handler’s value', async () => {
    const { session } = setup();
    expect(await session.handle({ type: 'call', id: 1, method: 'images.list', args: {} })).toEqual({
      type: 'reply',
      id: 1,
      ok: true,
      value: [],
    });
  });

  it('rejects unknown methods, malformed messages and invalid arguments with typed errors', async () => {
    const { session } = setup();
    const unknown = await session.handle({ type: 'call', id: 2, method: 'images.nuke', args: {} });
    expect(unknown).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } });
    const malformed = await session.handle({ hello: 'world' });
    expect(malformed).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
    const relative = await session.handle({
      type: 'call',
      id: 3,
      method: 'images.save',
      args: { references: ['a:1'], path: 'relative.tar' },
      operationId: 'op-x',
    });
    expect(relative).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
    expect(relative.ok ? '' : relative.error.message).toContain('path');
    const extra = await session.handle({ type: 'call', id: 4, method: 'images.list', args: { all: true } });
    expect(extra).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
  });

  it('runs an operation: throttled progress frames, then exactly one final result', async () => {
    const { session, events } = setup();
    const reply = await session.handle({
      type: 'call',
      id: 5,
      method: 'images.save',
      args: { references: ['a:1'], path: '/tmp/a.tar' },
      operationId: 'op-1',
    });
    expect(reply).toMatchObject({ ok: true, value: { operationId: 'op-1' } });
    const final = await finalOf(events, 'op-1');
    expect(final).toEqual({
      type: 'operation',
      update: {
        operationId: 'op-1',
        method: 'images.save',
        state: 'succeeded',
        result: { path: '/tmp/a.tar', bytes: 30 },
      },
    });
    const ops = events.filter((m) => m.type === 'operation');
    expect(ops.filter((m) => m.type === 'operation' && m.update.state !== 'running')).toHaveLength(1);
    expect(ops.some((m) => m.type === 'operation' && m.update.state === 'running')).toBe(true);
  });

  it('cancels an operation for its own session only', async () => {
    const { session, events, dispatcher } = setup();
    await session.handle({
      type: 'call',
      id: 6,
      method: 'images.save',
      args: { references: ['a:1'], path: '/tmp/b.tar' },
      operationId: 'op-2',
    });
    const other = dispatcher.openSession({ send: () => {} });
    const foreign = await other.handle({
      type: 'call',
      id: 1,
      method: 'operations.cancel',
      args: { operationId: 'op-2' },
    });
    expect(foreign).toMatchObject({ ok: true, value: { cancelled: false } });
    const own = await session.handle({
      type: 'call',
      id: 7,
      method: 'operations.cancel',
      args: { operationId: 'op-2' },
    });
    expect(own).toMatchObject({ ok: true, value: { cancelled: true } });
    expect(await finalOf(events, 'op-2')).toMatchObject({ update: { state: 'cancelled' } });
  });

  it('cancels a session’s operations when the session closes', async () => {
    const { session, events, operations } = setup();
    await session.handle({
      type: 'call',
      id: 8,
      method: 'images.save',
      args: { references: ['a:1'], path: '/tmp/c.tar' },
      operationId: 'op-3',
    });
    expect(operations.has('op-3')).toBe(true);
    const before = events.length;
    session.close();
    await new Promise((r) => setTimeout(r, 50));
    expect(operations.has('op-3')).toBe(false);
    // The session is gone, so nothing more is sent to it.
    expect(events.length).toBe(before);
  });

  it('sends the current connection state on subscribe, then every change', async () => {
    const { session, events, hub } = setup();
    await session.handle({ type: 'subscribe', id: 9, topic: 'connection' });
    hub.publish('connection', { status: 'disconnected', host: 'unix:///x.sock', generation: 1, retryInMs: 250 });
    await new Promise((r) => setTimeout(r, 0));
    const states = events.flatMap((m) => (m.type === 'event' && m.topic === 'connection' ? [m.payload.status] : []));
    expect(states).toEqual(['connected', 'disconnected']);
    const bad = await session.handle({ type: 'subscribe', id: 10, topic: 'secrets' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
  });
});

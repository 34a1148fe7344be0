import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ConnectionState, ImageSummary } from '../../shared/contract/models';
import type { ClientMessage, EventMessage, ReplyMessage } from '../../shared/contract/protocol';
import { ApiClient } from '../../renderer/src/api/client';
import { setApiClient } from '../../renderer/src/api/instance';
import type { LinkState, Transport } from '../../renderer/src/api/transport';
import { useImages } from '../../renderer/src/stores/images';
import { startSync } from '../../renderer/src/stores/sync';

const img = (id: string, repoTags: string[]): ImageSummary => ({
  id,
  repoTags,
  repoDigests: [],
  created: 1,
  size: 1,
  sharedSize: -1,
  labels: {},
  containers: 0,
  containerNames: [],
  dangling: repoTags.length === 0,
});

/** A link whose replies the test hands out one by one; it records what the client sent, in order. */
const scriptedLink = () => {
  const sent: ClientMessage[] = [];
  const waiting = new Map<number, (r: ReplyMessage) => void>();
  const listeners = new Set<(m: EventMessage) => void>();
  const linkListeners = new Set<(s: LinkState) => void>();
  const transport: Transport = {
    kind: 'websocket',
    files: { kind: 'upload', post: async () => {} },
    request: (message) => {
      sent.push(message);
      if (message.type !== 'call') return Promise.resolve({ type: 'reply', id: message.id, ok: true, value: null });
      return new Promise((resolve) => waiting.set(message.id, resolve));
    },
    onMessage: (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    onLinkState: (l) => {
      linkListeners.add(l);
      l('connecting');
      return () => linkListeners.delete(l);
    },
  };
  const calls = (method: string) => sent.filter((m) => m.type === 'call' && m.method === method);
  return {
    transport,
    sent,
    calls,
    open: () => linkListeners.forEach((l) => l('open')),
    reply: (id: number, value: unknown) => waiting.get(id)?.({ type: 'reply', id, ok: true, value }),
    fail: (id: number) =>
      waiting.get(id)?.({ type: 'reply', id, ok: false, error: { code: 'ENGINE_UNREACHABLE', message: 'no engine' } }),
    connection: (state: ConnectionState) =>
      listeners.forEach((l) => l({ type: 'event', topic: 'connection', payload: state })),
    patch: (upserts: ImageSummary[]) =>
      listeners.forEach((l) =>
        l({ type: 'event', topic: 'images', payload: { kind: 'patch', patch: { upserts, removed: [] } } }),
      ),
  };
};

const connected = (generation: number) => ({ status: 'connected', generation }) as unknown as ConnectionState;
const flush = () => new Promise((r) => setTimeout(r, 0));

describe('start-up: the stores and the link', () => {
  let stop: () => void = () => {};
  beforeEach(() => useImages.setState({ images: [], partialOf: null, status: 'idle', error: null }));
  afterEach(() => stop());

  it('asks for the first screen at once, after subscribing to image changes, then the list, and shows the first screen meanwhile', async () => {
    const link = scriptedLink();
    const client = new ApiClient(link.transport);
    setApiClient(client);
    stop = startSync(client);
    const order = link.sent.map((m) => (m.type === 'call' ? m.method : `${m.type}:${m.topic}`));
    expect(order.indexOf('subscribe:images')).toBeGreaterThanOrEqual(0);
    expect(order.indexOf('images.firstScreen')).toBeGreaterThan(order.indexOf('subscribe:images'));
    // The table's default order (newest first) needs no locale.
    expect(link.calls('images.firstScreen')[0]).toMatchObject({
      args: { sort: [{ id: 'created', desc: true }], groupByImage: false },
    });
    expect(link.calls('images.list')).toHaveLength(0);
    expect(useImages.getState().status).toBe('loading');
    link.reply(link.calls('images.firstScreen')[0]?.id ?? -1, { images: [img('a', ['a:1'])], total: 3 });
    await flush();
    // The first screen is shown, as part of a list still loading, and the whole list is asked for.
    expect(useImages.getState()).toMatchObject({ images: [img('a', ['a:1'])], partialOf: 3, status: 'loading' });
    expect(link.calls('images.list')).toHaveLength(1);
    const whole = [img('a', ['a:1']), img('b', ['b:1']), img('c', [])];
    link.reply(link.calls('images.list')[0]?.id ?? -1, whole);
    await flush();
    await flush();
    expect(useImages.getState()).toMatchObject({ images: whole, partialOf: null, status: 'ready' });
  });

  it('does not fetch the list again for the first connection event, and replays changes that came meanwhile', async () => {
    const link = scriptedLink();
    const client = new ApiClient(link.transport);
    setApiClient(client);
    stop = startSync(client);
    link.open();
    link.connection(connected(1));
    link.patch([img('b', ['b:2'])]);
    link.reply(link.calls('images.firstScreen')[0]?.id ?? -1, { images: [img('a', ['a:1'])], total: 2 });
    await flush();
    const [list] = link.calls('images.list');
    link.reply(list?.id ?? -1, [img('a', ['a:1']), img('b', ['b:1'])]);
    await flush();
    await flush();
    expect(link.calls('images.list')).toHaveLength(1);
    expect(useImages.getState().images.map((i) => i.repoTags)).toEqual([['a:1'], ['b:2']]);
    // A later engine connection (a reconnect) refetches.
    link.connection(connected(2));
    expect(link.calls('images.list')).toHaveLength(2);
    link.reply(link.calls('images.list')[1]?.id ?? -1, []);
    await flush();
  });

  it('fetches again once the engine is there when the first list failed', async () => {
    const link = scriptedLink();
    const client = new ApiClient(link.transport);
    setApiClient(client);
    stop = startSync(client);
    // No engine yet: the first screen fails too, and the list is asked all the same (its error is shown).
    link.fail(link.calls('images.firstScreen')[0]?.id ?? -1);
    await flush();
    const [list] = link.calls('images.list');
    link.fail(list?.id ?? -1);
    await flush();
    expect(useImages.getState()).toMatchObject({ status: 'error', images: [], partialOf: null });
    link.connection(connected(1));
    await flush();
    link.reply(link.calls('images.firstScreen')[1]?.id ?? -1, { images: [img('a', ['a:1'])], total: 1 });
    await flush();
    const again = link.calls('images.list');
    expect(again).toHaveLength(2);
    link.reply(again[1]?.id ?? -1, [img('a', ['a:1'])]);
    await flush();
    await flush();
    expect(useImages.getState()).toMatchObject({ status: 'ready', images: [img('a', ['a:1'])] });
  });

  it('sends each subscription once when the link first opens, and again after it comes back', async () => {
    const link = scriptedLink();
    const client = new ApiClient(link.transport);
    setApiClient(client);
    stop = startSync(client);
    const subscribes = () =>
      link.sent.filter((m) => m.type === 'subscribe').map((m) => m.type === 'subscribe' && m.topic);
    const before = subscribes();
    link.open();
    expect(subscribes()).toEqual(before);
    link.open(); // reconnected
    expect(subscribes()).toEqual([...before, ...before]);
    link.reply(link.calls('images.firstScreen')[0]?.id ?? -1, { images: [], total: 0 });
    await flush();
    link.reply(link.calls('images.list')[0]?.id ?? -1, []);
    await flush();
  });
});

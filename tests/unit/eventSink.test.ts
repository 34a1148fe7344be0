import { describe, expect, it } from 'vitest';
import { EventSink, type Outlet } from '../../electron/api/eventSink';
import type { EventMessage } from '../../shared/contract/protocol';
import type { ConnectionState } from '../../shared/contract/models';

/** An outlet that holds every send until released, like a renderer that stopped reading. */
const stalledOutlet = () => {
  const sent: EventMessage[] = [];
  const waiting: (() => void)[] = [];
  const outlet: Outlet = {
    send: (m) =>
      new Promise<void>((resolve) => {
        sent.push(m);
        waiting.push(resolve);
      }),
  };
  const releaseAll = async () => {
    while (waiting.length) {
      waiting.shift()?.();
      await new Promise((r) => setTimeout(r, 0));
    }
  };
  return { outlet, sent, releaseAll };
};

const conn = (generation: number): EventMessage => ({
  type: 'event',
  topic: 'connection',
  payload: { status: 'connected', host: 'h', generation } satisfies ConnectionState,
});
const progress = (id: string, bytes: number): EventMessage => ({
  type: 'operation',
  update: { operationId: id, method: 'images.save', state: 'running', progress: { bytes } },
});
const imageEvent = (n: number): EventMessage => ({
  type: 'event',
  topic: 'images',
  payload: { kind: 'patch', patch: { upserts: [], removed: [`img${n}`] } },
});

describe('EventSink', () => {
  it('keeps only the newest unsent progress frame of an operation', async () => {
    const { outlet, sent, releaseAll } = stalledOutlet();
    const sink = new EventSink(outlet);
    sink.push(progress('a', 1)); // goes out at once, then the outlet stalls
    for (let i = 2; i <= 1000; i++) sink.push(progress('a', i));
    expect(sink.pending).toBe(1);
    await releaseAll();
    expect(
      sent.map((m) => (m.type === 'operation' && m.update.state === 'running' ? m.update.progress : null)),
    ).toEqual([{ bytes: 1 }, { bytes: 1000 }]);
  });

  it('never drops a final frame and drops the progress it supersedes', async () => {
    const { outlet, sent, releaseAll } = stalledOutlet();
    const sink = new EventSink(outlet);
    sink.push(conn(1));
    sink.push(progress('a', 5));
    sink.push({ type: 'operation', update: { operationId: 'a', method: 'images.save', state: 'cancelled' } });
    await releaseAll();
    expect(sent).toHaveLength(2);
    expect(sent[1]).toEqual({
      type: 'operation',
      update: { operationId: 'a', method: 'images.save', state: 'cancelled' },
    });
  });

  it('collapses a flood of image events into one resync instead of growing', async () => {
    const { outlet, sent, releaseAll } = stalledOutlet();
    const sink = new EventSink(outlet, { maxQueuedImageEvents: 10 });
    sink.push(conn(1));
    for (let i = 0; i < 5000; i++) sink.push(imageEvent(i));
    expect(sink.pending).toBeLessThanOrEqual(11);
    await releaseAll();
    const images = sent.filter((m) => m.type === 'event' && m.topic === 'images');
    expect(images.at(-1)).toEqual({ type: 'event', topic: 'images', payload: { kind: 'resync' } });
  });

  it('delivers image events in order while the renderer keeps up', async () => {
    const sent: EventMessage[] = [];
    const sink = new EventSink({ send: (m) => void sent.push(m) });
    for (let i = 0; i < 20; i++) sink.push(imageEvent(i));
    await new Promise((r) => setTimeout(r, 0));
    expect(
      sent.map((m) =>
        m.type === 'event' && m.topic === 'images' && m.payload.kind === 'patch' ? m.payload.patch.removed[0] : '',
      ),
    ).toEqual(Array.from({ length: 20 }, (_, i) => `img${i}`));
  });

  it('coalesces connection states to the newest', async () => {
    const { outlet, sent, releaseAll } = stalledOutlet();
    const sink = new EventSink(outlet);
    for (let g = 1; g <= 50; g++) sink.push(conn(g));
    await releaseAll();
    expect(sent.map((m) => (m.type === 'event' && m.topic === 'connection' ? m.payload.generation : 0))).toEqual([
      1, 50,
    ]);
  });
});

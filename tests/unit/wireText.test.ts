import { describe, expect, it } from 'vitest';
import type { ServerMessage } from '../../shared/contract/protocol';
import { decodeServerMessage, encodeServerMessage } from '../../shared/contract/wireText';

const image = (i: number) => ({
  id: `sha256:${i.toString(16).padStart(64, '0')}`,
  repoTags: i % 50 === 49 ? [] : [`scale/team-${i % 40}/svc-${i >> 2}:v${i % 4}`],
  repoDigests: [],
  created: 1_700_000_000 + i,
  size: 59,
  sharedSize: -1,
  labels: { 'lading.scale.bench': '1' },
  containers: 0,
  containerNames: [],
  dangling: i % 50 === 49,
  // Some images carry an optional field, others do not (two key lists).
  ...(i % 3 === 0 ? { platform: 'linux/amd64' } : {}),
});

const reply = (value: unknown): ServerMessage => ({ type: 'reply', id: 7, ok: true, value });
/** What the client would have got with plain JSON. */
const viaJson = (m: ServerMessage): unknown => JSON.parse(JSON.stringify(m));

describe('the WebSocket text of server messages', () => {
  it('sends a long list of objects with each key list once, and decodes it to what JSON would give', () => {
    const m = reply(Array.from({ length: 1000 }, (_, i) => image(i)));
    const text = encodeServerMessage(m);
    expect(decodeServerMessage(text)).toEqual(viaJson(m));
    expect(text.length).toBeLessThan(JSON.stringify(m).length * 0.75);
    expect(text.match(/"containerNames"/g)).toHaveLength(2);
  });

  it('keeps JSON semantics: undefined and function members are left out, nested values untouched, key order kept', () => {
    const list = Array.from({ length: 100 }, (_, i) => ({
      b: i,
      a: i % 2 ? undefined : 'x',
      f: () => 1,
      nested: { u: undefined, d: new Date(0), list: [undefined, 1] },
      ['__proto__']: 'own',
    }));
    // An own "__proto__" key, as JSON.parse creates it.
    for (const o of list) Object.defineProperty(o, '__proto__', { value: 'own', enumerable: true });
    const m = reply(list);
    const decoded = decodeServerMessage(encodeServerMessage(m)) as { value: Record<string, unknown>[] };
    expect(decoded).toEqual(viaJson(m));
    expect(decoded.value.map((o) => Object.keys(o).join())).toEqual(
      (viaJson(m) as { value: object[] }).value.map((o) => Object.keys(o).join()),
    );
    expect(Object.getPrototypeOf(decoded.value[0])).toBe(Object.prototype);
  });

  it('reuses the text of a frozen list for every reply that carries it, and never the text of a list that may change', () => {
    const frozen = Object.freeze(Array.from({ length: 200 }, (_, i) => image(i)));
    const first = encodeServerMessage({ type: 'reply', id: 1, ok: true, value: frozen });
    const second = encodeServerMessage({ type: 'reply', id: 2, ok: true, value: frozen });
    expect(decodeServerMessage(second)).toEqual(viaJson({ type: 'reply', id: 2, ok: true, value: frozen }));
    expect(second.replace('"id":2', '"id":1')).toBe(first);

    const open = Array.from({ length: 200 }, (_, i) => image(i));
    encodeServerMessage(reply(open));
    open[0] = { ...image(0), repoTags: ['changed:1'] };
    expect(decodeServerMessage(encodeServerMessage(reply(open)))).toEqual(viaJson(reply(open)));
  });

  it('sends everything else as plain JSON', () => {
    const messages: ServerMessage[] = [
      reply(Array.from({ length: 10 }, (_, i) => image(i))), // short
      reply([...Array.from({ length: 100 }, (_, i) => image(i)), 'not an object']),
      reply(Array.from({ length: 100 }, (_, i) => new Date(i))),
      reply(Array.from({ length: 100 }, (_, i) => [i])),
      reply(Array.from({ length: 100 }, (_, i) => ({ toJSON: () => i }))),
      reply(Array.from({ length: 100 }, (_, i) => ({ [`key${i}`]: i }))), // as many key lists as objects
      reply({ operationId: 'x' }),
      reply(null),
      { type: 'reply', id: 3, ok: false, error: { code: 'NOT_FOUND', message: 'gone' } },
      { type: 'event', topic: 'connection', payload: { status: 'connecting' } as never },
    ];
    for (const m of messages) {
      expect(encodeServerMessage(m)).toBe(JSON.stringify(m));
      expect(decodeServerMessage(encodeServerMessage(m))).toEqual(viaJson(m));
    }
  });
});

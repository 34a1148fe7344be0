import type { ReplyMessage, ServerMessage } from './protocol';

/**
 * How the serve-mode WebSocket writes the server's messages as text: JSON,
 * except that a reply whose value is a long array of plain objects (a list:
 * images, containers, …) sends each distinct key list once, and every object
 * as an array of its values. For 10,000 images that is a third less text,
 * and less to stringify and to parse; the decoded value is equal to what
 * JSON would have carried. Nothing here depends on the method.
 */

/** Shorter arrays are sent as plain JSON: packing would save little. */
const PACK_MIN = 64;
/** Nor are lists whose objects have this many different key lists. */
const MAX_SHAPES = 64;

/** `shapes[row[0]]` names the values that follow in `row`. */
interface Packed {
  shapes: string[][];
  rows: unknown[][];
}

type PackedReply = { type: 'reply'; id: number; ok: true; packed: Packed };

const isPlainObject = (v: unknown): v is Record<string, unknown> => {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v) as unknown;
  return (proto === Object.prototype || proto === null) && !('toJSON' in v);
};

/** What JSON.stringify leaves out of an object. */
const omitted = (v: unknown): boolean => v === undefined || typeof v === 'function' || typeof v === 'symbol';

const pack = (list: readonly unknown[]): Packed | undefined => {
  const shapeIndex = new Map<string, number>();
  const shapes: string[][] = [];
  const rows: unknown[][] = [];
  for (const item of list) {
    if (!isPlainObject(item)) return undefined;
    const keys = Object.keys(item).filter((k) => !omitted(item[k]));
    const id = keys.join('\0');
    let shape = shapeIndex.get(id);
    if (shape === undefined) {
      if (shapes.length === MAX_SHAPES) return undefined;
      shape = shapes.length;
      shapeIndex.set(id, shape);
      shapes.push(keys);
    }
    const row: unknown[] = [shape];
    for (const k of keys) row.push(item[k]);
    rows.push(row);
  }
  return { shapes, rows };
};

const unpack = ({ shapes, rows }: Packed): Record<string, unknown>[] =>
  rows.map((row) => {
    const keys = shapes[row[0] as number] ?? [];
    const out: Record<string, unknown> = {};
    for (let i = 0; i < keys.length; i++) {
      const k = keys[i] as string;
      // An own "__proto__" key, as JSON.parse makes it (an assignment would set the prototype).
      if (k === '__proto__')
        Object.defineProperty(out, k, { value: row[i + 1], enumerable: true, writable: true, configurable: true });
      else out[k] = row[i + 1];
    }
    return out;
  });

/**
 * The packed text of frozen lists, by list: a list its owner keeps frozen
 * until it changes (the image list) is asked for again on every reload and
 * by every tab, and encoding 10,000 images took 35–140 ms of the server's
 * thread while the page waited for them (README, issue 12). The list's
 * objects are replaced, never changed, by such owners.
 */
const packedText = new WeakMap<readonly unknown[], string>();

const packedTextOf = (list: readonly unknown[]): string | undefined => {
  const cached = packedText.get(list);
  if (cached !== undefined) return cached;
  const packed = pack(list);
  if (!packed) return undefined;
  const text = JSON.stringify(packed);
  if (Object.isFrozen(list)) packedText.set(list, text);
  return text;
};

export const encodeServerMessage = (message: ServerMessage): string => {
  if (message.type === 'reply' && message.ok && Array.isArray(message.value) && message.value.length >= PACK_MIN) {
    const packed = packedTextOf(message.value);
    // What JSON.stringify of a PackedReply writes, with the packed list's text reused.
    if (packed !== undefined) return `{"type":"reply","id":${JSON.stringify(message.id)},"ok":true,"packed":${packed}}`;
  }
  return JSON.stringify(message);
};

export const decodeServerMessage = (text: string): ServerMessage => {
  const message = JSON.parse(text) as ServerMessage | PackedReply;
  if (message.type === 'reply' && message.ok && 'packed' in message) {
    return { type: 'reply', id: message.id, ok: true, value: unpack(message.packed) } satisfies ReplyMessage;
  }
  return message;
};

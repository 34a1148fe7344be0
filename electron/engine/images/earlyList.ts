import { request } from 'node:http';
import type { ContainerInfo, ImageInfo } from 'dockerode';
import { socketPathOf } from '../hostAddress';

/** The engine's lists as the store's first fill needs them, and since when the events must be replayed. */
export interface EarlyLists {
  /** The engine's own clock (unix seconds) at or before both lists were taken. */
  since: number;
  images: ImageInfo[];
  containers: ContainerInfo[];
}

export interface EarlyList {
  /** Resolves once the engine answered a ping: its clock, or undefined (then `lists` is undefined too). */
  since: Promise<number | undefined>;
  /** Resolves once both list requests are on their way (or were not sent). */
  sent: Promise<void>;
  lists: Promise<EarlyLists | undefined>;
}

/** An engine that takes longer than this to answer a ping gets no early request. */
const PING_WAIT_MS = 2000;

interface Answer {
  status: number;
  date: string | undefined;
  body: string;
}

const get = (socketPath: string, path: string, onSent?: () => void): Promise<Answer> =>
  new Promise((resolve, reject) => {
    const req = request({ socketPath, path, method: 'GET', headers: { Accept: 'application/json' } }, (res) => {
      const chunks: string[] = [];
      res.setEncoding('utf8');
      res.on('data', (c: string) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, date: res.headers.date, body: chunks.join('') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    if (onSent) req.on('finish', onSent);
    req.end();
  });

const arrayOfIds = (text: string): unknown[] | undefined => {
  const value: unknown = JSON.parse(text);
  if (!Array.isArray(value)) return undefined;
  const ok = value.every((v) => typeof v === 'object' && v !== null && typeof (v as { Id?: unknown }).Id === 'string');
  return ok ? value : undefined;
};

const delay = (ms: number): Promise<undefined> =>
  new Promise((resolve) => {
    const timer: NodeJS.Timeout = setTimeout(() => resolve(undefined), ms);
    timer.unref();
  });

const none = (): EarlyList => ({
  since: Promise.resolve(undefined),
  sent: Promise.resolve(),
  lists: Promise.resolve(undefined),
});

/**
 * Asks a local engine for its image and container lists before the rest of
 * the backend has loaded, so the engine's work on a long list overlaps
 * Lading's start instead of following it. A ping comes first: its Date header
 * is the engine's clock, and the events subscription replays from that
 * second, so a change between these lists and the subscription is not lost.
 *
 * Docker replays from the last 256 events it holds, plenty for the second
 * or so this covers; a burst larger than that is caught by the store's
 * periodic check against the engine (backend.ts).
 *
 * Only for unix sockets (a remote engine keeps the usual path). Any failure —
 * no engine, an error status, a body that is not a list — resolves to
 * undefined, and the store fetches as it always does.
 */
export const startEarlyList = (host: string): EarlyList => {
  const socketPath = socketPathOf(host);
  if (!socketPath) return none();
  const pong = get(socketPath, '/_ping')
    .then((answer) => {
      const ms = answer.status === 200 && answer.date ? Date.parse(answer.date) : NaN;
      return Number.isFinite(ms) ? Math.floor(ms / 1000) : undefined;
    })
    .catch(() => undefined);
  const since = Promise.race([pong, delay(PING_WAIT_MS)]);
  let sentCount = 0;
  let markSent = () => {};
  const sent = new Promise<void>((resolve) => (markSent = resolve));
  const oneSent = () => {
    if (++sentCount === 2) markSent();
  };
  const lists = since.then(async (from): Promise<EarlyLists | undefined> => {
    if (from === undefined) return undefined;
    const answers = Promise.all([
      get(socketPath, '/images/json?all=true', oneSent),
      get(socketPath, '/containers/json?all=true', oneSent),
    ]);
    const [images, containers] = await answers;
    if (images.status !== 200 || containers.status !== 200) return undefined;
    const imageList = arrayOfIds(images.body);
    const containerList = arrayOfIds(containers.body);
    if (!imageList || !containerList) return undefined;
    return { since: from, images: imageList as ImageInfo[], containers: containerList as ContainerInfo[] };
  });
  const settled = lists.catch(() => undefined);
  return {
    since,
    // Sent, or given up on: whichever comes first.
    sent: Promise.race([sent, settled.then(() => {})]),
    lists: settled,
  };
};

import type Docker from 'dockerode';
import type { HistoryEntry, ImageHistory } from '../../../shared/contract/inspectModels';
import { inspectImage } from './inspect';

/** `GET /images/{name}/history`, one entry per build step, newest first. */
interface EngineHistoryItem {
  Id: string;
  Created: number;
  CreatedBy?: string;
  Size: number;
  Comment?: string;
  Tags?: string[] | null;
}

const METADATA = new Set([
  'ENV',
  'LABEL',
  'CMD',
  'ENTRYPOINT',
  'EXPOSE',
  'VOLUME',
  'USER',
  'ARG',
  'ONBUILD',
  'STOPSIGNAL',
  'HEALTHCHECK',
  'SHELL',
  'MAINTAINER',
]);

/**
 * Whether a step wrote a file-system layer, guessed from its command when the
 * engine cannot say (steps built elsewhere show as `<missing>`). WORKDIR is
 * the one instruction that may or may not write one (it does when it creates
 * the folder), so it is left open and settled by the layer count.
 */
export const guessWritesLayer = (createdBy: string, size: number): boolean | 'maybe' => {
  if (size > 0) return true;
  const cmd = createdBy.trim();
  if (cmd === '') return true; // an imported root file system
  const nop = /^\/bin\/sh -c #\(nop\)\s+(\S+)/.exec(cmd);
  const word = (nop ? nop[1] : /^(\S+)/.exec(cmd)?.[1]) ?? '';
  if (word === 'WORKDIR') return 'maybe';
  if (METADATA.has(word)) return false;
  return true; // RUN (classic: "/bin/sh -c …", "|2 A=1 /bin/sh -c …"), COPY, ADD
};

/** Runs fn over items, a few at a time. */
const mapLimit = async <T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> => {
  const out: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
};

/**
 * Which steps wrote a layer, oldest first. Exact where a step's own image is
 * still here (its layer count is known); guessed otherwise, and the guess is
 * kept only when it adds up to the image's layer count and agrees with every
 * known count. null when nothing consistent was found.
 */
export const assignLayers = (
  steps: readonly { createdBy: string; size: number; layerCount: number | undefined }[],
  total: number,
): boolean[] | null => {
  const guesses = steps.map((s, i) => {
    const prev = i === 0 ? 0 : steps[i - 1]?.layerCount;
    if (s.layerCount !== undefined && prev !== undefined) return s.layerCount > prev;
    return guessWritesLayer(s.createdBy, s.size);
  });
  const open = guesses.flatMap((g, i) => (g === 'maybe' ? [i] : []));
  // Each undecided WORKDIR either wrote a layer or not: try the fewest layers first.
  const tries = open.length <= 12 ? 1 << open.length : 1;
  for (let mask = 0; mask < tries; mask++) {
    const writes = guesses.map((g, i) => (g === 'maybe' ? (mask & (1 << open.indexOf(i))) !== 0 : g));
    let count = 0;
    let ok = true;
    for (let i = 0; i < steps.length && ok; i++) {
      if (writes[i]) count++;
      const known = steps[i]?.layerCount;
      if (known !== undefined && known !== count) ok = false;
    }
    if (ok && count === total) return writes;
  }
  return null;
};

/** `docker history --no-trunc`, each step tied to the layer it wrote. */
export const imageHistory = async (docker: Docker, reference: string): Promise<ImageHistory> => {
  const [info, items] = await Promise.all([
    inspectImage(docker, reference),
    docker.getImage(reference).history() as Promise<EngineHistoryItem[]>,
  ]);
  const total = info.RootFS?.Layers?.length ?? 0;
  const oldestFirst = [...items].reverse();
  const counts = await mapLimit(oldestFirst, 4, async (item) => {
    if (!item.Id || item.Id === '<missing>') return undefined;
    if (item.Id === info.Id) return total;
    try {
      return (await inspectImage(docker, item.Id)).RootFS?.Layers?.length ?? undefined;
    } catch {
      return undefined; // removed since: guess like a <missing> step
    }
  });
  const writes = assignLayers(
    oldestFirst.map((item, i) => ({ createdBy: item.CreatedBy ?? '', size: item.Size, layerCount: counts[i] })),
    total,
  );
  let layer = 0;
  const entries: HistoryEntry[] = oldestFirst.map((item, i) => {
    const wrote = writes?.[i] ?? false;
    if (wrote) layer++;
    return {
      id: item.Id || '<missing>',
      created: item.Created,
      createdBy: item.CreatedBy ?? '',
      size: item.Size,
      comment: item.Comment ?? '',
      tags: (item.Tags ?? []).filter((t) => t !== '<none>:<none>'),
      layer: writes && wrote ? layer : null,
    };
  });
  return { entries: entries.reverse(), layersMatched: writes !== null };
};

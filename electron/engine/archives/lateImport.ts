import type Docker from 'dockerode';
import { parseReference } from '../../../shared/contract/reference';

/**
 * How long, after a cancel, Lading waits for the engine to finish a URL
 * import it could not stop. Docker 20.10 fetches the URL without the
 * request's context: closing our request does not stop the download, and
 * the engine imports and tags the image when it ends.
 */
export const LATE_IMPORT_WATCH_MS = 60 * 60 * 1000;

/** What marks the image one cancelled import makes. */
export interface LateImport {
  /** The URL as sent (the engine's default commit message names it). */
  url: string;
  message?: string;
  /** "repo:tag" the import tags, if any. */
  reference?: string;
}

interface RawEvent {
  Action?: string;
  Actor?: { ID?: string };
}

interface Inspected {
  Comment?: string;
  RepoTags?: string[] | null;
}

/** "docker.io/library/busybox:1" and "busybox:1" name the same tag. */
const familiar = (ref: string) => ref.replace(/^docker\.io\//, '').replace(/^library\//, '');

const normalizedTag = (reference: string): string => {
  const parsed = parseReference(reference);
  if (!parsed.ok) return reference;
  const { domain, path, tag } = parsed.value;
  return familiar(`${domain ? `${domain}/` : ''}${path}:${tag ?? 'latest'}`);
};

/**
 * True when `image` is exactly what this import would make: the commit
 * message it asked for (or the engine's default, "Imported from URL"), and
 * its tag and no other (or no tag, when it asked for none). Anything else —
 * another import, an image the user has tagged since — is left alone.
 */
export const isLateImport = (image: Inspected, late: LateImport): boolean => {
  const comments = late.message ? [late.message] : [`Imported from ${late.url}`, `Imported from http://${late.url}`];
  if (!comments.includes(image.Comment ?? '')) return false;
  const tags = (image.RepoTags ?? []).filter((t) => t !== '<none>:<none>').map(familiar);
  return late.reference ? tags.length === 1 && tags[0] === normalizedTag(late.reference) : tags.length === 0;
};

/**
 * Watches waiting for a cancelled import's image, by URL. A new import of
 * the same URL ends them: its image would look exactly like the late one
 * (same message, same tag), and it is what the user now asks for.
 */
const waiting = new Map<string, Set<() => void>>();

/** A new import of `url` starts: stop waiting to remove a cancelled import's image from it. */
export const forgetLateImports = (url: string): void => {
  for (const stop of waiting.get(url) ?? []) stop();
  waiting.delete(url);
};

export interface ImportWatch {
  /** The import ended on its own (done or failed): nothing to watch for. */
  stop(): void;
  /**
   * The import was cancelled: remove the image it makes if the engine
   * finishes it anyway (within LATE_IMPORT_WATCH_MS), then stop.
   */
  removeWhenItArrives(late: LateImport): void;
}

/**
 * Follows the engine's image `import` events from before a URL import
 * starts, so none of that import's is missed (the engine tags the image
 * just before it reports the import). Resolves to undefined when the engine
 * gives no event stream: the cancel is then as the engine makes it.
 */
export const watchImports = async (
  docker: Docker,
  opts: { watchMs?: number; onRemoved?: (id: string) => void } = {},
): Promise<ImportWatch | undefined> => {
  let stream: NodeJS.ReadableStream & { destroy?: () => void };
  try {
    stream = (await docker.getEvents({ filters: { type: ['image'], event: ['import'] } })) as typeof stream;
  } catch {
    return undefined;
  }
  const seen: string[] = [];
  let late: LateImport | undefined;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  const stop = () => {
    if (stopped) return;
    stopped = true;
    clearTimeout(timer);
    if (late) waiting.get(late.url)?.delete(stop);
    stream.destroy?.();
  };
  const check = async (id: string) => {
    if (!late || stopped) return;
    const criteria = late;
    try {
      const image = (await docker.getImage(id).inspect()) as Inspected;
      if (stopped || !isLateImport(image, criteria)) return;
      stop();
      // Never forced: an image a container started from meanwhile stays.
      await docker.getImage(id).remove();
      opts.onRemoved?.(id);
    } catch {
      // Gone already, or in use: leave it.
    }
  };
  docker.modem.followProgress(
    stream,
    () => stop(),
    (event: RawEvent) => {
      const id = event.Actor?.ID;
      if (event.Action !== 'import' || !id) return;
      seen.push(id);
      void check(id);
    },
  );
  return {
    stop,
    removeWhenItArrives: (criteria) => {
      if (stopped) return;
      late = criteria;
      const same = waiting.get(criteria.url) ?? new Set();
      waiting.set(criteria.url, same.add(stop));
      timer = setTimeout(stop, opts.watchMs ?? LATE_IMPORT_WATCH_MS);
      timer.unref();
      // An import that ended just as it was cancelled has already been seen.
      for (const id of seen) void check(id);
    },
  };
};

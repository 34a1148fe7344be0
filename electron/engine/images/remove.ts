import type Docker from 'dockerode';
import type {
  ContainerUse,
  CountProgress,
  RemoveOutcome,
  RemovePlanItem,
  RemoveRefusal,
} from '../../../shared/contract/imageModels';
import { withDefaultTag } from '../../../shared/contract/reference';
import { engineMessage, toApiError } from '../errors';
import { inspectImage, type InspectInfo } from './inspect';
import { normaliseTags } from './list';
import { containerUsesByImage } from './users';
import { imageOf } from '../refs';

/** True when `reference` names one of the image's tags (not its ID). */
const tagOf = (info: InspectInfo, reference: string): string | undefined => {
  const tags = normaliseTags(info.RepoTags);
  const full = withDefaultTag(reference);
  return tags.find((t) => t === reference || t === full);
};

/**
 * What `docker rmi` would do to each reference, in order: removing a tag
 * only untags while the image keeps another tag that this batch leaves.
 */
export const planRemove = async (docker: Docker, references: readonly string[]): Promise<RemovePlanItem[]> => {
  const users = await containerUsesByImage(docker);
  const infos = new Map<string, InspectInfo>();
  const remaining = new Map<string, Set<string>>();
  const plan: RemovePlanItem[] = [];
  for (const reference of references) {
    let info = infos.get(reference);
    if (!info) {
      try {
        info = await inspectImage(docker, reference);
      } catch (err) {
        throw toApiError(err, { reference });
      }
      infos.set(reference, info);
    }
    const left = remaining.get(info.Id) ?? new Set(normaliseTags(info.RepoTags));
    remaining.set(info.Id, left);
    const tag = tagOf(info, reference);
    const byId = tag === undefined;
    if (tag !== undefined) left.delete(tag);
    const action = byId || left.size === 0 ? 'delete' : 'untag';
    plan.push({
      reference,
      imageId: info.Id,
      action,
      remainingTags: action === 'delete' ? [] : [...left],
      containers: users.get(info.Id) ?? [],
      size: info.Size,
      layers: info.RootFS?.Layers?.length ?? 0,
      needsForce: byId && left.size > 1,
    });
    if (action === 'delete') left.clear();
  }
  return plan;
};

const HEX_ID = /\b[0-9a-f]{12,64}\b/g;

/** Reads the engine's refusal sentence (Docker's and Podman's wording). */
export const classifyRefusal = (statusCode: number | undefined, message: string): RemoveRefusal => {
  if (statusCode === 404 || /no such image|image not known/i.test(message)) return 'not-found';
  if (/running container/i.test(message)) return 'in-use-running';
  if (/dependent child images/i.test(message)) return 'has-children';
  if (/referenced in multiple repositories/i.test(message)) return 'several-tags';
  if (/container .* is using its referenced image|in use by a container|image is in use/i.test(message)) {
    return 'in-use';
  }
  return 'other';
};

const FORCEABLE: ReadonlySet<RemoveRefusal> = new Set(['in-use', 'several-tags']);

interface RemoveEntry {
  Untagged?: string;
  Deleted?: string;
}

/**
 * `docker rmi [-f]`, one reference at a time so each gets its own outcome.
 * Cancelling stops before the next image and returns the outcomes so far.
 */
export const removeImages = async (
  docker: Docker,
  opts: {
    references: readonly string[];
    force: boolean;
    signal: AbortSignal;
    onProgress(p: CountProgress): void;
  },
): Promise<RemoveOutcome[]> => {
  const outcomes: RemoveOutcome[] = [];
  const total = opts.references.length;
  opts.onProgress({ done: 0, total });
  let users: Map<string, ContainerUse[]> | undefined;
  for (const reference of opts.references) {
    // Stop between images: what is done stays done and is reported.
    if (opts.signal.aborted) break;
    let imageId: string | undefined;
    try {
      imageId = (await inspectImage(docker, reference)).Id;
      const entries = (await imageOf(docker, reference).remove({ force: opts.force })) as RemoveEntry[];
      outcomes.push({
        reference,
        ok: true,
        untagged: entries.flatMap((e) => (e.Untagged ? [e.Untagged] : [])),
        deleted: entries.flatMap((e) => (e.Deleted ? [e.Deleted] : [])),
      });
    } catch (err) {
      const error = toApiError(err, { reference });
      const status =
        (error.details?.statusCode as number | undefined) ?? (error.code === 'NOT_FOUND' ? 404 : undefined);
      const message = engineMessage(err as { message?: string });
      const refusal = classifyRefusal(status, message);
      let containers: ContainerUse[] = [];
      if (refusal === 'in-use' || refusal === 'in-use-running') {
        users ??= await containerUsesByImage(docker).catch(() => new Map<string, ContainerUse[]>());
        const all = imageId ? (users.get(imageId) ?? []) : [...users.values()].flat();
        const named = new Set(message.match(HEX_ID) ?? []);
        const mentioned = all.filter((c) => [...named].some((h) => c.id.startsWith(h)));
        containers = mentioned.length > 0 ? mentioned : imageId ? all : [];
      }
      outcomes.push({
        reference,
        ok: false,
        error: error.toJSON(),
        refusal,
        containers,
        forceable: !opts.force && FORCEABLE.has(refusal),
      });
    }
    opts.onProgress({ done: outcomes.length, total });
  }
  return outcomes;
};

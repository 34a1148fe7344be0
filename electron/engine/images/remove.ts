import type Docker from 'dockerode';
import type {
  ContainerUse,
  CountProgress,
  RemoveOutcome,
  RemovePlanItem,
  RemoveRefusal,
} from '../../../shared/contract/imageModels';
import { engineMessage, toApiError } from '../errors';
import { inspectImage, type InspectInfo } from './inspect';
import { normaliseTags } from './tags';
import { containerUsesByImage, groupByImage } from './users';
import { planRemoveRules, type RuleState } from './removeRules';
import { imageOf } from '../refs';

const real = (refs: readonly string[] | null | undefined) => (refs ?? []).filter((r) => !r.startsWith('<none>'));

/** The engine's images (intermediate ones too) and containers, as the remove rules need them. */
export const readRuleState = async (docker: Docker): Promise<RuleState> => {
  const [images, containers] = await Promise.all([
    docker.listImages({ all: true }),
    docker.listContainers({ all: true }),
  ]);
  return {
    images: images.map((i) => ({
      id: i.Id,
      parent: i.ParentId ?? '',
      tags: normaliseTags(real(i.RepoTags)),
      digests: real(i.RepoDigests),
    })),
    containers: containers.map((c) => ({
      id: c.Id,
      name: (c.Names?.[0] ?? c.Id.slice(0, 12)).replace(/^\//, ''),
      state: c.State ?? '',
      imageId: c.ImageID,
    })),
  };
};

/**
 * What `docker rmi [-f]` will do to each reference, in order, by the
 * engine's own rules (removeRules.ts): untag, delete, or refuse and why.
 */
export const planRemove = async (
  docker: Docker,
  references: readonly string[],
  force = false,
): Promise<RemovePlanItem[]> => {
  const state = await readRuleState(docker);
  const users = groupByImage(
    state.containers.map((c) => ({ Id: c.id, ImageID: c.imageId, Names: [c.name], State: c.state })),
  );
  const sizes = new Map<string, { size: number; layers: number }>();
  const outcomes = planRemoveRules(state, references, force);
  const plan: RemovePlanItem[] = [];
  for (const o of outcomes) {
    let facts = sizes.get(o.imageId);
    if (!facts && o.imageId) {
      const info: InspectInfo | undefined = await inspectImage(docker, o.imageId).catch(() => undefined);
      facts = { size: info?.Size ?? 0, layers: info?.RootFS?.Layers?.length ?? 0 };
      sizes.set(o.imageId, facts);
    }
    plan.push({
      reference: o.reference,
      imageId: o.imageId,
      action: o.action,
      remainingTags: o.action === 'untag' ? o.remainingTags : [],
      containers: users.get(o.imageId) ?? [],
      size: facts?.size ?? 0,
      layers: facts?.layers ?? 0,
      needsForce: o.action === 'refused' && o.forceable,
      ...(o.action === 'refused' ? { refusal: o.refusal } : {}),
      ...(o.action === 'untag' && o.keptBecause ? { keptBecause: o.keptBecause } : {}),
      ...(o.action === 'delete' ? { deletes: o.deleted } : {}),
    });
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
  if (
    /container .* is using its referenced image|being used by stopped container|in use by a container|image is in use/i.test(
      message,
    )
  ) {
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

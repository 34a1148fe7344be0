import type Docker from 'dockerode';
import type { PruneCandidate, PrunePreview, PruneResult } from '../../../shared/contract/imageModels';
import { toApiError } from '../errors';
import { normaliseTags } from './tags';

export interface PruneOptions {
  /** `-a`: every image no container uses, not only dangling ones. */
  all: boolean;
  /** `--filter label=k` / `label=k=v`. */
  labels: string[];
}

const filtersOf = (opts: PruneOptions): Record<string, string[]> => ({
  dangling: [opts.all ? 'false' : 'true'],
  ...(opts.labels.length ? { label: opts.labels } : {}),
});

/**
 * The images the engine's prune would remove, by its own rules: top-level
 * images (not intermediate build layers) that no container (in any state)
 * uses; only untagged ones unless `all`; matching the label filters.
 */
export const planPrune = async (docker: Docker, opts: PruneOptions): Promise<PrunePreview> => {
  try {
    const [images, containers, everything] = await Promise.all([
      docker.listImages({
        all: false,
        filters: { ...(opts.all ? {} : { dangling: ['true'] }), ...(opts.labels.length ? { label: opts.labels } : {}) },
      }),
      docker.listContainers({ all: true }),
      // With intermediate images: who is whose parent.
      opts.all ? docker.listImages({ all: true }) : Promise.resolve([]),
    ]);
    const used = new Set(containers.map((c) => c.ImageID));
    const parents = new Set(everything.map((img) => img.ParentId).filter(Boolean));
    const candidates: PruneCandidate[] = images
      .filter((img) => !used.has(img.Id))
      .map((img) => ({
        id: img.Id,
        repoTags: normaliseTags(img.RepoTags),
        size: img.Size,
        created: img.Created,
        untagOnly: parents.has(img.Id),
      }))
      .sort((a, b) => Number(a.untagOnly) - Number(b.untagOnly) || b.size - a.size);
    const goes = candidates.filter((c) => !c.untagOnly);
    return { images: candidates, sizeUpperBound: goes.reduce((n, c) => n + c.size, 0) };
  } catch (err) {
    throw toApiError(err);
  }
};

/** `docker image prune [-a] [--filter label=…]`, reporting the engine's own result. */
export const pruneImages = async (docker: Docker, opts: PruneOptions): Promise<PruneResult> => {
  try {
    const res = (await docker.pruneImages({ filters: filtersOf(opts) })) as {
      ImagesDeleted?: { Untagged?: string; Deleted?: string }[] | null;
      SpaceReclaimed?: number;
    };
    const entries = res.ImagesDeleted ?? [];
    return {
      deleted: entries.flatMap((e) => (e.Deleted ? [e.Deleted] : [])),
      untagged: entries.flatMap((e) => (e.Untagged ? [e.Untagged] : [])),
      spaceReclaimed: res.SpaceReclaimed ?? 0,
    };
  } catch (err) {
    throw toApiError(err);
  }
};

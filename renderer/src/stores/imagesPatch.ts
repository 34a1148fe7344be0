import type { ImagesPatch } from '../../../shared/contract/imageModels';
import type { ImageSummary } from '../../../shared/contract/models';

const sameNames = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((n, i) => n === b[i]);

/**
 * Applies one pushed change to the list. Unchanged images keep their object
 * identity (so memoised rows stay cheap). A tag in an upsert is taken away
 * from any other image, because the engine moves a tag without an `untag`
 * event for the image that loses it.
 */
export const applyImagesPatch = (images: readonly ImageSummary[], patch: ImagesPatch): ImageSummary[] => {
  const upserts = new Map(patch.upserts.map((img) => [img.id, img]));
  const removed = new Set(patch.removed);
  const claimed = new Set(patch.upserts.flatMap((img) => img.repoTags));
  const out: ImageSummary[] = [];
  for (const img of images) {
    const next = upserts.get(img.id);
    if (next) {
      out.push(next.platform === undefined && img.platform !== undefined ? { ...next, platform: img.platform } : next);
      upserts.delete(img.id);
      continue;
    }
    if (removed.has(img.id)) continue;
    let current = img;
    if (claimed.size > 0 && img.repoTags.some((t) => claimed.has(t))) {
      const repoTags = img.repoTags.filter((t) => !claimed.has(t));
      current = { ...current, repoTags, dangling: repoTags.length === 0 };
    }
    if (patch.containers) {
      const names = patch.containers[img.id] ?? [];
      if (!sameNames(names, current.containerNames)) {
        current = { ...current, containerNames: names, containers: names.length };
      }
    }
    out.push(current);
  }
  for (const img of upserts.values()) out.push(img);
  return out;
};

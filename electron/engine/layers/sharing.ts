import type Docker from 'dockerode';
import type { LayerSharing } from '../../../shared/contract/layerModels';
import { normalizeId } from './analyze';

/** Image ID → its layers' diff IDs (immutable for an ID, so kept). */
const layersById = new Map<string, string[]>();
const KEPT = 50_000;
const CONCURRENCY = 4;
/** Names listed per layer; the count says how many in all. */
const NAMES_LISTED = 50;

const nameOf = (img: Docker.ImageInfo): string => {
  const tag = (img.RepoTags ?? []).find((t) => t !== '<none>:<none>');
  return tag ?? normalizeId(img.Id).slice('sha256:'.length, 'sha256:'.length + 12);
};

const layersOf = async (docker: Docker, id: string): Promise<string[] | undefined> => {
  const key = normalizeId(id);
  const kept = layersById.get(key);
  if (kept) return kept;
  try {
    const info = await docker.getImage(id).inspect();
    const layers = info.RootFS?.Layers ?? [];
    if (layersById.size >= KEPT) layersById.clear();
    layersById.set(key, layers);
    return layers;
  } catch {
    return undefined; // removed meanwhile: it shares nothing any more
  }
};

/**
 * For each layer of an image, the other local images that contain it: an
 * image holds layer i when its first i+1 layers are the same (the engine
 * stores a layer by its chain: same diff IDs from the bottom up). Each
 * image is inspected once per ID, then remembered.
 */
export const layerSharing = async (docker: Docker, imageId: string): Promise<LayerSharing[]> => {
  const own = await layersOf(docker, imageId);
  if (!own) return [];
  const images = await docker.listImages({ all: false });
  const self = normalizeId(imageId);
  const others = images.filter((img) => normalizeId(img.Id) !== self);
  const sharing: { names: string[]; count: number }[] = own.map(() => ({ names: [], count: 0 }));
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < others.length) {
      const img = others[next++]!;
      const layers = await layersOf(docker, img.Id);
      if (!layers) continue;
      let common = 0;
      while (common < own.length && common < layers.length && layers[common] === own[common]) common++;
      for (let i = 0; i < common; i++) {
        const s = sharing[i]!;
        s.count++;
        if (s.names.length < NAMES_LISTED) s.names.push(nameOf(img));
      }
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return sharing.map((s, index) => ({ index, images: s.names.sort(), count: s.count }));
};

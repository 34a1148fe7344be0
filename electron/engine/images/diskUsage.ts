import type Docker from 'dockerode';
import type { DiskUsage } from '../../../shared/contract/imageModels';
import { toApiError } from '../errors';

interface DfImage {
  Id: string;
  Size: number;
  SharedSize: number;
  Containers: number;
}

/**
 * `docker system df`, images part. Reclaimable follows the docker CLI: all
 * layer bytes minus what images in use hold on their own.
 */
export const diskUsage = async (docker: Docker): Promise<DiskUsage> => {
  try {
    const df = (await docker.df()) as { LayersSize?: number; Images?: DfImage[] | null };
    const images = df.Images ?? [];
    const perImage: DiskUsage['perImage'] = {};
    let usedUnique = 0;
    let active = 0;
    for (const img of images) {
      const shared = img.SharedSize >= 0 ? img.SharedSize : 0;
      const unique = Math.max(0, img.Size - shared);
      perImage[img.Id] = { shared, unique };
      if (img.Containers > 0) {
        active++;
        usedUnique += unique;
      }
    }
    const totalSize = df.LayersSize ?? 0;
    return {
      images: images.length,
      active,
      totalSize,
      reclaimable: Math.max(0, totalSize - usedUnique),
      perImage,
      computedAt: Date.now(),
    };
  } catch (err) {
    throw toApiError(err);
  }
};

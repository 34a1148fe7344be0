import type Docker from 'dockerode';
import type { TransferProgress, UpdateResult } from '../../../shared/contract/methods/registries';
import { withDefaultTag } from '../../../shared/contract/reference';
import { toApiError } from '../errors';
import { pullImage, type PullOptions } from './pull';

/**
 * Update: re-pull each tag and compare the image ID before and after.
 * One tag failing does not stop the others; cancel stops all.
 */
export const updateImages = async (
  docker: Docker,
  opts: Omit<PullOptions, 'reference' | 'onProgress'> & {
    references: string[];
    onProgress: (p: TransferProgress) => void;
  },
): Promise<UpdateResult> => {
  const result: UpdateResult = { changed: [], current: [], failed: [] };
  const refs = [...new Set(opts.references.map((r) => withDefaultTag(r)))];
  for (const [i, reference] of refs.entries()) {
    const step = { done: i, of: refs.length };
    try {
      const before = ((await docker.getImage(reference).inspect()) as { Id: string }).Id;
      const pulled = await pullImage(docker, {
        ...opts,
        reference,
        onProgress: (p) => opts.onProgress({ ...p, step }),
      });
      const after = pulled.id ?? before;
      if (after !== before) result.changed.push({ reference, oldId: before, newId: after });
      else result.current.push(reference);
    } catch (err) {
      const e = toApiError(err);
      if (opts.signal.aborted || e.code === 'CANCELLED') throw e;
      result.failed.push({ reference, code: e.code, message: e.message, ...(e.details ? { details: e.details } : {}) });
    }
  }
  return result;
};

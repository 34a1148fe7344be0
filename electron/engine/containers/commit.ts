import type Docker from 'dockerode';
import type { CommitResult } from '../../../shared/contract/containerModels';
import { toApiError } from '../errors';

export interface CommitOptions {
  reference: string;
  author: string;
  message: string;
  changes: string[];
  pause: boolean;
}

/** "team/app:1" → repo and tag; a ":" before the last "/" is a registry port. */
export const splitReference = (ref: string): { repo: string; tag?: string } => {
  const colon = ref.lastIndexOf(':');
  return colon > ref.lastIndexOf('/') ? { repo: ref.slice(0, colon), tag: ref.slice(colon + 1) } : { repo: ref };
};

/** `docker commit`: the container's changes as a new image layer, with author, message and `--change` lines. */
export const commitContainer = async (docker: Docker, id: string, opts: CommitOptions): Promise<CommitResult> => {
  try {
    const target = opts.reference ? splitReference(opts.reference) : undefined;
    const answer = (await docker.getContainer(id).commit({
      ...(target ? { repo: target.repo, tag: target.tag ?? 'latest' } : {}),
      ...(opts.author ? { author: opts.author } : {}),
      ...(opts.message ? { comment: opts.message } : {}),
      ...(opts.changes.length ? { changes: opts.changes } : {}),
      pause: opts.pause,
    })) as { Id?: string; id?: string };
    const imageId = answer.Id ?? answer.id ?? '';
    const reference = target ? `${target.repo}:${target.tag ?? 'latest'}` : undefined;
    return reference ? { imageId, reference } : { imageId };
  } catch (err) {
    throw toApiError(err, { container: id });
  }
};

import type Docker from 'dockerode';
import type { CommitResult } from '../../../shared/contract/containerModels';
import type { HistoryLine } from '../../../shared/contract/archiveModels';
import { toApiError } from '../errors';
import { configSummary, inspectImage } from '../images/inspect';

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
    const raw = answer.Id ?? answer.id ?? '';
    const imageId = raw.startsWith('sha256:') ? raw : `sha256:${raw}`;
    const reference = target ? `${target.repo}:${target.tag ?? 'latest'}` : undefined;
    const [info, history] = await Promise.all([
      inspectImage(docker, imageId),
      docker.getImage(imageId).history() as Promise<
        { Created: number; CreatedBy: string; Comment: string; Size: number }[]
      >,
    ]);
    const lines: HistoryLine[] = history.map((h) => ({
      created: h.Created,
      createdBy: h.CreatedBy,
      comment: h.Comment,
      size: h.Size,
    }));
    return {
      imageId,
      ...(reference ? { reference } : {}),
      author: info.Author ?? '',
      comment: info.Comment ?? '',
      config: configSummary(info),
      history: lines,
    };
  } catch (err) {
    throw toApiError(err, { container: id });
  }
};

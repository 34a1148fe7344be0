import type Docker from 'dockerode';
import { ApiError } from '../../../shared/contract/errors';
import { parseReference } from '../../../shared/contract/reference';
import { toApiError } from '../errors';
import { inspectImage } from './inspect';
import { imageOf } from '../refs';

/** Splits "host:5000/team/app:1.0" into repo "host:5000/team/app" and tag "1.0" (default "latest"). */
export const splitTarget = (target: string): { repo: string; tag: string } => {
  const parsed = parseReference(target);
  if (!parsed.ok) throw new ApiError('INVALID_ARGUMENT', `invalid reference: ${parsed.problem}`, { target });
  const { domain, path, tag } = parsed.value;
  return { repo: domain ? `${domain}/${path}` : path, tag: tag ?? 'latest' };
};

/** `docker tag SOURCE TARGET`. */
export const tagImage = async (
  docker: Docker,
  source: string,
  target: string,
): Promise<{ reference: string; imageId: string }> => {
  const { repo, tag } = splitTarget(target);
  try {
    await imageOf(docker, source).tag({ repo, tag });
    const info = await inspectImage(docker, `${repo}:${tag}`);
    return { reference: `${repo}:${tag}`, imageId: info.Id };
  } catch (err) {
    throw toApiError(err, { reference: source });
  }
};

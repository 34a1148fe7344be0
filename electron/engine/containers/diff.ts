import type Docker from 'dockerode';
import type { DiffEntry, DiffKind } from '../../../shared/contract/containerModels';
import { toApiError } from '../errors';

const KINDS: Record<number, DiffKind> = { 0: 'changed', 1: 'added', 2: 'deleted' };

/** `docker diff`: the engine's Kind 0/1/2 as changed/added/deleted, sorted by path. */
export const diffContainer = async (docker: Docker, id: string): Promise<DiffEntry[]> => {
  try {
    // An unchanged container's answer is `null` (read by docker-modem as an empty body, not an array).
    const answer: unknown = await docker.getContainer(id).changes();
    const changes = (Array.isArray(answer) ? answer : []) as { Path: string; Kind: number }[];
    return changes
      .map((c) => ({ path: c.Path, kind: KINDS[c.Kind] ?? 'changed' }))
      .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  } catch (err) {
    throw toApiError(err, { container: id });
  }
};

import type Docker from 'dockerode';
import type { SearchResult } from '../../../shared/contract/methods/registries';
import { engineMessage, toApiError } from '../errors';
import { classifyRegistryError } from './classify';

interface EngineSearchResult {
  name?: string;
  description?: string;
  star_count?: number;
  is_official?: boolean;
  is_automated?: boolean;
}

/**
 * `docker search [--limit N] [-s N] [--filter is-official=true] TERM`
 * through the engine (`GET /images/search`): Docker Hub, or the v1 search
 * endpoint of the host a `HOST:PORT/term` names. The engine filters after
 * fetching, so fewer than `limit` may come back.
 */
export const searchImages = async (
  docker: Docker,
  opts: { term: string; limit: number; stars?: number; officialOnly: boolean },
): Promise<SearchResult[]> => {
  const filters: Record<string, string[]> = {};
  if (opts.stars !== undefined && opts.stars > 0) filters.stars = [String(opts.stars)];
  if (opts.officialOnly) filters['is-official'] = ['true'];
  let found: EngineSearchResult[];
  try {
    found = (await docker.searchImages({
      term: opts.term,
      limit: opts.limit,
      ...(Object.keys(filters).length ? { filters: JSON.stringify(filters) } : {}),
    })) as EngineSearchResult[];
  } catch (err) {
    const e = toApiError(err);
    if (e.code === 'ENGINE_UNREACHABLE') throw e;
    throw classifyRegistryError(engineMessage(err as object), opts.term);
  }
  return (Array.isArray(found) ? found : []).map((r) => ({
    name: r.name ?? '',
    description: r.description ?? '',
    stars: r.star_count ?? 0,
    official: r.is_official === true,
    automated: r.is_automated === true,
  }));
};

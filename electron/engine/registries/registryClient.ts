import { ApiError } from '../../../shared/contract/errors';
import type { ManifestFacts, Page } from '../../../shared/contract/methods/registries';
import type { Credential } from './credentials';
import { nextLink, parseWwwAuthenticate } from './wwwAuthenticate';

const MANIFEST_TYPES = [
  'application/vnd.docker.distribution.manifest.v2+json',
  'application/vnd.docker.distribution.manifest.list.v2+json',
  'application/vnd.oci.image.manifest.v1+json',
  'application/vnd.oci.image.index.v1+json',
];

const TIMEOUT_MS = 30_000;

/** Hosts Docker talks plain HTTP to without being told (127.0.0.0/8, ::1, localhost). */
export const isLoopbackHost = (registry: string): boolean => {
  const host = registry.replace(/:\d+$/, '').replace(/^\[|\]$/g, '');
  return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
};

/** Docker Hub's API host for a "docker.io" name. */
const apiHost = (registry: string) =>
  registry === 'docker.io' || registry === 'index.docker.io' ? 'registry-1.docker.io' : registry;

interface ClientOptions {
  credential: (registry: string) => Promise<Credential | undefined>;
  /** Registries the engine treats as insecure (plain HTTP allowed) besides loopback. */
  insecure?: (registry: string) => boolean;
  fetch?: typeof fetch;
}

const networkReason = (err: unknown): string => {
  const cause = (err as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? (err as Error).message;
};

/** A certificate the system does not trust (unknown CA, self-signed, wrong name), not a plain-HTTP server. */
const isCertificateFailure = (err: unknown): boolean =>
  /CERT|self.signed|unable to verify|UNABLE_TO|ERR_TLS_CERT/i.test(networkReason(err));

/**
 * A Distribution v2 registry client for browsing: catalog, tags and
 * manifests, with the registry's basic or bearer-token auth (the
 * challenge in `WWW-Authenticate` says which) and `Link` pagination.
 * Tries HTTPS first; plain HTTP only for hosts the engine would also use
 * it for (loopback, insecure registries).
 */
export class RegistryClient {
  private schemes = new Map<string, 'https' | 'http'>();
  private readonly fetchImpl: typeof fetch;

  constructor(private readonly opts: ClientOptions) {
    this.fetchImpl = opts.fetch ?? fetch;
  }

  async repositories(registry: string, n: number, last?: string): Promise<Page<string>> {
    const query = new URLSearchParams({ n: String(n), ...(last ? { last } : {}) });
    const { body, link } = await this.getJson<{ repositories?: string[] }>(registry, `/v2/_catalog?${query}`);
    return this.page(body.repositories ?? [], link);
  }

  async tags(registry: string, repository: string, n: number, last?: string): Promise<Page<string>> {
    const query = new URLSearchParams({ n: String(n), ...(last ? { last } : {}) });
    const { body, link } = await this.getJson<{ tags?: string[] | null }>(
      registry,
      `/v2/${repository}/tags/list?${query}`,
    );
    return this.page(body.tags ?? [], link);
  }

  async manifest(registry: string, repository: string, reference: string): Promise<ManifestFacts> {
    const res = await this.request(registry, `/v2/${repository}/manifests/${encodeURIComponent(reference)}`, {
      accept: MANIFEST_TYPES.join(', '),
    });
    const body = (await res.json()) as {
      mediaType?: string;
      manifests?: {
        digest: string;
        size: number;
        platform?: { os?: string; architecture?: string; variant?: string };
      }[];
      layers?: { digest: string; size: number }[];
      config?: { digest: string };
    };
    const digest = res.headers.get('docker-content-digest') ?? undefined;
    const mediaType = body.mediaType ?? res.headers.get('content-type') ?? 'unknown';
    if (body.manifests) {
      return {
        ...(digest ? { digest } : {}),
        mediaType,
        platforms: body.manifests.map((m) => ({
          platform: [m.platform?.os, m.platform?.architecture, m.platform?.variant].filter(Boolean).join('/') || '?',
          digest: m.digest,
          size: m.size,
        })),
      };
    }
    const layers = (body.layers ?? []).map((l) => ({ digest: l.digest, size: l.size }));
    const facts: ManifestFacts = {
      ...(digest ? { digest } : {}),
      mediaType,
      layers,
      size: layers.reduce((sum, l) => sum + l.size, 0),
    };
    if (body.config?.digest) {
      const config = await this.request(registry, `/v2/${repository}/blobs/${body.config.digest}`, {});
      const c = (await config.json()) as { created?: string; os?: string; architecture?: string; variant?: string };
      if (c.created) facts.created = c.created;
      if (c.os) facts.platform = [c.os, c.architecture, c.variant].filter(Boolean).join('/');
    }
    return facts;
  }

  private page(items: string[], link: string | undefined): Page<string> {
    if (!link) return { items };
    const last = new URL(link, 'http://x').searchParams.get('last');
    return last ? { items, next: last } : { items };
  }

  private async getJson<T>(registry: string, path: string): Promise<{ body: T; link?: string }> {
    const res = await this.request(registry, path, { accept: 'application/json' });
    const link = nextLink(res.headers.get('link'));
    return { body: (await res.json()) as T, ...(link ? { link } : {}) };
  }

  /** One GET with auth: anonymous first, then what the 401 challenge asks for. */
  private async request(registry: string, path: string, headers: Record<string, string>): Promise<Response> {
    let res = await this.send(registry, path, headers);
    if (res.status === 401) {
      const challenges = parseWwwAuthenticate(res.headers.get('www-authenticate') ?? '');
      const credential = await this.opts.credential(registry);
      const bearer = challenges.find((c) => c.scheme === 'bearer');
      const basic = challenges.find((c) => c.scheme === 'basic');
      let authorization: string | undefined;
      if (bearer?.params.realm) authorization = `Bearer ${await this.token(registry, bearer.params, credential)}`;
      else if (basic && credential) {
        authorization = `Basic ${Buffer.from(`${credential.username}:${credential.password}`).toString('base64')}`;
      }
      if (authorization) {
        await res.body?.cancel();
        res = await this.send(registry, path, { ...headers, authorization });
      }
    }
    if (res.ok) return res;
    const text = await res.text().catch(() => '');
    const said = registryErrorText(text) ?? `${res.status} ${res.statusText}`;
    const details = { registry, status: String(res.status), path };
    if (res.status === 401 || res.status === 403) {
      throw new ApiError('UNAUTHORIZED', `${registry} refused: ${said}`, { ...details, kind: 'registry' });
    }
    if (res.status === 404)
      throw new ApiError('NOT_FOUND', `${registry}: ${said}`, { ...details, kind: 'registryPath' });
    throw new ApiError('ENGINE_ERROR', `${registry} answered ${said}`, details);
  }

  /** A bearer token from the challenge's realm, with the login as basic auth when there is one. */
  private async token(
    registry: string,
    params: Record<string, string>,
    credential: Credential | undefined,
  ): Promise<string> {
    const url = new URL(params.realm as string);
    if (params.service) url.searchParams.set('service', params.service);
    if (params.scope) url.searchParams.set('scope', params.scope);
    const headers: Record<string, string> = { accept: 'application/json' };
    if (credential) {
      headers.authorization = `Basic ${Buffer.from(`${credential.username}:${credential.password}`).toString('base64')}`;
    }
    let res: Response;
    try {
      res = await this.fetchImpl(url, { headers, signal: AbortSignal.timeout(TIMEOUT_MS), redirect: 'error' });
    } catch (err) {
      throw new ApiError('ENGINE_ERROR', `the token server ${url.host} could not be reached (${networkReason(err)})`, {
        kind: 'registryUnreachable',
        registry,
      });
    }
    if (res.status === 401 || res.status === 403) {
      throw new ApiError('UNAUTHORIZED', `${url.host} refused the login for ${registry}`, {
        kind: 'registry',
        registry,
      });
    }
    const body = (await res.json().catch(() => ({}))) as { token?: string; access_token?: string };
    const token = body.token ?? body.access_token;
    if (!res.ok || !token) {
      throw new ApiError('ENGINE_ERROR', `the token server ${url.host} answered ${res.status} without a token`, {
        registry,
      });
    }
    return token;
  }

  private async send(registry: string, path: string, headers: Record<string, string>): Promise<Response> {
    const host = apiHost(registry);
    const known = this.schemes.get(host);
    const plainAllowed = isLoopbackHost(host) || (this.opts.insecure?.(host) ?? false);
    const order: ('https' | 'http')[] = known ? [known] : plainAllowed ? ['https', 'http'] : ['https'];
    let lastError: unknown;
    let certificateError: unknown;
    for (const scheme of order) {
      try {
        const res = await this.fetchImpl(`${scheme}://${host}${path}`, {
          headers,
          signal: AbortSignal.timeout(TIMEOUT_MS),
        });
        this.schemes.set(host, scheme);
        return res;
      } catch (err) {
        lastError = err;
        if (scheme === 'https' && isCertificateFailure(err)) certificateError = err;
      }
    }
    if (certificateError !== undefined) {
      throw new ApiError('ENGINE_ERROR', `${registry}: ${networkReason(certificateError)}`, { kind: 'tls', registry });
    }
    throw new ApiError('ENGINE_ERROR', `${registry} could not be reached (${networkReason(lastError)})`, {
      kind: 'registryUnreachable',
      registry,
    });
  }
}

/** The first message of a registry's `{"errors":[{code,message}]}` body. */
const registryErrorText = (text: string): string | undefined => {
  try {
    const body = JSON.parse(text) as { errors?: { code?: string; message?: string }[] };
    const e = body.errors?.[0];
    return e ? [e.code, e.message].filter(Boolean).join(': ') : undefined;
  } catch {
    return undefined;
  }
};

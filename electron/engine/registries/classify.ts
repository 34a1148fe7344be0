import { ApiError } from '../../../shared/contract/errors';
import { parseReference } from '../../../shared/contract/reference';

/** The registry host of a reference, as the engine would contact it. */
export const registryOf = (reference: string): string => {
  const parsed = parseReference(reference, { allowDigest: true });
  return parsed.ok && parsed.value.domain ? parsed.value.domain : 'docker.io';
};

const RULES: { test: RegExp; code: ApiError['code']; kind: string }[] = [
  { test: /x509:|certificate signed by unknown authority|tls: /i, code: 'ENGINE_ERROR', kind: 'tls' },
  { test: /server gave HTTP response to HTTPS client/i, code: 'ENGINE_ERROR', kind: 'httpToHttps' },
  {
    test: /no basic auth credentials|unauthorized|authentication required|denied: requested access|access to the resource is denied|insufficient_scope/i,
    code: 'UNAUTHORIZED',
    kind: 'registry',
  },
  {
    test: /pull access denied|repository does not exist|name unknown|repository .* not found/i,
    code: 'NOT_FOUND',
    kind: 'repository',
  },
  // Docker: "no matching manifest for linux/s390x in the manifest list entries"; Podman: "no image found in manifest list for architecture s390x".
  {
    test: /no matching manifest for .* in the manifest list|no image found in manifest list for/i,
    code: 'NOT_FOUND',
    kind: 'platform',
  },
  { test: /manifest unknown|manifest for .* not found|not found: manifest/i, code: 'NOT_FOUND', kind: 'tag' },
  { test: /An image does not exist locally with the tag|No such image/i, code: 'NOT_FOUND', kind: 'localImage' },
  {
    test: /connection refused|no such host|i\/o timeout|network is unreachable|no route to host|connection reset by peer|Client.Timeout|dial tcp/i,
    code: 'ENGINE_ERROR',
    kind: 'registryUnreachable',
  },
];

/** The platform a "no matching manifest" sentence names (Docker's "for linux/s390x", Podman's "architecture s390x, variant "", OS linux"). */
const platformIn = (message: string): string => {
  const docker = /no matching manifest for (\S+) in/i.exec(message);
  if (docker?.[1]) return docker[1];
  const podman = /architecture (\S+?), variant "([^"]*)", OS (\S+)/i.exec(message);
  if (podman) return [podman[3], podman[1], podman[2]].filter(Boolean).join('/');
  return '?';
};

/**
 * The engine's words about a registry failure → one ApiError whose
 * `details.kind` picks the sentence the UI shows (errors.<CODE>_<kind>),
 * with the reference and registry (and `context`, e.g. the platform asked
 * for) for its placeholders. Unknown words stay
 * an ENGINE_ERROR with the engine's message.
 */
export const classifyRegistryError = (
  message: string,
  reference: string,
  context: Record<string, string> = {},
): ApiError => {
  const registry = registryOf(reference);
  for (const rule of RULES) {
    if (!rule.test.test(message)) continue;
    const extra = rule.kind === 'platform' && !context.platform ? { platform: platformIn(message) } : {};
    return new ApiError(rule.code, message, { ...context, ...extra, kind: rule.kind, reference, registry });
  }
  return new ApiError('ENGINE_ERROR', message, { ...context, reference, registry });
};

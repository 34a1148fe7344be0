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
  { test: /manifest unknown|manifest for .* not found|not found: manifest/i, code: 'NOT_FOUND', kind: 'tag' },
  { test: /An image does not exist locally with the tag|No such image/i, code: 'NOT_FOUND', kind: 'localImage' },
  {
    test: /connection refused|no such host|i\/o timeout|network is unreachable|no route to host|connection reset by peer|Client.Timeout|dial tcp/i,
    code: 'ENGINE_ERROR',
    kind: 'registryUnreachable',
  },
];

/**
 * The engine's words about a registry failure → one ApiError whose
 * `details.kind` picks the sentence the UI shows (errors.<CODE>_<kind>),
 * with the reference and registry for its placeholders. Unknown words stay
 * an ENGINE_ERROR with the engine's message.
 */
export const classifyRegistryError = (message: string, reference: string): ApiError => {
  const registry = registryOf(reference);
  for (const rule of RULES) {
    if (rule.test.test(message)) return new ApiError(rule.code, message, { kind: rule.kind, reference, registry });
  }
  return new ApiError('ENGINE_ERROR', message, { reference, registry });
};

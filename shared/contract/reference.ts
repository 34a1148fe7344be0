/**
 * The Docker image reference grammar (distribution/reference), checked before
 * a tag reaches the engine so the dialog can say what is wrong as the user
 * types. Hand-written: the grammar is a handful of regular expressions, and
 * no maintained npm package implements the current rules (domain detection,
 * 128-character tags, 255-character names).
 *
 *   reference := name [ ":" tag ] [ "@" digest ]
 *   name      := [ domain "/" ] path-component { "/" path-component }
 *   domain    := host [ ":" port ]
 */

export type ReferenceProblem =
  | 'empty'
  | 'whitespace'
  | 'uppercase'
  | 'nameTooLong'
  | 'pathInvalid'
  | 'domainInvalid'
  | 'tagInvalid'
  | 'tagTooLong'
  | 'digestNotAllowed'
  | 'digestInvalid';

export interface ParsedReference {
  /** Registry host (with port), when the name starts with one. */
  domain?: string;
  /** Repository path without the domain, e.g. "library/busybox" or "team/app". */
  path: string;
  tag?: string;
  digest?: string;
}

export type ReferenceParse = { ok: true; value: ParsedReference } | { ok: false; problem: ReferenceProblem };

const PATH_COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const DOMAIN_COMPONENT = /^(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])$/;
const IPV6 = /^\[[0-9a-fA-F:.]+\]$/;
const TAG = /^[\w][\w.-]*$/;
const DIGEST = /^[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[a-zA-Z0-9=_-]{32,}$/;
export const MAX_TAG_LENGTH = 128;
export const MAX_NAME_LENGTH = 255;

/** Docker treats the first component as a registry host only if it has "." or ":", is "localhost", or has upper case. */
const looksLikeDomain = (first: string): boolean =>
  first.includes('.') || first.includes(':') || first === 'localhost' || first !== first.toLowerCase();

const validDomain = (domain: string): boolean => {
  const colon = domain.lastIndexOf(':');
  const hasPort = colon > domain.lastIndexOf(']');
  const host = hasPort ? domain.slice(0, colon) : domain;
  const port = hasPort ? domain.slice(colon + 1) : undefined;
  if (port !== undefined && !/^[0-9]+$/.test(port)) return false;
  if (IPV6.test(host)) return true;
  return host.split('.').every((c) => DOMAIN_COMPONENT.test(c));
};

export const parseReference = (input: string, opts: { allowDigest?: boolean } = {}): ReferenceParse => {
  const fail = (problem: ReferenceProblem): ReferenceParse => ({ ok: false, problem });
  if (input.length === 0) return fail('empty');
  if (/\s/.test(input)) return fail('whitespace');

  let rest = input;
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at !== -1) {
    if (!opts.allowDigest) return fail('digestNotAllowed');
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    if (!DIGEST.test(digest)) return fail('digestInvalid');
  }

  // A ":" after the last "/" starts the tag (a ":" before it is a registry port).
  let tag: string | undefined;
  const colon = rest.lastIndexOf(':');
  if (colon > rest.lastIndexOf('/')) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
    if (tag.length > MAX_TAG_LENGTH) return fail('tagTooLong');
    if (!TAG.test(tag)) return fail('tagInvalid');
  }

  if (rest.length === 0) return fail('pathInvalid');
  if (rest.length > MAX_NAME_LENGTH) return fail('nameTooLong');
  const parts = rest.split('/');
  let domain: string | undefined;
  if (parts.length > 1 && looksLikeDomain(parts[0] as string)) {
    domain = parts.shift() as string;
    if (!validDomain(domain)) return fail('domainInvalid');
  }
  for (const part of parts) {
    if (part !== part.toLowerCase()) return fail('uppercase');
    if (!PATH_COMPONENT.test(part)) return fail('pathInvalid');
  }
  return {
    ok: true,
    value: {
      ...(domain !== undefined ? { domain } : {}),
      path: parts.join('/'),
      ...(tag !== undefined ? { tag } : {}),
      ...(digest !== undefined ? { digest } : {}),
    },
  };
};

/** "busybox" → "busybox:latest": what the engine will call the tag. */
export const withDefaultTag = (reference: string): string => {
  const parsed = parseReference(reference);
  if (!parsed.ok || parsed.value.tag !== undefined) return reference;
  return `${reference}:latest`;
};

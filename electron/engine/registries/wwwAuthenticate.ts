/**
 * Parses an HTTP `WWW-Authenticate` header into its challenges, e.g.
 *   Bearer realm="https://auth.example/token",service="registry",scope="repository:a/b:pull"
 *   Basic realm="Registry Realm"
 * Hand-written (RFC 7235 auth-params, quoted strings with backslash escapes):
 * the npm parsers for this header are unmaintained or parse one scheme only,
 * and a registry sends both shapes.
 */
export interface Challenge {
  scheme: string;
  params: Record<string, string>;
}

const TOKEN = /[!#$%&'*+.^_`|~0-9A-Za-z-]+/y;

export const parseWwwAuthenticate = (header: string): Challenge[] => {
  const out: Challenge[] = [];
  let i = 0;
  const skip = () => {
    while (i < header.length && /[\s,]/.test(header[i] as string)) i++;
  };
  const token = (): string | undefined => {
    TOKEN.lastIndex = i;
    const m = TOKEN.exec(header);
    if (!m) return undefined;
    i = TOKEN.lastIndex;
    return m[0];
  };
  const quoted = (): string => {
    let value = '';
    i++; // opening quote
    while (i < header.length && header[i] !== '"') {
      if (header[i] === '\\' && i + 1 < header.length) i++;
      value += header[i];
      i++;
    }
    i++; // closing quote
    return value;
  };
  let current: Challenge | undefined;
  while (i < header.length) {
    skip();
    const start = i;
    const name = token();
    if (name === undefined) {
      i++; // a character no grammar allows here: skip it
      continue;
    }
    let j = i;
    while (j < header.length && header[j] === ' ') j++;
    if (current && header[j] === '=') {
      i = j + 1;
      while (header[i] === ' ') i++;
      const value = header[i] === '"' ? quoted() : (token() ?? '');
      current.params[name.toLowerCase()] = value;
      continue;
    }
    if (i === start) break;
    current = { scheme: name.toLowerCase(), params: {} };
    out.push(current);
  }
  return out;
};

/** The `rel="next"` target of a `Link` header (RFC 8288), as registries paginate. */
export const nextLink = (header: string | null | undefined): string | undefined => {
  if (!header) return undefined;
  for (const part of header.split(/,(?=\s*<)/)) {
    const m = /^\s*<([^>]*)>(.*)$/.exec(part);
    if (m?.[1] !== undefined && /;\s*rel="?next"?/i.test(m[2] ?? '')) return m[1];
  }
  return undefined;
};

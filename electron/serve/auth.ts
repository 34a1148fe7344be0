import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { TOKEN_PARAM } from '../../shared/contract/channels';

export const newToken = (): string => randomBytes(24).toString('base64url');

const LOOPBACK_NAMES = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

/** "127.0.0.1:7420" → "127.0.0.1"; "[::1]:7420" → "[::1]". */
const hostnameOf = (hostHeader: string): string => {
  if (hostHeader.startsWith('[')) return hostHeader.slice(0, hostHeader.indexOf(']') + 1);
  return hostHeader.split(':')[0] ?? '';
};

export const isLoopbackAddress = (addr: string): boolean =>
  LOOPBACK_NAMES.has(addr) || /^127\.\d+\.\d+\.\d+$/.test(addr);

const tokensEqual = (a: string, b: string): boolean => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

export type Refusal = 'bad-host' | 'bad-origin' | 'bad-token';

/**
 * The cookie that carries the token after the first visit. Cookies are not
 * isolated by port, so its name holds the port the browser sees: two serve
 * instances (or tunnels) on one host keep their own.
 */
export const cookieNameFor = (hostHeader: string): string => {
  const port = /:(\d+)$/.exec(hostHeader)?.[1] ?? '80';
  return `lading_token_${port}`;
};

export const tokenCookie = (hostHeader: string, token: string): string =>
  `${cookieNameFor(hostHeader)}=${token}; HttpOnly; SameSite=Strict; Path=/`;

const cookieValue = (header: string | undefined, name: string): string | undefined => {
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
};

/** Where the request carries the token: the URL (first visit, tools) or the cookie (the app). */
export const tokenSource = (req: IncomingMessage, token: string): 'query' | 'cookie' | null => {
  const url = new URL(req.url ?? '/', 'http://localhost');
  if (tokensEqual(url.searchParams.get(TOKEN_PARAM) ?? '', token)) return 'query';
  const fromCookie = cookieValue(req.headers.cookie, cookieNameFor(req.headers.host ?? ''));
  return fromCookie !== undefined && tokensEqual(fromCookie, token) ? 'cookie' : null;
};

/**
 * Decides whether a request may be served. The Host header must name a
 * loopback address (against DNS rebinding), the Origin, when sent, must be
 * that same host (another site open in the browser cannot connect) and the
 * token must match, from the URL or the cookie. Same-origin rather than a fixed port, so an SSH tunnel on another
 * local port still works.
 */
export const checkRequest = (req: IncomingMessage, token: string): Refusal | null => {
  const host = req.headers.host ?? '';
  if (!isLoopbackAddress(hostnameOf(host))) return 'bad-host';
  const origin = req.headers.origin;
  if (origin !== undefined) {
    let originHost: string;
    try {
      originHost = new URL(origin).host;
    } catch {
      return 'bad-origin';
    }
    if (originHost !== host) return 'bad-origin';
  }
  return tokenSource(req, token) ? null : 'bad-token';
};

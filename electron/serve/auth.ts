import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { TOKEN_PARAM } from '../../shared/contract/protocol';

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
 * Decides whether a request may reach the API. The Host header must name a
 * loopback address (against DNS rebinding), the Origin must be that same
 * host (another site open in the browser cannot connect) and the token must
 * match. Same-origin rather than a fixed port, so an SSH tunnel on another
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
  const url = new URL(req.url ?? '/', 'http://localhost');
  const given = url.searchParams.get(TOKEN_PARAM) ?? '';
  return tokensEqual(given, token) ? null : 'bad-token';
};

import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { checkRequest, cookieNameFor, isLoopbackAddress, tokenSource } from '../../electron/serve/auth';

const req = (url: string, headers: Record<string, string>) => ({ url, headers }) as unknown as IncomingMessage;
const TOKEN = 'secret-token';

describe('serve-mode request check', () => {
  it('accepts the right token from the same loopback origin', () => {
    expect(
      checkRequest(req(`/api?token=${TOKEN}`, { host: '127.0.0.1:7420', origin: 'http://127.0.0.1:7420' }), TOKEN),
    ).toBeNull();
  });

  it('accepts an SSH tunnel on another local port (same origin as the page)', () => {
    expect(
      checkRequest(req(`/api?token=${TOKEN}`, { host: 'localhost:9000', origin: 'http://localhost:9000' }), TOKEN),
    ).toBeNull();
  });

  it('refuses a missing or wrong token', () => {
    expect(checkRequest(req('/api', { host: '127.0.0.1:7420' }), TOKEN)).toBe('bad-token');
    expect(checkRequest(req('/api?token=secret-tokeN', { host: '127.0.0.1:7420' }), TOKEN)).toBe('bad-token');
  });

  it('refuses another site’s origin even with the token', () => {
    expect(
      checkRequest(req(`/api?token=${TOKEN}`, { host: '127.0.0.1:7420', origin: 'http://evil.example' }), TOKEN),
    ).toBe('bad-origin');
  });

  it('refuses a non-loopback Host header (DNS rebinding)', () => {
    expect(
      checkRequest(
        req(`/api?token=${TOKEN}`, { host: 'evil.example:7420', origin: 'http://evil.example:7420' }),
        TOKEN,
      ),
    ).toBe('bad-host');
  });

  it('knows loopback addresses', () => {
    expect(['127.0.0.1', '127.1.2.3', 'localhost', '::1'].every(isLoopbackAddress)).toBe(true);
    expect(['0.0.0.0', '192.168.1.2', 'example.com'].some(isLoopbackAddress)).toBe(false);
  });
});

describe('serve-mode token cookie', () => {
  it('names the cookie by the port the browser sees, so instances do not clash', () => {
    expect(cookieNameFor('127.0.0.1:7420')).toBe('lading_token_7420');
    expect(cookieNameFor('[::1]:9000')).toBe('lading_token_9000');
  });

  it('accepts the token from the cookie, and only the right one', () => {
    const withCookie = (cookie: string) => req('/', { host: '127.0.0.1:7420', cookie });
    expect(tokenSource(withCookie(`other=1; lading_token_7420=${TOKEN}`), TOKEN)).toBe('cookie');
    expect(tokenSource(withCookie(`lading_token_7421=${TOKEN}`), TOKEN)).toBeNull();
    expect(tokenSource(withCookie('lading_token_7420=nope'), TOKEN)).toBeNull();
    expect(tokenSource(req(`/?token=${TOKEN}`, { host: '127.0.0.1:7420' }), TOKEN)).toBe('query');
  });
});

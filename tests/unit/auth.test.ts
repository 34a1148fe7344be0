import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { checkRequest, isLoopbackAddress } from '../../electron/serve/auth';

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

import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { isRendererUrl, parseDevUrl } from '../../electron/shell/rendererUrl';

const index = '/opt/Lading/resources/app/dist/renderer/index.html';
const built = { kind: 'file' as const, indexHtml: index };

describe('which documents may call the API (Electron sender check)', () => {
  it('accepts the built index.html, whatever its query or hash', () => {
    const url = pathToFileURL(index).href;
    expect(isRendererUrl(built, url, 'linux')).toBe(true);
    expect(isRendererUrl(built, `${url}?x=1#images`, 'linux')).toBe(true);
  });

  it('refuses other files, remote pages and junk', () => {
    expect(isRendererUrl(built, pathToFileURL('/tmp/evil.html').href, 'linux')).toBe(false);
    expect(isRendererUrl(built, 'https://example.com/index.html', 'linux')).toBe(false);
    expect(isRendererUrl(built, 'not a url', 'linux')).toBe(false);
  });

  it('accepts only the dev server’s own origin in dev mode', () => {
    const dev = { kind: 'dev' as const, ...parseDevUrl('http://localhost:5173/') };
    expect(isRendererUrl(dev, 'http://localhost:5173/some/page', 'linux')).toBe(true);
    expect(isRendererUrl(dev, 'http://localhost:5174/', 'linux')).toBe(false);
    expect(() => parseDevUrl('file:///etc/passwd')).toThrow('must be http(s)');
  });
});

import { describe, expect, it } from 'vitest';
import { parseHash, routeHash } from '../../renderer/src/app/routeHash';

describe('route', () => {
  it('reads the view and its parameters from the hash', () => {
    expect(parseHash('#image/sha256%3Aabc/layers')).toEqual({ view: 'image', params: ['sha256:abc', 'layers'] });
    expect(parseHash('')).toEqual({ view: '', params: [] });
    expect(parseHash('#/images/')).toEqual({ view: 'images', params: [] });
  });

  it('round-trips parameters with slashes and colons', () => {
    const hash = routeHash('image', '127.0.0.1:5000/team/app:1', 'history');
    expect(parseHash(hash)).toEqual({ view: 'image', params: ['127.0.0.1:5000/team/app:1', 'history'] });
  });

  it('keeps a malformed escape as it is instead of throwing', () => {
    expect(parseHash('#images/%E0%A4%A')).toEqual({ view: 'images', params: ['%E0%A4%A'] });
  });
});

import { describe, expect, it } from 'vitest';
import { parseReference, withDefaultTag } from '../../shared/contract/reference';
import { splitTarget } from '../../electron/engine/images/tag';

const problem = (ref: string) => {
  const r = parseReference(ref);
  return r.ok ? null : r.problem;
};

describe('Docker reference grammar', () => {
  it('accepts what `docker tag` accepts', () => {
    for (const ok of [
      'busybox',
      'busybox:1.36',
      'team/app:v1.0_rc-2',
      'registry.example.com:5000/team/sub/app:latest',
      'localhost/app',
      'localhost:5000/app:1',
      '127.0.0.1:5000/a__b/c-d.e:X_y',
      '[::1]:5000/app:1',
      'a'.repeat(200),
      `app:${'t'.repeat(128)}`,
      'Registry.Example.com/app', // an upper-case first component is a host, as in Docker
    ]) {
      expect(problem(ok), ok).toBeNull();
    }
  });

  it('names what is wrong', () => {
    expect(problem('')).toBe('empty');
    expect(problem('my app')).toBe('whitespace');
    expect(problem('team/App')).toBe('uppercase');
    expect(problem('MyApp')).toBe('uppercase');
    expect(problem(`app:${'t'.repeat(129)}`)).toBe('tagTooLong');
    expect(problem('app:.hidden')).toBe('tagInvalid');
    expect(problem('app:-x')).toBe('tagInvalid');
    expect(problem('app:a/b')).toBe('domainInvalid'); // "app:a" reads as a host with a bad port
    expect(problem('-app')).toBe('pathInvalid');
    expect(problem('app-')).toBe('pathInvalid');
    expect(problem('a..b')).toBe('pathInvalid');
    expect(problem('a___b')).toBe('pathInvalid');
    expect(problem('host:port/app')).toBe('domainInvalid');
    expect(problem(`${'a'.repeat(256)}`)).toBe('nameTooLong');
    expect(problem(`app@sha256:${'a'.repeat(64)}`)).toBe('digestNotAllowed');
  });

  it('treats a colon before the last slash as a registry port, not a tag', () => {
    expect(parseReference('host:5000/app')).toEqual({ ok: true, value: { domain: 'host:5000', path: 'app' } });
    expect(splitTarget('host:5000/team/app')).toEqual({ repo: 'host:5000/team/app', tag: 'latest' });
    expect(splitTarget('host:5000/team/app:1.0')).toEqual({ repo: 'host:5000/team/app', tag: '1.0' });
    expect(withDefaultTag('busybox')).toBe('busybox:latest');
    expect(withDefaultTag('host:5000/busybox')).toBe('host:5000/busybox:latest');
    expect(withDefaultTag('busybox:1')).toBe('busybox:1');
  });
});

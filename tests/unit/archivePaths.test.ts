import { describe, expect, it } from 'vitest';
import { checkChanges } from '../../renderer/src/features/archives/changes';
import { archiveNameFor, parseReferences, withCompression } from '../../renderer/src/features/archives/paths';

describe('save paths', () => {
  it('names an archive of several images after the first and the count', () => {
    expect(archiveNameFor(['fixture/app:1.0', 'fixture/app:2.0'])).toBe('fixture_app_1.0_and_1_more.tar');
  });

  it('switches .tar and .tar.gz with the gzip choice', () => {
    expect(withCompression('/d/a.tar', true)).toBe('/d/a.tar.gz');
    expect(withCompression('/d/a.tar.gz', true)).toBe('/d/a.tar.gz');
    expect(withCompression('/d/a.tgz', false)).toBe('/d/a.tar');
    expect(withCompression('/d/a.tar.gz', false)).toBe('/d/a.tar');
  });

  it('reads references one per line (or separated by commas and spaces), once each', () => {
    expect(parseReferences(' a:1\nb:2, c:3\n\na:1 ')).toEqual(['a:1', 'b:2', 'c:3']);
  });
});

describe('--change lines', () => {
  it('accepts the instructions docker import allows, in any case, and names the first bad line', () => {
    expect(checkChanges('CMD ["sh"]\n\nenv A=1\nEXPOSE 80')).toEqual({ lines: ['CMD ["sh"]', 'env A=1', 'EXPOSE 80'] });
    expect(checkChanges('USER app\nRUN rm -rf /\nFROM x').invalid).toEqual({ line: 2, text: 'RUN rm -rf /' });
    expect(checkChanges('WORKDIR').invalid).toEqual({ line: 1, text: 'WORKDIR' });
  });
});

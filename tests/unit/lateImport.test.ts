import { describe, expect, it } from 'vitest';
import { isLateImport } from '../../electron/engine/archives/lateImport';

describe('the image a cancelled URL import makes', () => {
  const url = 'http://127.0.0.1:9/rootfs.tar';
  it('is the one with the engine’s default message for that URL and exactly the tag asked for', () => {
    const late = { url, reference: 'team/app:1' };
    expect(isLateImport({ Comment: `Imported from ${url}`, RepoTags: ['team/app:1'] }, late)).toBe(true);
    // Docker Hub names in either spelling.
    expect(
      isLateImport(
        { Comment: `Imported from ${url}`, RepoTags: ['busybox:1'] },
        { url, reference: 'docker.io/library/busybox:1' },
      ),
    ).toBe(true);
    expect(
      isLateImport({ Comment: `Imported from ${url}`, RepoTags: ['team/app:latest'] }, { url, reference: 'team/app' }),
    ).toBe(true);
  });
  it('is not another import, nor an image that has other tags by now', () => {
    const late = { url, reference: 'team/app:1' };
    expect(
      isLateImport({ Comment: 'Imported from http://127.0.0.1:9/other.tar', RepoTags: ['team/app:1'] }, late),
    ).toBe(false);
    expect(isLateImport({ Comment: `Imported from ${url}`, RepoTags: ['team/app:2'] }, late)).toBe(false);
    expect(isLateImport({ Comment: `Imported from ${url}`, RepoTags: ['team/app:1', 'mine:1'] }, late)).toBe(false);
    expect(isLateImport({ Comment: `Imported from ${url}`, RepoTags: null }, late)).toBe(false);
  });
  it('with a message of its own and no tag: that message, untagged', () => {
    const late = { url, message: 'nightly' };
    expect(isLateImport({ Comment: 'nightly', RepoTags: [] }, late)).toBe(true);
    expect(isLateImport({ Comment: 'nightly', RepoTags: ['<none>:<none>'] }, late)).toBe(true);
    expect(isLateImport({ Comment: 'nightly', RepoTags: ['x:1'] }, late)).toBe(false);
    expect(isLateImport({ Comment: `Imported from ${url}`, RepoTags: [] }, late)).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import {
  blobPath,
  dockerManifestFromOci,
  OciConversionError,
  repoTagFromName,
} from '../../electron/engine/archives/ociToDocker';

const d = (hex: string) => `sha256:${hex.repeat(64)}`;
const platform = { os: 'linux', architecture: 'amd64' };

const layout = (docs: Record<string, unknown>) => {
  const json = (p: string) => docs[p];
  const has = (p: string) => p in docs || p.endsWith('1'.repeat(64)) || p.endsWith('2'.repeat(64));
  return { json, has };
};

describe('repoTagFromName', () => {
  it('normalises names from annotations to a full repo:tag', () => {
    expect(repoTagFromName('team/app:1', true)).toBe('team/app:1');
    expect(repoTagFromName('team/app', false)).toBe('team/app:latest');
    expect(repoTagFromName('docker.io/library/busybox:1.36', false)).toBe('docker.io/library/busybox:1.36');
    expect(repoTagFromName('127.0.0.1:5000/x/y:2', false)).toBe('127.0.0.1:5000/x/y:2');
    expect(repoTagFromName('team/app:1@sha256:abc', false)).toBe('team/app:1');
  });

  it('finds no repository in a bare tag (Docker ≥ 25 ref.name) or an invalid name', () => {
    expect(repoTagFromName('1.0', true)).toBeUndefined();
    expect(repoTagFromName('Team/App:1', true)).toBeUndefined();
    expect(repoTagFromName(undefined, true)).toBeUndefined();
  });
});

describe('dockerManifestFromOci', () => {
  const manifest = {
    mediaType: 'application/vnd.oci.image.manifest.v1+json',
    config: { digest: d('c') },
    layers: [
      { mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip', digest: d('1') },
      { mediaType: 'application/vnd.oci.image.layer.v1.tar', digest: d('2') },
    ],
  };
  const docs = { [blobPath(d('a'))]: manifest, [blobPath(d('c'))]: { rootfs: {} } };

  it('points manifest.json at the blobs where they are, named from the annotation', () => {
    const { json, has } = layout(docs);
    const index = {
      manifests: [{ digest: d('a'), annotations: { 'org.opencontainers.image.ref.name': 'team/app:1' } }],
    };
    expect(dockerManifestFromOci(index, json, has, platform)).toEqual([
      {
        Config: `blobs/sha256/${'c'.repeat(64)}`,
        RepoTags: ['team/app:1'],
        Layers: [`blobs/sha256/${'1'.repeat(64)}`, `blobs/sha256/${'2'.repeat(64)}`],
      },
    ]);
  });

  it('prefers io.containerd.image.name, and merges two names of one manifest', () => {
    const { json, has } = layout(docs);
    const index = {
      manifests: [
        {
          digest: d('a'),
          annotations: { 'io.containerd.image.name': 'docker.io/team/app:1', 'org.opencontainers.image.ref.name': '1' },
        },
        { digest: d('a'), annotations: { 'org.opencontainers.image.ref.name': 'team/app:latest' } },
      ],
    };
    expect(dockerManifestFromOci(index, json, has, platform)[0]?.RepoTags).toEqual([
      'docker.io/team/app:1',
      'team/app:latest',
    ]);
  });

  it('picks the engine’s platform from a multi-platform index', () => {
    const arm = { ...manifest, config: { digest: d('e') } };
    const { json, has } = layout({
      ...docs,
      [blobPath(d('e'))]: {},
      [blobPath(d('b'))]: { arm },
      [blobPath(d('f'))]: arm,
      [blobPath(d('9'))]: {
        mediaType: 'application/vnd.oci.image.index.v1+json',
        manifests: [
          { digest: d('f'), platform: { os: 'linux', architecture: 'arm64' } },
          { digest: d('a'), platform: { os: 'linux', architecture: 'amd64' } },
        ],
      },
    });
    const index = {
      manifests: [
        {
          mediaType: 'application/vnd.oci.image.index.v1+json',
          digest: d('9'),
          annotations: { 'io.containerd.image.name': 'team/multi:1' },
        },
      ],
    };
    const [entry] = dockerManifestFromOci(index, json, has, platform);
    expect(entry?.Config).toBe(blobPath(d('c')));
    expect(entry?.RepoTags).toEqual(['team/multi:1']);
  });

  it('names a missing blob and a layer type the engine cannot load', () => {
    const index = { manifests: [{ digest: d('a') }] };
    const missing = () =>
      dockerManifestFromOci(
        index,
        (p) => docs[p],
        (p) => p in docs,
        platform,
      );
    expect(missing).toThrow(OciConversionError);
    expect(missing).toThrow(`blob ${d('1')}`);
    const encrypted = {
      ...manifest,
      layers: [{ mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip+encrypted', digest: d('1') }],
    };
    const { has } = layout(docs);
    expect(() =>
      dockerManifestFromOci(index, (p) => ({ ...docs, [blobPath(d('a'))]: encrypted })[p], has, platform),
    ).toThrow(/encrypted, which this engine cannot load/);
  });

  it('takes zstd layers (the repack decompresses them on the way), pointing at their blobs', () => {
    const index = { manifests: [{ digest: d('a') }] };
    const zstd = {
      ...manifest,
      layers: [{ mediaType: 'application/vnd.oci.image.layer.v1.tar+zstd', digest: d('1') }],
    };
    const { has } = layout(docs);
    const entries = dockerManifestFromOci(index, (p) => ({ ...docs, [blobPath(d('a'))]: zstd })[p], has, platform);
    expect(entries.map((e) => e.Layers)).toEqual([[blobPath(d('1'))]]);
  });
});

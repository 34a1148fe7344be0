/**
 * OCI image layout → docker-archive manifest.json, as pure functions over
 * the small JSON documents of the layout (index, manifests, configs). Layer
 * blobs never pass through here: the manifest.json we write points at them
 * where they already are in the tar (`blobs/sha256/<hex>`).
 */

export interface OciDescriptor {
  mediaType?: string;
  digest: string;
  size?: number;
  annotations?: Record<string, string>;
  platform?: { os?: string; architecture?: string; variant?: string };
}

interface OciIndex {
  manifests?: OciDescriptor[];
}

interface OciManifest {
  mediaType?: string;
  config?: OciDescriptor;
  layers?: OciDescriptor[];
  manifests?: OciDescriptor[];
}

/** One entry of a docker-archive's manifest.json. */
export interface DockerManifestEntry {
  Config: string;
  RepoTags: string[];
  Layers: string[];
}

export interface Platform {
  os: string;
  architecture: string;
}

export type OciProblem =
  | { kind: 'missing-blob'; digest: string; path: string }
  | { kind: 'bad-json'; path: string }
  | { kind: 'no-images' }
  | { kind: 'unsupported-layer'; digest: string; mediaType: string };

export class OciConversionError extends Error {
  constructor(readonly problem: OciProblem) {
    super(describeOciProblem(problem));
  }
}

export const describeOciProblem = (p: OciProblem): string => {
  switch (p.kind) {
    case 'missing-blob':
      return `the archive's index refers to blob ${p.digest}, but the archive has no ${p.path}`;
    case 'bad-json':
      return `${p.path} is not valid JSON`;
    case 'no-images':
      return 'index.json lists no image manifest';
    case 'unsupported-layer':
      return `layer ${p.digest} is ${p.mediaType}, which this engine cannot load`;
  }
};

const INDEX_TYPES = new Set([
  'application/vnd.oci.image.index.v1+json',
  'application/vnd.docker.distribution.manifest.list.v2+json',
]);

/**
 * Layer types that load: plain or gzip tars, which an engine ≥ 20.10
 * decompresses itself, and zstd tars, which the repack decompresses on the
 * way (see zstdLayer.ts).
 */
const LOADABLE_LAYER =
  /^application\/vnd\.(oci\.image\.layer\.v1\.tar(\+gzip|\+zstd)?|docker\.image\.rootfs\.diff\.tar(\.gzip)?)$/;

/** "sha256:abc…" → "blobs/sha256/abc…", the path of a blob in an OCI layout. */
export const blobPath = (digest: string): string => {
  const [alg, hex] = digest.split(':');
  return `blobs/${alg ?? ''}/${hex ?? ''}`;
};

const TAG = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;
const REPO = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?::[0-9]+)?(?:\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*$/;

/**
 * A name from an OCI annotation as a full `repo:tag` the engine accepts,
 * or undefined when it names no repository. `io.containerd.image.name` is a
 * full reference; `org.opencontainers.image.ref.name` is whatever the tool
 * wrote: skopeo and podman write a reference ("team/app:1"), Docker ≥ 25 and
 * the spec's examples a bare tag ("1"), which names no repository.
 */
export const repoTagFromName = (name: string | undefined, bareIsTag: boolean): string | undefined => {
  if (!name) return undefined;
  const ref = name.split('@')[0] ?? '';
  if (!ref) return undefined;
  const slash = ref.lastIndexOf('/');
  const colon = ref.lastIndexOf(':');
  const hasTag = colon > slash;
  if (bareIsTag && slash < 0 && !hasTag) return undefined;
  const repo = hasTag ? ref.slice(0, colon) : ref;
  const tag = hasTag ? ref.slice(colon + 1) : 'latest';
  if (!REPO.test(repo) || !TAG.test(tag)) return undefined;
  return `${repo}:${tag}`;
};

const namesOf = (annotations: Record<string, string> | undefined): string[] => {
  const full = repoTagFromName(annotations?.['io.containerd.image.name'], false);
  if (full) return [full];
  const ref = repoTagFromName(annotations?.['org.opencontainers.image.ref.name'], true);
  return ref ? [ref] : [];
};

/**
 * Builds manifest.json for an OCI layout. `json(path)` returns a small JSON
 * blob kept while streaming (undefined when the archive did not have it),
 * `has(path)` whether the tar held an entry of that name.
 */
export const dockerManifestFromOci = (
  index: unknown,
  json: (path: string) => unknown,
  has: (path: string) => boolean,
  platform: Platform,
): DockerManifestEntry[] => {
  const entries = new Map<string, DockerManifestEntry>();

  const read = (d: OciDescriptor): OciManifest => {
    const path = blobPath(d.digest);
    const doc = json(path);
    if (doc === undefined) throw new OciConversionError({ kind: 'missing-blob', digest: d.digest, path });
    if (typeof doc !== 'object' || doc === null) throw new OciConversionError({ kind: 'bad-json', path });
    return doc as OciManifest;
  };

  const pick = (candidates: OciDescriptor[]): OciDescriptor | undefined =>
    candidates.find((c) => c.platform?.os === platform.os && c.platform.architecture === platform.architecture) ??
    // Attestation manifests (BuildKit) say "unknown/unknown": never pick those.
    candidates.find((c) => c.platform?.architecture !== 'unknown');

  const visit = (d: OciDescriptor, names: string[], depth: number): void => {
    const doc = read(d);
    const isIndex = (d.mediaType && INDEX_TYPES.has(d.mediaType)) || (doc.manifests && !doc.config);
    if (isIndex) {
      const child = depth < 4 ? pick(doc.manifests ?? []) : undefined;
      if (child) visit(child, [...names, ...namesOf(child.annotations)], depth + 1);
      return;
    }
    if (!doc.config) throw new OciConversionError({ kind: 'bad-json', path: blobPath(d.digest) });
    const layers = (doc.layers ?? []).map((l) => {
      if (l.mediaType && !LOADABLE_LAYER.test(l.mediaType)) {
        throw new OciConversionError({ kind: 'unsupported-layer', digest: l.digest, mediaType: l.mediaType });
      }
      return blobPath(l.digest);
    });
    for (const [digest, path] of [doc.config, ...(doc.layers ?? [])].map((x) => [x.digest, blobPath(x.digest)])) {
      if (!has(path as string)) {
        throw new OciConversionError({ kind: 'missing-blob', digest: digest as string, path: path as string });
      }
    }
    const key = d.digest;
    const existing = entries.get(key);
    const tags = [...new Set([...(existing?.RepoTags ?? []), ...names])];
    entries.set(key, { Config: blobPath(doc.config.digest), RepoTags: tags, Layers: layers });
  };

  const manifests = (index as OciIndex | null)?.manifests ?? [];
  for (const d of manifests) visit(d, namesOf(d.annotations), 0);
  if (entries.size === 0) throw new OciConversionError({ kind: 'no-images' });
  return [...entries.values()];
};

import type { ArchiveContents } from './readArchive';

/** One layer of the image, in the config's order. */
export interface LayoutLayer {
  /** `rootfs.diff_ids[i]`: the uncompressed layer's digest. */
  diffId: string;
  /** The member of the archive that holds it (links resolved). */
  member: string;
}

export interface ImageConfig {
  rootfs?: { diff_ids?: string[] };
  history?: { created?: string; created_by?: string; comment?: string; empty_layer?: boolean }[];
}

export interface ImageLayout {
  config: ImageConfig;
  /** The config's digest (the image ID on Docker's classic store), when the archive names it. */
  configDigest?: string;
  layers: LayoutLayer[];
}

/** The archive is not an image archive Lading can read. */
export class LayoutError extends Error {}

interface ManifestEntry {
  Config?: string;
  Layers?: string[];
}
interface Descriptor {
  mediaType?: string;
  digest?: string;
  platform?: { os?: string; architecture?: string };
}
interface OciManifest {
  mediaType?: string;
  config?: Descriptor;
  layers?: Descriptor[];
  manifests?: Descriptor[];
}

const parse = <T>(contents: ArchiveContents, name: string): T | undefined => {
  const body = contents.json.get(name);
  if (!body) return undefined;
  try {
    return JSON.parse(body.toString('utf8')) as T;
  } catch {
    throw new LayoutError(`${name} is not valid JSON`);
  }
};

const blob = (digest: string | undefined): string => {
  const m = /^([a-z0-9]+):([a-f0-9]+)$/.exec(digest ?? '');
  if (!m) throw new LayoutError(`a descriptor has no usable digest (${String(digest)})`);
  return `blobs/${m[1]}/${m[2]}`;
};

const digestOfMember = (member: string): string | undefined => {
  const blobMatch = /^blobs\/([a-z0-9]+)\/([a-f0-9]+)$/.exec(member);
  if (blobMatch) return `${blobMatch[1]}:${blobMatch[2]}`;
  const legacy = /^([a-f0-9]{64})\.json$/.exec(member);
  return legacy ? `sha256:${legacy[1]}` : undefined;
};

const resolveLink = (contents: ArchiveContents, member: string): string => {
  let name = member;
  for (let hops = 0; hops < 16 && contents.links.has(name); hops++) name = contents.links.get(name)!;
  return name;
};

/** Prefers the image asked for (by config digest), then the first one. */
const pick = <T>(items: T[], digestOf: (item: T) => string | undefined, wanted: string | undefined): T | undefined =>
  (wanted ? items.find((i) => digestOf(i) === wanted) : undefined) ?? items[0];

const fromDockerManifest = (contents: ArchiveContents, wanted: string | undefined): ImageLayout | undefined => {
  const manifest = parse<ManifestEntry[]>(contents, 'manifest.json');
  if (!Array.isArray(manifest) || manifest.length === 0) return undefined;
  const entry = pick(manifest, (m) => (m.Config ? digestOfMember(m.Config) : undefined), wanted);
  if (!entry?.Config) throw new LayoutError('manifest.json names no config');
  const config = parse<ImageConfig>(contents, entry.Config);
  if (!config) throw new LayoutError(`the config ${entry.Config} is missing from the archive`);
  return assemble(
    contents,
    config,
    digestOfMember(entry.Config),
    (entry.Layers ?? []).map((l) => memberOf(l)),
  );
};

const memberOf = (name: string): string => name.replace(/^(\.\/)+/, '');

const fromOciIndex = (contents: ArchiveContents, wanted: string | undefined): ImageLayout | undefined => {
  let doc = parse<OciManifest>(contents, 'index.json');
  if (!doc) return undefined;
  // Follow nested indexes to an image manifest (the config digest is only known one level down).
  for (let depth = 0; depth < 4 && doc?.manifests; depth++) {
    const docs: OciManifest[] = doc.manifests
      .map((d: Descriptor) => parse<OciManifest>(contents, blob(d.digest)))
      .filter((m: OciManifest | undefined): m is OciManifest => m !== undefined);
    const images: OciManifest[] = docs.filter((m) => m.config && m.layers);
    const chosen: OciManifest | undefined =
      pick(images, (m) => m.config?.digest, wanted) ?? docs.find((m) => m.manifests !== undefined);
    if (!chosen) throw new LayoutError('index.json points to no manifest present in the archive');
    doc = chosen;
  }
  if (!doc?.config || !doc.layers) throw new LayoutError('no image manifest in the OCI layout');
  const config = parse<ImageConfig>(contents, blob(doc.config.digest));
  if (!config) throw new LayoutError(`the config ${doc.config.digest} is missing from the archive`);
  return assemble(
    contents,
    config,
    doc.config.digest,
    doc.layers.map((l) => blob(l.digest)),
  );
};

const assemble = (
  contents: ArchiveContents,
  config: ImageConfig,
  configDigest: string | undefined,
  members: string[],
): ImageLayout => {
  const diffIds = config.rootfs?.diff_ids ?? [];
  if (diffIds.length !== members.length) {
    throw new LayoutError(
      `the config lists ${diffIds.length} layers but the manifest ${members.length}; the archive is inconsistent`,
    );
  }
  const layers = diffIds.map((diffId, i) => {
    const member = resolveLink(contents, members[i]!);
    if (!contents.layers.has(member)) throw new LayoutError(`layer ${i + 1} (${member}) is missing from the archive`);
    return { diffId, member };
  });
  return { config, ...(configDigest ? { configDigest } : {}), layers };
};

/**
 * The image's layers in the config's order (`rootfs.diff_ids`), whatever
 * order the archive stored them in: from manifest.json (docker-archive,
 * engines ≤ 24, and ≥ 25 beside their OCI layout) or index.json (OCI).
 * `wanted` is the image's ID, to pick it when the archive holds several.
 */
export const imageLayout = (contents: ArchiveContents, wanted?: string): ImageLayout => {
  const layout = fromDockerManifest(contents, wanted) ?? fromOciIndex(contents, wanted);
  if (!layout) throw new LayoutError('the archive has neither manifest.json nor index.json');
  return layout;
};

/** The `created_by` of each non-empty history entry, aligned with the layers. */
export const layerCommands = (config: ImageConfig, layerCount: number): (string | undefined)[] => {
  const steps = (config.history ?? []).filter((h) => !h.empty_layer);
  // History can be shorter (squashed or imported images); align from the start as the engine does.
  return Array.from({ length: layerCount }, (_, i) => steps[i]?.created_by);
};

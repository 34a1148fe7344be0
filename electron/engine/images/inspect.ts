import type Docker from 'dockerode';
import type { ContainerUse, ImageConfigSummary, ImageDetails } from '../../../shared/contract/imageModels';
import type { ImageSummary } from '../../../shared/contract/models';
import { normaliseTags } from './tags';
import { imageOf } from '../refs';

/** The parts of `GET /images/{id}/json` we read (Docker and Podman agree on these). */
export interface InspectInfo {
  Id: string;
  RepoTags?: string[] | null;
  RepoDigests?: string[] | null;
  Parent?: string;
  Comment?: string;
  Created: string;
  DockerVersion?: string;
  Author?: string;
  Architecture?: string;
  Variant?: string;
  Os?: string;
  Size: number;
  Config?: {
    Cmd?: string[] | null;
    Entrypoint?: string[] | null;
    Env?: string[] | null;
    WorkingDir?: string;
    User?: string;
    ExposedPorts?: Record<string, unknown> | null;
    Volumes?: Record<string, unknown> | null;
    Labels?: Record<string, string> | null;
    OnBuild?: string[] | null;
  } | null;
  RootFS?: { Layers?: string[] | null };
}

export const inspectImage = async (docker: Docker, reference: string): Promise<InspectInfo> =>
  (await imageOf(docker, reference).inspect()) as unknown as InspectInfo;

export const platformOf = (info: InspectInfo): string =>
  [info.Os || 'unknown', info.Architecture || 'unknown', info.Variant].filter(Boolean).join('/');

const epochSeconds = (iso: string): number => {
  const ms = Date.parse(iso);
  return Number.isFinite(ms) ? Math.floor(ms / 1000) : 0;
};

/** The list entry for one inspected image, as `images.list` would give it. */
export const summaryFromInspect = (info: InspectInfo, containerNames: string[]): ImageSummary => {
  const repoTags = normaliseTags(info.RepoTags);
  return {
    id: info.Id,
    repoTags,
    repoDigests: (info.RepoDigests ?? []).filter((d) => !d.startsWith('<none>@')),
    created: epochSeconds(info.Created),
    size: info.Size,
    sharedSize: -1,
    labels: info.Config?.Labels ?? {},
    containers: containerNames.length,
    containerNames,
    dangling: repoTags.length === 0,
    platform: platformOf(info),
  };
};

/** The run settings of an inspected image, for the details panel and the import result. */
export const configSummary = (info: InspectInfo): ImageConfigSummary => {
  const c = info.Config ?? {};
  return {
    cmd: c.Cmd ?? null,
    entrypoint: c.Entrypoint ?? null,
    env: c.Env ?? [],
    workingDir: c.WorkingDir ?? '',
    user: c.User ?? '',
    exposedPorts: Object.keys(c.ExposedPorts ?? {}),
    volumes: Object.keys(c.Volumes ?? {}),
    labels: c.Labels ?? {},
    onBuild: c.OnBuild ?? [],
  };
};

export const detailsFromInspect = (info: InspectInfo, containers: ContainerUse[]): ImageDetails => ({
  id: info.Id,
  repoTags: normaliseTags(info.RepoTags),
  repoDigests: (info.RepoDigests ?? []).filter((d) => !d.startsWith('<none>@')),
  created: epochSeconds(info.Created),
  size: info.Size,
  platform: platformOf(info),
  author: info.Author ?? '',
  comment: info.Comment ?? '',
  parent: info.Parent ?? '',
  dockerVersion: info.DockerVersion ?? '',
  config: configSummary(info),
  layers: info.RootFS?.Layers?.length ?? 0,
  containers,
});

/**
 * Platform per image ID. An image ID names immutable content, so an entry
 * never goes stale; the cap only bounds memory on engines with huge churn.
 */
export class PlatformCache {
  private readonly known = new Map<string, string>();
  constructor(private readonly cap = 50_000) {}

  get(id: string): string | undefined {
    return this.known.get(id);
  }

  set(id: string, platform: string): void {
    if (this.known.size >= this.cap) this.known.clear();
    this.known.set(id, platform);
  }

  /** Fills in what is missing, a few inspects at a time; unknown IDs are left out. */
  async resolve(docker: Docker, ids: readonly string[], concurrency = 8): Promise<Record<string, string>> {
    const out: Record<string, string> = {};
    const missing = ids.filter((id) => {
      const hit = this.known.get(id);
      if (hit !== undefined) out[id] = hit;
      return hit === undefined;
    });
    let next = 0;
    const worker = async () => {
      while (next < missing.length) {
        const id = missing[next++] as string;
        try {
          const platform = platformOf(await inspectImage(docker, id));
          this.set(id, platform);
          out[id] = platform;
        } catch {
          // Gone since the list was fetched: the next patch removes its row.
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, missing.length) }, worker));
    return out;
  }
}

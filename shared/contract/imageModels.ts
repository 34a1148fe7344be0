/** Types of the images area (details, tag, remove, prune, disk usage). Plain JSON. */
import type { ApiErrorData } from './errors';
import type { ImageSummary } from './models';

/** A container that uses an image. */
export interface ContainerUse {
  id: string;
  name: string;
  /** "created", "running", "exited", … */
  state: string;
}

/** An image's run settings as inspect shows them (what Dockerfile instructions and --change set). */
export interface ImageConfigSummary {
  cmd: string[] | null;
  entrypoint: string[] | null;
  env: string[];
  workingDir: string;
  user: string;
  exposedPorts: string[];
  volumes: string[];
  labels: Record<string, string>;
  onBuild: string[];
}

/** What the details panel shows: `docker image inspect`, trimmed to what people read. */
export interface ImageDetails {
  id: string;
  repoTags: string[];
  repoDigests: string[];
  /** Seconds since the epoch. */
  created: number;
  size: number;
  /** "linux/amd64", "linux/arm/v7", … */
  platform: string;
  author: string;
  comment: string;
  parent: string;
  dockerVersion: string;
  config: ImageConfigSummary;
  /** Number of file-system layers (RootFS.Layers). */
  layers: number;
  containers: ContainerUse[];
}

/** What removing one reference will do, before doing it. */
export interface RemovePlanItem {
  reference: string;
  imageId: string;
  /**
   * "untag": the image stays (other tags keep it, or see keptBecause);
   * "delete": the image (and its unshared layers) goes; "refused": the
   * engine will refuse (see refusal).
   */
  action: 'untag' | 'delete' | 'refused';
  /** Tags the image keeps after this batch. */
  remainingTags: string[];
  containers: ContainerUse[];
  size: number;
  /** File-system layers of the image; a delete frees those no other image uses. */
  layers: number;
  /** Refused now, but force would let it through. */
  needsForce: boolean;
  /** Why the engine will refuse (action "refused"). */
  refusal?: RemoveRefusal;
  /** Why the image stays although its last tag goes (action "untag"). */
  keptBecause?: 'in-use-running' | 'has-children' | 'in-use';
  /** Image IDs deleted (action "delete"): the image, then untagged parents nothing else needs. */
  deletes?: string[];
}

/** Why the engine refused a removal, when we can tell. */
export type RemoveRefusal =
  /** A stopped/created container uses it: force removes it anyway. */
  | 'in-use'
  /** A running container uses it: cannot be forced. */
  | 'in-use-running'
  /** Other images are built on it: cannot be forced. */
  | 'has-children'
  /** Removing by ID an image with several tags: force removes them all. */
  | 'several-tags'
  | 'not-found'
  | 'other';

export type RemoveOutcome =
  | { reference: string; ok: true; untagged: string[]; deleted: string[] }
  | {
      reference: string;
      ok: false;
      error: ApiErrorData;
      refusal: RemoveRefusal;
      /** The containers named in a refusal, for the message. */
      containers: ContainerUse[];
      /** Whether trying again with force can succeed. */
      forceable: boolean;
    };

export interface CountProgress {
  done: number;
  total: number;
}

export interface PruneCandidate {
  id: string;
  repoTags: string[];
  size: number;
  created: number;
  /** Other images are built on it: the prune only removes its tags, the image stays. */
  untagOnly: boolean;
}

export interface PrunePreview {
  images: PruneCandidate[];
  /** Sum of the sizes of the candidates that go: an upper bound, since layers may be shared. */
  sizeUpperBound: number;
}

export interface PruneResult {
  /** IDs the engine deleted (images and their untagged parents). */
  deleted: string[];
  untagged: string[];
  spaceReclaimed: number;
}

/** `docker system df`, images part. */
export interface DiskUsage {
  images: number;
  /** Images used by at least one container. */
  active: number;
  /** Bytes on disk for all image layers, each layer once. */
  totalSize: number;
  /** What removing every unused image would free. */
  reclaimable: number;
  /** Per image ID: bytes shared with other images and bytes only it holds. */
  perImage: Record<string, { shared: number; unique: number }>;
  /** When it was computed (Unix ms). */
  computedAt: number;
}

/**
 * A change to the images list, pushed on the `images` topic: upserted images
 * carry their full current state; a tag in an upsert no longer belongs to any
 * other image (the engine moves tags without an `untag` event).
 */
export interface ImagesPatch {
  upserts: ImageSummary[];
  removed: string[];
  /** When containers changed: the new container names per image ID (images absent here have none). */
  containers?: Record<string, string[]>;
}

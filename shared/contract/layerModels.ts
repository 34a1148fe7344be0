/** Types of the layer explorer (methods/layers.ts). */

/** Progress of reading an image's layers. */
export interface LayersProgress {
  /** Bytes of the image archive read so far. */
  bytes: number;
  /** Expected archive size (the image's size: an estimate). */
  total?: number;
  totalIsEstimate?: boolean;
  bytesPerSecond: number;
  layersDone: number;
  /** Known from the image's inspect. */
  layersTotal?: number;
}

export interface LayerInfo {
  /** 0-based position, bottom layer first (the config's `rootfs.diff_ids` order). */
  index: number;
  /** The layer's diff ID (`sha256:…` of the uncompressed tar). */
  digest: string;
  /** The history step that made it (`created_by`), '' when unknown. */
  command: string;
  /** Entries that are not folders or whiteouts. */
  files: number;
  /** Sum of the sizes of its regular files (hard links once). */
  bytes: number;
  added: number;
  changed: number;
  removed: number;
  /** Bytes this layer writes that a later layer overwrites, deletes or hides. */
  wastedBytes: number;
}

export type WasteHow = 'overwritten' | 'deleted' | 'hidden';

export interface WastedPath {
  path: string;
  bytes: number;
  /** Position of the layer that wrote this version. */
  layer: number;
  /** Position of the layer that overwrote, deleted or hid it (an opaque folder). */
  removedIn: number;
  how: WasteHow;
}

export interface LayersSummary {
  imageId: string;
  /** What the user asked for (a tag or ID). */
  reference: string;
  /** Sum of file sizes over all layers. */
  totalBytes: number;
  /** Sum of the sizes of every version not in the final filesystem. */
  wastedBytes: number;
  /** 1 − wastedBytes / totalBytes (1 for an image without files). */
  efficiency: number;
  /** Distinct paths over all layers. */
  paths: number;
  layers: LayerInfo[];
  /** The biggest wasted versions (at most WASTE_LIST_LIMIT; the report has them all). */
  wasted: WastedPath[];
  wastedCount: number;
  /** True when answered from the cache. */
  cached: boolean;
  elapsedMs: number;
}

export const WASTE_LIST_LIMIT = 500;

export type EntryKind = 'file' | 'dir' | 'symlink' | 'hardlink' | 'other';
export type EntryStatus = 'added' | 'changed' | 'removed' | 'unchanged';

/** One row of the file tree, as of a layer. */
export interface TreeRow {
  /** Stable id of the path within this analysis. */
  id: number;
  name: string;
  path: string;
  kind: EntryKind;
  /** A file's size; for a folder, the total of what is shown below it. */
  size: number;
  mode: number;
  uid: number;
  gid: number;
  /** Symbolic or hard link target. */
  link?: string;
  status: EntryStatus;
  /** Position of the layer whose version is shown (for a removed entry: the layer it was in), −1 if none. */
  layer: number;
  /** This version is overwritten, deleted or hidden by a later layer. */
  wasted: boolean;
  hasChildren: boolean;
}

export interface FileContent {
  path: string;
  size: number;
  /** UTF-8 text (at most the cap), absent when the file is binary or not a regular file. */
  text?: string;
  binary: boolean;
  truncated: boolean;
  kind: EntryKind;
  link?: string;
}

export interface LayerSharing {
  index: number;
  /** Other local images that contain this layer (same layers up to and including it). */
  images: string[];
  count: number;
}

/** What `npm run analyze -- --json` prints and the UI exports. */
export interface AnalyzeReport {
  image: string;
  totalBytes: number;
  wastedBytes: number;
  efficiency: number;
  layers: { digest: string; command: string; files: number; bytes: number }[];
  wasted: { path: string; bytes: number; layer: number }[];
}

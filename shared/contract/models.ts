/** Domain types shared by main and renderer. Plain JSON: they cross both transports. */

export type EngineKind = 'docker' | 'podman' | 'unknown';

export interface EngineInfo {
  kind: EngineKind;
  /** Product version, e.g. "20.10.24" or "4.3.1". */
  version: string;
  apiVersion: string;
  os: string;
  arch: string;
  /** Where we connect: "unix:///var/run/docker.sock", "tcp://host:2376", … */
  host: string;
}

export type ConnectionStatus =
  /** First attempt in flight. */
  | 'connecting'
  | 'connected'
  /** Was connected (or the socket exists) and the engine stopped answering; retrying. */
  | 'disconnected'
  /** Nothing listens where we look: first-run screen. Still retrying. */
  | 'not-found';

export interface ConnectionState {
  status: ConnectionStatus;
  host: string;
  engine?: EngineInfo;
  /** Last failure, in the engine's or OS's words. */
  error?: string;
  /** When disconnected: milliseconds until the next attempt. */
  retryInMs?: number;
  /** Incremented on every successful (re)connection, so views know to refetch. */
  generation: number;
}

/** One image as the engine lists it (one entry per image ID, all its tags). */
export interface ImageSummary {
  /** Full ID, "sha256:…". */
  id: string;
  /** "repo:tag" references; empty for a dangling image. */
  repoTags: string[];
  repoDigests: string[];
  /** Seconds since the epoch. */
  created: number;
  /** Bytes, including layers shared with other images. */
  size: number;
  /** Bytes shared with other images, or -1 when the engine did not compute it. */
  sharedSize: number;
  labels: Record<string, string>;
  /** Containers (any state) created from this image. */
  containers: number;
  /** Names of those containers, for "in use by …" messages. */
  containerNames: string[];
  dangling: boolean;
  /** "linux/amd64"; only when the backend inspected the image (events), the list omits it. */
  platform?: string;
}

/** An engine image event (pull, tag, untag, delete, load, import, …). */
export interface ImageEvent {
  action: string;
  /** The image ID or reference the engine reported. */
  id: string;
  /** Unix ms. */
  time: number;
  /** The event's Actor.Attributes (a container commit names the new image in `imageID`). */
  attributes?: Record<string, string>;
}

export interface ByteProgress {
  /** Bytes moved so far. */
  bytes: number;
  /** Expected total, when known or estimated. */
  total?: number;
  /** True when `total` is an estimate (e.g. an archive's size from the image size). */
  totalIsEstimate?: boolean;
  /** Smoothed throughput. */
  bytesPerSecond: number;
}

export interface SaveResult {
  path: string;
  bytes: number;
}

export interface LoadResult {
  /** What the engine reported loading: "repo:tag" references, or image IDs for untagged images. */
  images: string[];
  bytes: number;
}

export interface FileSystemChoice {
  /** null when the user cancelled the dialog. */
  path: string | null;
}

export interface HostInfo {
  /** "desktop" in Electron, "serve" in the browser mode. */
  mode: 'desktop' | 'serve';
  /** True when the host can show a native save/open dialog. */
  nativeDialogs: boolean;
  /** Where saves go by default (the main side's file system). */
  defaultDirectory: string;
  platform: string;
  appVersion: string;
}

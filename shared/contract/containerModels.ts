import type { ContainerSummary, HistoryLine } from './archiveModels';
import type { ImageConfigSummary } from './imageModels';

/** One published port as the containers table shows it. */
export interface ContainerPort {
  containerPort: number;
  proto: string;
  /** "" when the engine picks the address (all interfaces). */
  hostIp: string;
  /** "" when not published, or when the engine picks a port it has not reported. */
  hostPort: string;
  /**
   * From the container's configuration (`HostConfig.PortBindings`), not from
   * a live binding: the container is not running, or the engine has no
   * network bridge to bind with.
   */
  configured: boolean;
}

/** A row of the containers view (`docker ps -a`). */
export interface ContainerRow extends ContainerSummary {
  /** Full image ID (sha256:…) the container was created from. */
  imageId: string;
  command: string;
  /** Unix ms. */
  created: number;
  ports: ContainerPort[];
}

/** Changes to the containers list, from the engine's container events. */
export type ContainersTopic = { kind: 'patch'; upserts: ContainerRow[]; removed: string[] } | { kind: 'resync' };

export interface LogEntry {
  stream: 'stdout' | 'stderr';
  text: string;
}

/** One answer of `containers.logs`: entries after the cursor, and where the next call starts. */
export interface LogsChunk {
  entries: LogEntry[];
  /** Pass back as `cursor` to get what follows; null when nothing was read yet. */
  cursor: string | null;
  running: boolean;
  /** The byte cap of one answer was reached: ask again at once for the rest. */
  more: boolean;
  /** The first answer was cut to the last `tail` entries. */
  truncated: boolean;
}

/** `docker diff` kinds: A added, C changed, D deleted. */
export type DiffKind = 'added' | 'changed' | 'deleted';
export interface DiffEntry {
  path: string;
  kind: DiffKind;
}

export interface CommitResult {
  imageId: string;
  /** The repository:tag given, when one was. */
  reference?: string;
  /** What `docker image inspect` says of the new image. */
  author: string;
  comment: string;
  config: ImageConfigSummary;
  /** `docker history`, newest first: the first line is the committed layer. */
  history: HistoryLine[];
}

export interface RunResult {
  id: string;
  name: string;
}

/** One problem found before the engine was asked, marked on its field. */
export type { FieldProblem as RunFieldProblem } from './runSpec';

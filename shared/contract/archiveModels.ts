import type { ImageConfigSummary } from './imageModels';
/** Types of the archive methods (save, load, import, export) and containers. Plain JSON. */

/**
 * Why a file is not a loadable image archive; carried as
 * `details.problem` of an INVALID_ARCHIVE error so the UI can say it in the
 * user's language.
 */
export type ArchiveProblem =
  | 'empty'
  | 'zip'
  | 'not-tar'
  | 'compressed-not-tar'
  | 'truncated'
  | 'damaged'
  | 'missing-blob'
  | 'not-image-archive'
  | 'unsupported'
  | 'engine-refused';

export const archiveProblems: readonly ArchiveProblem[] = [
  'empty',
  'zip',
  'not-tar',
  'compressed-not-tar',
  'truncated',
  'damaged',
  'missing-blob',
  'not-image-archive',
  'unsupported',
  'engine-refused',
];

/** One line of an image's history, as `docker history` shows it. */
export interface HistoryLine {
  /** Unix seconds. */
  created: number;
  createdBy: string;
  comment: string;
  size: number;
}

export interface ImportResult {
  /** The new image's ID, "sha256:…". */
  id: string;
  /** The reference it got ("repo:tag"), if one was asked for. */
  reference?: string;
  /** Its history: a single step, whatever the source had. */
  history: HistoryLine[];
  /** Layers of the new image: always one. */
  layers: number;
  /** The config that --change set (CMD, ENV, …), as inspect shows it. */
  config: ImageConfigSummary;
}

/** A container as the export picker lists it. */
export interface ContainerSummary {
  id: string;
  /** Names without the leading "/". */
  names: string[];
  image: string;
  /** "created", "running", "exited", … */
  state: string;
  status: string;
}

export interface ExportResult {
  path: string;
  bytes: number;
}

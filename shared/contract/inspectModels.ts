/** Types of one image's page (Inspect, History). Plain JSON. */

/** Any JSON value, as the engine answered it. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

/** One row of `docker history`, newest first as the CLI prints it. */
export interface HistoryEntry {
  /** The image this step made, or "<missing>" when it was built elsewhere (pulled or loaded). */
  id: string;
  /** Seconds since the epoch. */
  created: number;
  createdBy: string;
  size: number;
  comment: string;
  tags: string[];
  /**
   * 1-based index into RootFS.Layers (1 = the bottom layer) of the layer this step
   * wrote, or null for a step that only changed metadata (ENV, CMD, …) or when the
   * mapping cannot be told.
   */
  layer: number | null;
}

export interface ImageHistory {
  entries: HistoryEntry[];
  /** Whether every non-empty step could be tied to its layer. */
  layersMatched: boolean;
}

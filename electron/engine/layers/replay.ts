import { Kind, type LayerRecords } from './layerRecords';
import type { PathTable } from './pathTable';

/** Why a file version stopped being visible. */
export type WasteHow = 'overwritten' | 'deleted' | 'hidden';

/** A file version that occupies bytes in a layer but is not in the final filesystem. */
export interface WasteRecord {
  /** The path removed (for hard-linked data: the last of its names to go). */
  node: number;
  bytes: number;
  /** Position (0-based) of the layer that wrote the version. */
  layer: number;
  /** Position of the layer that overwrote, deleted or hid it. */
  removedIn: number;
  how: WasteHow;
}

/** Per-entry status codes. */
export const Status = { unchanged: 0, added: 1, changed: 2, removed: 3 } as const;

export interface LayerCounts {
  /** Entries that are not folders or whiteouts. */
  files: number;
  bytes: number;
  added: number;
  changed: number;
  removed: number;
}

/** The filesystem as of one layer, after replaying the layers up to it. */
export interface ReplayState {
  upTo: number;
  /** Per node: the position whose version is visible, or -1. */
  cur: Int32Array;
  /** Per node: that version's entry in its layer. */
  curEntry: Int32Array;
  /** Per node: 1 when the last replayed layer removed it. */
  removedNow: Uint8Array;
  /** Per node: what was there before the last layer removed it (position, entry), or -1. */
  removedPos: Int32Array;
  removedEntry: Int32Array;
  /** Per position, per entry: a Status code. */
  status: Uint8Array[];
  counts: LayerCounts[];
  /** Only when asked to record: every wasted version. */
  waste: WasteRecord[];
  /** Per position, per entry: 1 when that version is waste (only when recording). */
  wasted: Uint8Array[];
}

/**
 * Replays layers 0…upTo over one path table, as overlayfs stacks them:
 * in each layer, whiteouts and opaque markers first remove what lower
 * layers put there, then its entries are laid on top. Every version that
 * leaves the view on the way is waste, except that hard-linked data goes
 * only when its last name goes (and is counted once). The version visible
 * at the end is never waste.
 */
export const replay = (
  paths: PathTable,
  layers: readonly LayerRecords[],
  upTo: number,
  record: boolean,
): ReplayState => {
  const n = paths.size;
  const cur = new Int32Array(n).fill(-1);
  const curEntry = new Int32Array(n).fill(-1);
  const removedNow = new Uint8Array(n);
  const removedPos = new Int32Array(n).fill(-1);
  const removedEntry = new Int32Array(n).fill(-1);
  const status: Uint8Array[] = [];
  const counts: LayerCounts[] = [];
  const waste: WasteRecord[] = [];
  const wasted: Uint8Array[] = [];
  /** Per position with hard links: remaining names of each linked file. */
  const names = new Map<number, Map<number, number>>();

  const namesOf = (pos: number): Map<number, number> => {
    let m = names.get(pos);
    if (!m) {
      m = new Map();
      const L = layers[pos]!;
      for (let e = 0; e < L.count; e++) {
        if (L.kind[e] !== Kind.hardlink) continue;
        const t = L.hardlinkTarget(e);
        if (t !== undefined) m.set(t, (m.get(t) ?? 1) + 1);
      }
      names.set(pos, m);
    }
    return m;
  };

  const removeVersion = (node: number, at: number, how: WasteHow): void => {
    const pos = cur[node]!;
    if (pos < 0) return;
    const entry = curEntry[node]!;
    cur[node] = -1;
    curEntry[node] = -1;
    if (at === upTo) {
      removedNow[node] = 1;
      removedPos[node] = pos;
      removedEntry[node] = entry;
    }
    const L = layers[pos]!;
    const kind = L.kind[entry]!;
    if (kind !== Kind.dir && how !== 'overwritten') counts[at]!.removed++;
    if (!record) return;
    let owner: number | undefined;
    if (kind === Kind.file) owner = entry;
    else if (kind === Kind.hardlink) owner = L.hardlinkTarget(entry);
    if (owner === undefined) return;
    if (L.hasHardlinks) {
      const m = namesOf(pos);
      const left = (m.get(owner) ?? 1) - 1;
      m.set(owner, left);
      if (left > 0) return; // another name still shows this data
    }
    const bytes = L.size[owner]!;
    wasted[pos]![entry] = 1;
    wasted[pos]![owner] = 1;
    if (bytes > 0) waste.push({ node, bytes, layer: pos, removedIn: at, how });
  };

  const removeBelow = (node: number, at: number, how: WasteHow): void => {
    paths.forEachDescendant(node, (d) => removeVersion(d, at, how));
  };

  for (let i = 0; i <= upTo && i < layers.length; i++) {
    const L = layers[i]!;
    const st = new Uint8Array(L.count);
    status.push(st);
    wasted.push(record ? new Uint8Array(L.count) : new Uint8Array(0));
    counts.push({ files: 0, bytes: L.fileBytes, added: 0, changed: 0, removed: 0 });
    const c = counts[i]!;
    // Deletions first: they only ever apply to lower layers.
    for (let e = 0; e < L.count; e++) {
      const kind = L.kind[e]!;
      if (kind === Kind.whiteout) {
        const node = L.node[e]!;
        st[e] = Status.removed;
        removeVersion(node, i, 'deleted');
        removeBelow(node, i, 'deleted');
        if (i === upTo) removedNow[node] = 1;
      } else if (kind === Kind.opaque) {
        st[e] = Status.removed;
        removeBelow(L.node[e]!, i, 'hidden');
      }
    }
    for (let e = 0; e < L.count; e++) {
      const kind = L.kind[e]!;
      if (kind === Kind.whiteout || kind === Kind.opaque) continue;
      const node = L.node[e]!;
      const isDir = kind === Kind.dir;
      if (!isDir) c.files++;
      const prev = cur[node]!;
      if (prev >= 0) {
        const prevKind = layers[prev]!.kind[curEntry[node]!]!;
        if (prevKind === Kind.dir && isDir) {
          // a folder's metadata again: nothing below it goes
        } else {
          removeVersion(node, i, 'overwritten');
          if (prevKind === Kind.dir) removeBelow(node, i, 'overwritten');
        }
        st[e] = Status.changed;
        if (!isDir) c.changed++;
      } else {
        st[e] = Status.added;
        if (!isDir) c.added++;
      }
      if (i === upTo) removedNow[node] = 0;
      cur[node] = i;
      curEntry[node] = e;
    }
  }
  return { upTo, cur, curEntry, removedNow, removedPos, removedEntry, status, counts, waste, wasted };
};

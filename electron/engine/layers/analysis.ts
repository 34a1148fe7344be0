import type {
  AnalyzeReport,
  EntryKind,
  EntryStatus,
  LayerInfo,
  LayersSummary,
  TreeRow,
  WastedPath,
} from '../../../shared/contract/layerModels';
import { WASTE_LIST_LIMIT } from '../../../shared/contract/layerModels';
import { Kind, KIND_NAMES, type LayerRecords } from './layerRecords';
import type { PathTable } from './pathTable';
import { replay, Status, type ReplayState, type WasteRecord } from './replay';

/** Bits of a node's flags in a view. */
const EXISTS = 1; // it or something below it is in the filesystem
const TOUCHED = 2; // it or something below it was added, changed or removed by the view's layer
const REMOVED = 4; // it or something below it was removed by the view's layer

interface View {
  state: ReplayState;
  flags: Uint8Array;
  /** Per node: bytes of the files shown at or below it (whole tree / only changes). */
  sizeAll: Float64Array;
  sizeChanged: Float64Array;
}

/** Views kept per analysis (each costs ~30 bytes per path). */
const VIEWS_KEPT = 3;

/** One image's layers, read once: queries for the UI and the CLI report. */
export class LayerAnalysis {
  readonly full: ReplayState;
  private readonly views = new Map<number, View>();

  constructor(
    readonly imageId: string,
    readonly paths: PathTable,
    /** In the config's order; the same records may appear twice (a repeated layer). */
    readonly layers: readonly LayerRecords[],
    readonly members: readonly string[],
    readonly diffIds: readonly string[],
    readonly commands: readonly (string | undefined)[],
  ) {
    this.full = replay(paths, layers, layers.length - 1, true);
  }

  get totalBytes(): number {
    return this.layers.reduce((sum, l) => sum + l.fileBytes, 0);
  }

  get wastedBytes(): number {
    return this.full.waste.reduce((sum, w) => sum + w.bytes, 0);
  }

  get efficiency(): number {
    const total = this.totalBytes;
    return total === 0 ? 1 : 1 - this.wastedBytes / total;
  }

  /** Waste, biggest first. */
  sortedWaste(): WasteRecord[] {
    return [...this.full.waste].sort((a, b) => b.bytes - a.bytes || a.node - b.node);
  }

  private wastedPath(w: WasteRecord): WastedPath {
    return { path: '/' + this.paths.path(w.node), bytes: w.bytes, layer: w.layer, removedIn: w.removedIn, how: w.how };
  }

  layerInfos(): LayerInfo[] {
    const wastedByLayer = new Float64Array(this.layers.length);
    for (const w of this.full.waste) wastedByLayer[w.layer]! += w.bytes;
    return this.layers.map((_, i) => {
      const c = this.full.counts[i]!;
      return {
        index: i,
        digest: this.diffIds[i] ?? '',
        command: this.commands[i] ?? '',
        files: c.files,
        bytes: c.bytes,
        added: c.added,
        changed: c.changed,
        removed: c.removed,
        wastedBytes: wastedByLayer[i]!,
      };
    });
  }

  summary(reference: string, cached: boolean, elapsedMs: number): LayersSummary {
    const waste = this.sortedWaste();
    return {
      imageId: this.imageId,
      reference,
      totalBytes: this.totalBytes,
      wastedBytes: this.wastedBytes,
      efficiency: this.efficiency,
      paths: this.paths.size - 1,
      layers: this.layerInfos(),
      wasted: waste.slice(0, WASTE_LIST_LIMIT).map((w) => this.wastedPath(w)),
      wastedCount: waste.length,
      cached,
      elapsedMs,
    };
  }

  /** The CI report: every wasted path, biggest first. */
  report(image: string): AnalyzeReport {
    return {
      image,
      totalBytes: this.totalBytes,
      wastedBytes: this.wastedBytes,
      efficiency: this.efficiency,
      layers: this.layerInfos().map((l) => ({ digest: l.digest, command: l.command, files: l.files, bytes: l.bytes })),
      wasted: this.sortedWaste().map((w) => ({ path: '/' + this.paths.path(w.node), bytes: w.bytes, layer: w.layer })),
    };
  }

  private view(layer: number): View {
    const k = Math.min(layer, this.layers.length - 1);
    const kept = this.views.get(k);
    if (kept) {
      this.views.delete(k);
      this.views.set(k, kept);
      return kept;
    }
    const state = k === this.layers.length - 1 ? this.full : replay(this.paths, this.layers, k, false);
    const n = this.paths.size;
    const flags = new Uint8Array(n);
    const sizeAll = new Float64Array(n);
    const sizeChanged = new Float64Array(n);
    for (let node = n - 1; node >= 1; node--) {
      const pos = state.cur[node]!;
      if (pos >= 0) {
        flags[node]! |= EXISTS;
        const own = this.layers[pos]!.size[state.curEntry[node]!]!;
        sizeAll[node]! += own;
        if (pos === k) {
          flags[node]! |= TOUCHED;
          sizeChanged[node]! += own;
        }
      }
      if (state.removedNow[node]) flags[node]! |= TOUCHED | REMOVED;
      const parent = this.paths.parent(node);
      flags[parent]! |= flags[node]!;
      sizeAll[parent]! += sizeAll[node]!;
      sizeChanged[parent]! += sizeChanged[node]!;
    }
    const v: View = { state, flags, sizeAll, sizeChanged };
    this.views.set(k, v);
    if (this.views.size > VIEWS_KEPT) this.views.delete(this.views.keys().next().value!);
    return v;
  }

  private visible(v: View, node: number, onlyChanges: boolean): boolean {
    return onlyChanges ? (v.flags[node]! & TOUCHED) !== 0 : (v.flags[node]! & (EXISTS | REMOVED)) !== 0;
  }

  private row(v: View, node: number, onlyChanges: boolean): TreeRow {
    const { state } = v;
    let pos = state.cur[node]!;
    let entry = state.curEntry[node]!;
    let status: EntryStatus = 'unchanged';
    if (pos >= 0) {
      if (pos === state.upTo) status = state.status[pos]![entry] === Status.changed ? 'changed' : 'added';
    } else if (state.removedNow[node]) {
      status = 'removed';
      pos = state.removedPos[node]!;
      entry = state.removedEntry[node]!;
    } else if (v.flags[node]! & TOUCHED) {
      status = 'changed'; // a folder without an entry of its own, with changes below
    }
    const L = pos >= 0 && entry >= 0 ? this.layers[pos] : undefined;
    const kindCode = L ? L.kind[entry]! : Kind.dir;
    const kind = (kindCode <= Kind.other ? KIND_NAMES[kindCode] : 'other') as EntryKind;
    const children = this.paths.children(node);
    let hasChildren = false;
    for (const c of children) {
      if (this.visible(v, c, onlyChanges)) {
        hasChildren = true;
        break;
      }
    }
    const link = L?.linkTarget(entry);
    const isFolder = kind === 'dir' || hasChildren;
    return {
      id: node,
      name: this.paths.name(node),
      path: '/' + this.paths.path(node),
      kind,
      size: isFolder
        ? (onlyChanges ? v.sizeChanged : v.sizeAll)[node]!
        : status === 'removed' && L
          ? L.size[entry]!
          : (v.sizeAll[node] ?? 0),
      mode: L ? L.mode[entry]! & 0o7777 : 0o755,
      uid: L ? L.uid[entry]! : 0,
      gid: L ? L.gid[entry]! : 0,
      ...(link !== undefined ? { link } : {}),
      status,
      layer: pos,
      wasted: L ? (this.full.wasted[pos]?.[entry] ?? 0) === 1 : false,
      hasChildren,
    };
  }

  /** A folder's visible children, folders first, then by name. */
  children(layer: number, onlyChanges: boolean, node: number): TreeRow[] {
    if (node >= this.paths.size) return [];
    const v = this.view(layer);
    const rows: TreeRow[] = [];
    for (const c of this.paths.children(node))
      if (this.visible(v, c, onlyChanges)) rows.push(this.row(v, c, onlyChanges));
    const folder = (r: TreeRow) => (r.kind === 'dir' || r.hasChildren ? 0 : 1);
    return rows.sort((a, b) => folder(a) - folder(b) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  /** Files (not folders) in a view whose path contains `text` and whose size is at least `minSize`. */
  search(layer: number, onlyChanges: boolean, text: string, minSize: number, limit: number) {
    const v = this.view(layer);
    const needle = text.toLowerCase();
    const found: number[] = [];
    for (let node = 1; node < this.paths.size; node++) {
      if (!this.visible(v, node, onlyChanges)) continue;
      const pos = v.state.cur[node]! >= 0 ? v.state.cur[node]! : v.state.removedPos[node]!;
      const entry = v.state.cur[node]! >= 0 ? v.state.curEntry[node]! : v.state.removedEntry[node]!;
      if (pos < 0 || entry < 0) continue;
      const L = this.layers[pos]!;
      if (L.kind[entry] === Kind.dir) continue;
      if (L.size[entry]! < minSize) continue;
      if (needle && !('/' + this.paths.path(node)).toLowerCase().includes(needle)) continue;
      found.push(node);
    }
    const rows = found.map((node) => this.row(v, node, onlyChanges));
    rows.sort((a, b) => b.size - a.size || (a.path < b.path ? -1 : 1));
    return { rows: rows.slice(0, limit), total: rows.length };
  }

  /**
   * Where a path's bytes are in a layer: the archive member and the tar
   * entry name to look for (a hard link resolved to the file it names).
   */
  locate(
    layer: number,
    path: string,
  ): { member: string; entryPath: string; kind: EntryKind; size: number; link?: string } | undefined {
    const L = this.layers[layer];
    const member = this.members[layer];
    const node = this.paths.find(path.replace(/^\/+/, '').replace(/\/+$/, ''));
    if (!L || member === undefined || node === undefined) return undefined;
    let entry = L.entryAt(node);
    if (entry === undefined) return undefined;
    let entryPath = this.paths.path(node);
    if (L.kind[entry] === Kind.hardlink) {
      const target = L.hardlinkTarget(entry);
      if (target !== undefined) {
        entry = target;
        entryPath = this.paths.path(L.node[target]!);
      }
    }
    const code = L.kind[entry]!;
    const link = L.linkTarget(entry);
    return {
      member,
      entryPath,
      kind: (code <= Kind.other ? KIND_NAMES[code] : 'other') as EntryKind,
      size: L.size[entry]!,
      ...(link !== undefined ? { link } : {}),
    };
  }
}

import { Growable } from './growable';
import { normalizePath, type PathTable } from './pathTable';

/** What a layer's tar entry does. */
export const Kind = {
  file: 0,
  dir: 1,
  symlink: 2,
  hardlink: 3,
  /** character/block device, fifo, anything else */
  other: 4,
  /** `.wh.NAME`: NAME (and everything below it) is deleted */
  whiteout: 5,
  /** `.wh..wh..opq`: the folder's contents from lower layers are hidden */
  opaque: 6,
} as const;
export type Kind = (typeof Kind)[keyof typeof Kind];

export const KIND_NAMES = ['file', 'dir', 'symlink', 'hardlink', 'other', 'whiteout', 'opaque'] as const;
export type KindName = (typeof KIND_NAMES)[number];

const WHITEOUT = '.wh.';
const OPAQUE = '.wh..wh..opq';

/** The tar header fields kept per entry. */
export interface EntryHeader {
  name: string;
  type?: string | null;
  size?: number | null;
  mode?: number | null;
  uid?: number | null;
  gid?: number | null;
  linkname?: string | null;
}

const kindOfType = (type: string | null | undefined): Kind => {
  switch (type) {
    case 'file':
    case 'contiguous-file':
    case null:
    case undefined:
      return Kind.file;
    case 'directory':
      return Kind.dir;
    case 'symlink':
      return Kind.symlink;
    case 'link':
      return Kind.hardlink;
    default:
      return Kind.other;
  }
};

/**
 * One layer's entries as parallel typed arrays (no object per entry):
 * the path node, size, mode, owner, kind and link target. Whiteouts are
 * stored on the node they delete; an opaque marker on its folder.
 */
export class LayerRecords {
  private readonly nodes = new Growable(Int32Array);
  private readonly sizes = new Growable(Float64Array);
  private readonly modes = new Growable(Uint32Array);
  private readonly uids = new Growable(Uint32Array);
  private readonly gids = new Growable(Uint32Array);
  private readonly kinds = new Growable(Uint8Array);
  private readonly links = new Growable(Int32Array);
  /** Link targets, once each. */
  readonly linkTargets: string[] = [];
  private readonly linkIds = new Map<string, number>();
  /** Set when done: the frozen arrays. */
  node!: Int32Array;
  size!: Float64Array;
  mode!: Uint32Array;
  uid!: Uint32Array;
  gid!: Uint32Array;
  kind!: Uint8Array;
  link!: Int32Array;
  /** Bytes of regular files (hard links are counted once: at their target). */
  fileBytes = 0;
  hasHardlinks = false;
  private byNode: Map<number, number> | undefined;

  constructor(private readonly paths: PathTable) {}

  get count(): number {
    return this.node ? this.node.length : this.nodes.length;
  }

  add(header: EntryHeader): void {
    const path = normalizePath(header.name);
    const slash = path.lastIndexOf('/');
    const base = slash === -1 ? path : path.slice(slash + 1);
    let kind = kindOfType(header.type);
    let node: number;
    if (base.startsWith(WHITEOUT)) {
      const dir = slash === -1 ? '' : path.slice(0, slash);
      if (base === OPAQUE) {
        kind = Kind.opaque;
        node = this.paths.intern(dir);
      } else if (base.startsWith(WHITEOUT + WHITEOUT)) {
        return; // aufs bookkeeping (.wh..wh.plnk, .wh..wh.aufs): not part of the image's files
      } else {
        kind = Kind.whiteout;
        const target = base.slice(WHITEOUT.length);
        node = this.paths.intern(dir === '' ? target : `${dir}/${target}`);
      }
    } else {
      if (path === '') return; // the "./" entry
      node = this.paths.intern(path);
    }
    const size = kind === Kind.file ? Math.max(0, header.size ?? 0) : 0;
    this.nodes.push(node);
    this.sizes.push(size);
    this.modes.push(header.mode ?? 0);
    this.uids.push(header.uid ?? 0);
    this.gids.push(header.gid ?? 0);
    this.kinds.push(kind);
    let link = -1;
    if ((kind === Kind.symlink || kind === Kind.hardlink) && header.linkname) {
      const target = kind === Kind.hardlink ? normalizePath(header.linkname) : header.linkname;
      link = this.linkIds.get(target) ?? -1;
      if (link === -1) {
        link = this.linkTargets.length;
        this.linkTargets.push(target);
        this.linkIds.set(target, link);
      }
    }
    if (kind === Kind.hardlink) this.hasHardlinks = true;
    this.links.push(link);
    this.fileBytes += size;
  }

  /** Freezes the arrays to their final length. */
  finish(): this {
    this.node = this.nodes.trimmed();
    this.size = this.sizes.trimmed();
    this.mode = this.modes.trimmed();
    this.uid = this.uids.trimmed();
    this.gid = this.gids.trimmed();
    this.kind = this.kinds.trimmed();
    this.link = this.links.trimmed();
    return this;
  }

  linkTarget(entry: number): string | undefined {
    const l = this.link[entry] ?? -1;
    return l === -1 ? undefined : this.linkTargets[l];
  }

  /** The last entry of this layer on a node (not a whiteout or opaque marker). */
  entryAt(node: number): number | undefined {
    if (!this.byNode) {
      this.byNode = new Map();
      for (let e = 0; e < this.count; e++) {
        const k = this.kind[e]!;
        if (k !== Kind.whiteout && k !== Kind.opaque) this.byNode.set(this.node[e]!, e);
      }
    }
    return this.byNode.get(node);
  }

  /** The regular file a hard link entry points to, in this layer (tar hard links point backwards). */
  hardlinkTarget(entry: number): number | undefined {
    const target = this.linkTarget(entry);
    if (target === undefined) return undefined;
    const node = this.paths.find(target);
    if (node === undefined) return undefined;
    const e = this.entryAt(node);
    return e !== undefined && this.kind[e] === Kind.file ? e : undefined;
  }
}

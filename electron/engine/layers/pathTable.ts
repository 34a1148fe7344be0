import { Growable } from './growable';

/** Segment ids fit in 24 bits of a numeric map key (see key()). */
const SEGMENT_SPACE = 1 << 24;

/**
 * Every path seen in any layer, once: a trie of interned segments in flat
 * arrays (node 0 is the root). A node's parent always has a smaller id, so a
 * reverse walk over ids visits children before parents (used for sizes).
 * Memory is a few numbers per distinct path, whatever the number of layers.
 */
export class PathTable {
  private readonly segments: string[] = [''];
  private readonly segmentIds = new Map<string, number>([['', 0]]);
  private readonly parents = new Growable(Int32Array);
  private readonly names = new Growable(Int32Array);
  private readonly lookup = new Map<number, number>();
  private childStart: Int32Array | undefined;
  private childList: Int32Array | undefined;

  constructor() {
    this.parents.push(-1);
    this.names.push(0);
  }

  get size(): number {
    return this.parents.length;
  }

  private segment(name: string): number {
    let id = this.segmentIds.get(name);
    if (id === undefined) {
      id = this.segments.length;
      if (id >= SEGMENT_SPACE) throw new Error('too many distinct file names in one image');
      this.segments.push(name);
      this.segmentIds.set(name, id);
    }
    return id;
  }

  private static key(parent: number, segment: number): number {
    return parent * SEGMENT_SPACE + segment;
  }

  /** The node for a normalized path ("a/b/c", "" for the root), created with its ancestors. */
  intern(path: string): number {
    if (path === '') return 0;
    let node = 0;
    let start = 0;
    for (;;) {
      const slash = path.indexOf('/', start);
      const part = slash === -1 ? path.slice(start) : path.slice(start, slash);
      const seg = this.segment(part);
      const k = PathTable.key(node, seg);
      let child = this.lookup.get(k);
      if (child === undefined) {
        child = this.parents.push(node);
        this.names.push(seg);
        this.lookup.set(k, child);
        this.childStart = undefined;
      }
      node = child;
      if (slash === -1) return node;
      start = slash + 1;
    }
  }

  /** The node for a path if any layer has it. */
  find(path: string): number | undefined {
    if (path === '') return 0;
    let node = 0;
    for (const part of path.split('/')) {
      const seg = this.segmentIds.get(part);
      if (seg === undefined) return undefined;
      const child = this.lookup.get(PathTable.key(node, seg));
      if (child === undefined) return undefined;
      node = child;
    }
    return node;
  }

  parent(node: number): number {
    return this.parents.array[node] ?? -1;
  }

  name(node: number): string {
    return this.segments[this.names.array[node] ?? 0] ?? '';
  }

  path(node: number): string {
    const parts: string[] = [];
    for (let n = node; n > 0; n = this.parent(n)) parts.push(this.name(n));
    return parts.reverse().join('/');
  }

  private buildChildren(): void {
    const count = this.size;
    const start = new Int32Array(count + 1);
    for (let n = 1; n < count; n++) start[(this.parents.array[n] ?? 0) + 1]!++;
    for (let n = 0; n < count; n++) start[n + 1]! += start[n]!;
    const fill = start.slice(0, count);
    const list = new Int32Array(Math.max(0, count - 1));
    for (let n = 1; n < count; n++) list[fill[this.parents.array[n] ?? 0]!++] = n;
    this.childStart = start;
    this.childList = list;
  }

  /** A node's children (ids), in the order first seen. */
  children(node: number): Int32Array {
    if (!this.childStart) this.buildChildren();
    return this.childList!.subarray(this.childStart![node], this.childStart![node + 1]);
  }

  /** Calls fn for every node strictly below `node`. */
  forEachDescendant(node: number, fn: (n: number) => void): void {
    const stack = [node];
    while (stack.length > 0) {
      const n = stack.pop()!;
      for (const c of this.children(n)) {
        fn(c);
        stack.push(c);
      }
    }
  }
}

/**
 * A tar member name as a path in the image: no leading "./" or "/", no
 * trailing "/", no empty or "." segments ("" is the root).
 */
export const normalizePath = (name: string): string => {
  let p = name;
  if (p.indexOf('//') !== -1 || p.indexOf('/./') !== -1) {
    p = p
      .split('/')
      .filter((s) => s !== '' && s !== '.')
      .join('/');
    return p;
  }
  while (p.startsWith('./')) p = p.slice(2);
  while (p.startsWith('/')) p = p.slice(1);
  while (p.endsWith('/')) p = p.slice(0, -1);
  if (p === '.') return '';
  return p;
};

/**
 * The inspect document as a tree of rows: which rows are shown for a set of
 * expanded nodes, search matches (and the ancestors to open for them), and
 * each node's path as people write it (`.Config.Env[2]`, `.Config.Labels["a.b"]`).
 */
import type { JsonValue } from '../../../../shared/contract/inspectModels';

export type PathPart = string | number;

export interface TreeNode {
  /** Stable key: the path's parts joined (unique per node). */
  id: string;
  path: PathPart[];
  depth: number;
  /** The key or index under the parent; null for the root. */
  label: PathPart | null;
  value: JsonValue;
  kind: 'object' | 'array' | 'string' | 'number' | 'boolean' | 'null';
  childCount: number;
  parentId: string | null;
}

const kindOf = (v: JsonValue): TreeNode['kind'] =>
  v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v === 'object' ? 'object' : (typeof v as TreeNode['kind']);

const IDENT = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** `.Config.Env[2]`, `.Config.Labels["org.opencontainers.image.title"]`; the root is `.`. */
export const pathString = (path: readonly PathPart[]): string => {
  if (path.length === 0) return '.';
  return path
    .map((p) => (typeof p === 'number' ? `[${p}]` : IDENT.test(p) ? `.${p}` : `[${JSON.stringify(p)}]`))
    .join('');
};

const nodeId = (path: readonly PathPart[]) => JSON.stringify(path);

/** Every node, depth first, children in document order (object keys as the engine sent them). */
export const flatten = (root: JsonValue): TreeNode[] => {
  const out: TreeNode[] = [];
  const visit = (value: JsonValue, path: PathPart[], label: PathPart | null, parentId: string | null) => {
    const kind = kindOf(value);
    const entries: [PathPart, JsonValue][] =
      kind === 'array'
        ? (value as JsonValue[]).map((v, i) => [i, v])
        : kind === 'object'
          ? Object.entries(value as Record<string, JsonValue>)
          : [];
    const id = nodeId(path);
    out.push({ id, path, depth: path.length, label, value, kind, childCount: entries.length, parentId });
    for (const [k, v] of entries) visit(v, [...path, k], k, id);
  };
  visit(root, [], null, null);
  return out;
};

/** A primitive as JSON shows it; containers as a short summary. */
export const valueText = (n: TreeNode): string =>
  n.kind === 'object' || n.kind === 'array' ? '' : JSON.stringify(n.value);

/** The text "Copy value" puts on the clipboard: a string bare, anything else as JSON. */
export const copyText = (n: TreeNode): string =>
  typeof n.value === 'string' ? n.value : JSON.stringify(n.value, null, 2);

export interface SearchResult {
  /** Ids of the nodes whose key or value contains the query. */
  matches: string[];
  /** Ids of every ancestor of a match (to expand). */
  ancestors: Set<string>;
}

export const search = (nodes: readonly TreeNode[], query: string): SearchResult => {
  const q = query.trim().toLowerCase();
  const matches: string[] = [];
  const ancestors = new Set<string>();
  if (!q) return { matches, ancestors };
  const byId = new Map(nodes.map((n) => [n.id, n]));
  for (const n of nodes) {
    const label = n.label === null ? '' : String(n.label).toLowerCase();
    const text = n.kind === 'object' || n.kind === 'array' ? '' : String(n.value).toLowerCase();
    if (label.includes(q) || text.includes(q)) {
      matches.push(n.id);
      for (let p = n.parentId; p !== null && !ancestors.has(p); p = byId.get(p)?.parentId ?? null) ancestors.add(p);
    }
  }
  return { matches, ancestors };
};

/**
 * The rows shown: a node is shown when all its ancestors are open. With
 * `only`, just the matches and their ancestors (a filter).
 */
export const visibleRows = (
  nodes: readonly TreeNode[],
  isOpen: (id: string) => boolean,
  only?: { matches: ReadonlySet<string>; ancestors: ReadonlySet<string> },
): TreeNode[] => {
  const out: TreeNode[] = [];
  const hiddenBelow: number[] = []; // depth at which a closed ancestor hides its subtree
  for (const n of nodes) {
    while (hiddenBelow.length && (hiddenBelow.at(-1) as number) >= n.depth) hiddenBelow.pop();
    if (hiddenBelow.length) continue;
    if (only && !only.matches.has(n.id) && !only.ancestors.has(n.id)) {
      hiddenBelow.push(n.depth);
      continue;
    }
    out.push(n);
    const container = n.kind === 'object' || n.kind === 'array';
    if (container && n.childCount > 0 && !isOpen(n.id)) hiddenBelow.push(n.depth);
  }
  return out;
};

/** Splits text around case-insensitive occurrences of the query, for <mark>. */
export const highlightParts = (text: string, query: string): { text: string; hit: boolean }[] => {
  const q = query.trim().toLowerCase();
  if (!q) return [{ text, hit: false }];
  const lower = text.toLowerCase();
  const parts: { text: string; hit: boolean }[] = [];
  let i = 0;
  for (let j = lower.indexOf(q); j >= 0; j = lower.indexOf(q, i)) {
    if (j > i) parts.push({ text: text.slice(i, j), hit: false });
    parts.push({ text: text.slice(j, j + q.length), hit: true });
    i = j + q.length;
  }
  if (i < text.length) parts.push({ text: text.slice(i), hit: false });
  return parts;
};

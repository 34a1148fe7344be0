import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { TreeRow } from '../../../../shared/contract/layerModels';
import { api } from '../../api/instance';
import { toErrorData } from '../../api/errorData';
import type { ApiErrorData } from '../../../../shared/contract/errors';

/** A row as shown: the entry and its depth in the tree. */
export interface FlatRow {
  row: TreeRow;
  depth: number;
}

export interface TreeQuery {
  imageId: string;
  layer: number;
  onlyChanges: boolean;
  /** Filters: a path substring and a minimum size; either one switches to a flat list of matches. */
  text: string;
  minSize: number;
}

const SEARCH_LIMIT = 2000;

/**
 * The file tree of one view (a layer, whole or only its changes): folders'
 * children are fetched from the backend when first expanded; the visible
 * rows are the expanded part, flattened for the virtualized list. With a
 * filter, a flat list of matching files instead (biggest first).
 */
export const useFileTree = (q: TreeQuery) => {
  const key = `${q.imageId}|${q.layer}|${q.onlyChanges}`;
  const [children, setChildren] = useState<Map<number, TreeRow[]>>(new Map());
  const [expanded, setExpanded] = useState<Set<number>>(new Set());
  const [matches, setMatches] = useState<{ rows: TreeRow[]; total: number } | null>(null);
  const [error, setError] = useState<ApiErrorData | null>(null);
  const [loading, setLoading] = useState(false);
  const current = useRef(key);
  const filtered = q.text.trim() !== '' || q.minSize > 0;

  const load = useCallback(
    async (node: number) => {
      const forKey = current.current;
      try {
        const { rows } = await api().call('layers.children', {
          imageId: q.imageId,
          layer: q.layer,
          onlyChanges: q.onlyChanges,
          node,
        });
        if (current.current === forKey) setChildren((m) => new Map(m).set(node, rows));
      } catch (err) {
        if (current.current === forKey) setError(toErrorData(err));
      }
    },
    [q.imageId, q.layer, q.onlyChanges],
  );

  // A new view starts collapsed, with the root's children.
  useEffect(() => {
    current.current = key;
    setChildren(new Map());
    setExpanded(new Set());
    setError(null);
    if (!q.imageId) return; // still reading the image
    setLoading(true);
    void load(0).finally(() => setLoading(false));
  }, [key, load, q.imageId]);

  // Filters query the backend as the user types (debounced).
  useEffect(() => {
    if (!filtered || !q.imageId) {
      setMatches(null);
      return;
    }
    let live = true;
    const timer = setTimeout(() => {
      api()
        .call('layers.search', {
          imageId: q.imageId,
          layer: q.layer,
          onlyChanges: q.onlyChanges,
          path: q.text.trim(),
          minSize: q.minSize,
          limit: SEARCH_LIMIT,
        })
        .then(
          (r) => live && setMatches(r),
          (err: unknown) => live && setError(toErrorData(err)),
        );
    }, 150);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [filtered, key, q.imageId, q.layer, q.onlyChanges, q.text, q.minSize]);

  const toggle = useCallback(
    (row: TreeRow, open?: boolean) => {
      if (!row.hasChildren) return;
      setExpanded((s) => {
        const next = new Set(s);
        const willOpen = open ?? !s.has(row.id);
        if (willOpen) next.add(row.id);
        else next.delete(row.id);
        return next;
      });
      if (!children.has(row.id)) void load(row.id);
    },
    [children, load],
  );

  const rows = useMemo<FlatRow[]>(() => {
    if (filtered) return (matches?.rows ?? []).map((row) => ({ row, depth: 0 }));
    const out: FlatRow[] = [];
    const walk = (node: number, depth: number) => {
      for (const row of children.get(node) ?? []) {
        out.push({ row, depth });
        if (expanded.has(row.id)) walk(row.id, depth + 1);
      }
    };
    walk(0, 0);
    return out;
  }, [filtered, matches, children, expanded]);

  return {
    rows,
    expanded,
    toggle,
    filtered,
    total: matches?.total ?? 0,
    searching: filtered && matches === null,
    loading,
    error,
  };
};

import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { JsonObject } from '../../../../shared/contract/inspectModels';
import { CopyButton } from './CopyButton';
import { FormatBox } from './FormatBox';
import {
  copyText,
  flatten,
  highlightParts,
  pathString,
  search,
  valueText,
  visibleRows,
  type TreeNode,
} from './jsonTree';

const ROW_HEIGHT = 24;

function Marked({ text, query }: { text: string; query: string }) {
  return (
    <>
      {highlightParts(text, query).map((p, i) =>
        p.hit ? <mark key={i}>{p.text}</mark> : <span key={i}>{p.text}</span>,
      )}
    </>
  );
}

const download = (name: string, text: string) => {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
};

/** `docker image inspect`, whole: a searchable, virtualized tree (or the raw JSON), and the format box. */
export function InspectTab({ raw, reference }: { raw: JsonObject; reference: string }) {
  const { t } = useTranslation();
  const nodes = useMemo(() => flatten(raw), [raw]);
  const byId = useMemo(() => new Map(nodes.map((n) => [n.id, n])), [nodes]);
  const rootId = nodes[0]?.id ?? '';
  const [open, setOpen] = useState<Set<string>>(() => new Set([rootId, JSON.stringify(['Config'])]));
  const [query, setQuery] = useState('');
  const [onlyMatches, setOnlyMatches] = useState(false);
  const [rawView, setRawView] = useState(false);
  const [activeId, setActiveId] = useState(rootId);
  const [matchIndex, setMatchIndex] = useState(0);
  const scrollRef = useRef<HTMLDivElement>(null);

  const found = useMemo(() => search(nodes, query), [nodes, query]);
  const matchSet = useMemo(() => new Set(found.matches), [found]);
  // A new search opens the way to every match (the user may close them again).
  useEffect(() => {
    if (found.ancestors.size === 0) return;
    setOpen((prev) => new Set([...prev, ...found.ancestors]));
    setMatchIndex(0);
    if (found.matches[0]) setActiveId(found.matches[0]);
  }, [found]);

  const rows = useMemo(
    () =>
      visibleRows(
        nodes,
        (id) => open.has(id),
        onlyMatches && query.trim() ? { matches: matchSet, ancestors: found.ancestors } : undefined,
      ),
    [nodes, open, onlyMatches, query, matchSet, found],
  );
  const activeIndex = Math.max(
    0,
    rows.findIndex((r) => r.id === activeId),
  );
  const active: TreeNode | undefined = rows[activeIndex];

  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    getItemKey: (i) => rows[i]?.id ?? i,
    overscan: 12,
  });

  useEffect(() => {
    virtualizer.scrollToIndex(activeIndex, { align: 'auto' });
  }, [activeIndex, virtualizer]);

  const toggle = (id: string, to?: boolean) =>
    setOpen((prev) => {
      const next = new Set(prev);
      const want = to ?? !next.has(id);
      if (want) next.add(id);
      else next.delete(id);
      return next;
    });

  const gotoMatch = (delta: number) => {
    if (!found.matches.length) return;
    const i = (matchIndex + delta + found.matches.length) % found.matches.length;
    setMatchIndex(i);
    const id = found.matches[i] as string;
    // Reopen the way if the user closed it since.
    setOpen((prev) => new Set([...prev, ...ancestorsOf(id)]));
    setActiveId(id);
  };

  const ancestorsOf = (id: string): string[] => {
    const out: string[] = [];
    for (let p = byId.get(id)?.parentId ?? null; p !== null; p = byId.get(p)?.parentId ?? null) out.push(p);
    return out;
  };

  const onTreeKey = (e: KeyboardEvent<HTMLDivElement>) => {
    if (!active) return;
    const container = active.kind === 'object' || active.kind === 'array';
    const isOpen = open.has(active.id);
    const mod = e.ctrlKey || e.metaKey;
    const go = (i: number) => {
      const r = rows[Math.max(0, Math.min(rows.length - 1, i))];
      if (r) setActiveId(r.id);
    };
    const page = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? 300) / ROW_HEIGHT) - 1);
    if (e.key === 'ArrowDown') go(activeIndex + 1);
    else if (e.key === 'ArrowUp') go(activeIndex - 1);
    else if (e.key === 'PageDown') go(activeIndex + page);
    else if (e.key === 'PageUp') go(activeIndex - page);
    else if (e.key === 'Home') go(0);
    else if (e.key === 'End') go(rows.length - 1);
    else if (e.key === 'ArrowRight') {
      if (container && !isOpen) toggle(active.id, true);
      else if (container && active.childCount) go(activeIndex + 1);
    } else if (e.key === 'ArrowLeft') {
      if (container && isOpen && active.childCount) toggle(active.id, false);
      else if (active.parentId) setActiveId(active.parentId);
    } else if ((e.key === 'Enter' || e.key === ' ') && container) toggle(active.id);
    else if (mod && e.key.toLowerCase() === 'c') {
      void navigator.clipboard?.writeText(e.shiftKey ? pathString(active.path) : copyText(active)).catch(() => {});
    } else return;
    e.preventDefault();
  };

  const summary = (n: TreeNode) =>
    n.kind === 'array'
      ? `[${t('image.inspect.items', { count: n.childCount })}]`
      : `{${t('image.inspect.keys', { count: n.childCount })}}`;
  const shortId = String(raw.Id ?? reference)
    .replace(/^sha256:/, '')
    .slice(0, 12);

  return (
    <div className="inspect">
      <FormatBox raw={raw} reference={reference} />
      <div className="toolbar inspect-toolbar" role="toolbar" aria-label={t('image.inspect.toolbar')}>
        <input
          type="search"
          aria-label={t('image.inspect.search')}
          placeholder={t('image.inspect.searchPlaceholder')}
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              gotoMatch(e.shiftKey ? -1 : 1);
            }
          }}
        />
        <span className="count" role="status">
          {query.trim()
            ? found.matches.length
              ? t('image.inspect.matchOf', { n: matchIndex + 1, count: found.matches.length })
              : t('image.inspect.noMatch')
            : ''}
        </span>
        <button type="button" disabled={!found.matches.length} onClick={() => gotoMatch(-1)}>
          {t('image.inspect.previous')}
        </button>
        <button type="button" disabled={!found.matches.length} onClick={() => gotoMatch(1)}>
          {t('image.inspect.next')}
        </button>
        <label className="check">
          <input type="checkbox" checked={onlyMatches} onChange={(e) => setOnlyMatches(e.target.checked)} />
          {t('image.inspect.onlyMatches')}
        </label>
      </div>
      <div className="inspect-selected" role="toolbar" aria-label={t('image.inspect.viewTools')}>
        {!rawView && active ? (
          <>
            <span className="muted">{t('image.inspect.selected')}</span>{' '}
            <code className="mono break">{pathString(active.path)}</code>
            <CopyButton text={copyText(active)} label={t('image.inspect.copyValue')}>
              {t('image.inspect.copyValueShort')}
            </CopyButton>
            <CopyButton text={pathString(active.path)} label={t('image.inspect.copyPath')}>
              {t('image.inspect.copyPathShort')}
            </CopyButton>
          </>
        ) : null}
        <span className="toolbar-gap" />
        <button type="button" onClick={() => setOpen(new Set(nodes.filter((n) => n.childCount > 0).map((n) => n.id)))}>
          {t('image.inspect.expandAll')}
        </button>
        <button type="button" onClick={() => setOpen(new Set([rootId]))}>
          {t('image.inspect.collapseAll')}
        </button>
        <button type="button" aria-pressed={rawView} onClick={() => setRawView(!rawView)}>
          {t('image.inspect.raw')}
        </button>
        <button type="button" onClick={() => download(`inspect-${shortId}.json`, `${JSON.stringify(raw, null, 2)}\n`)}>
          {t('image.inspect.download')}
        </button>
      </div>
      {rawView ? (
        <pre className="mono code-block inspect-raw" aria-label={t('image.inspect.rawLabel')} tabIndex={0}>
          {JSON.stringify(raw, null, 2)}
        </pre>
      ) : (
        <>
          <div
            ref={scrollRef}
            className="json-tree"
            translate="no"
            role="tree"
            aria-label={t('image.inspect.treeLabel')}
            aria-activedescendant={active ? `json-node-${activeIndex}` : undefined}
            aria-keyshortcuts="Control+C Control+Shift+C"
            tabIndex={0}
            onKeyDown={onTreeKey}
          >
            <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
              {virtualizer.getVirtualItems().map((item) => {
                const n = rows[item.index];
                if (!n) return null;
                const container = n.kind === 'object' || n.kind === 'array';
                const isOpen = open.has(n.id);
                const label = n.label === null ? t('image.inspect.root') : String(n.label);
                return (
                  <div
                    key={n.id}
                    id={`json-node-${item.index}`}
                    role="treeitem"
                    aria-level={n.depth + 1}
                    aria-expanded={container && n.childCount ? isOpen : undefined}
                    aria-selected={n.id === active?.id}
                    className={`json-row${n.id === active?.id ? ' active' : ''}${matchSet.has(n.id) ? ' match' : ''}`}
                    style={{
                      transform: `translateY(${item.start}px)`,
                      height: ROW_HEIGHT,
                      paddingLeft: 8 + n.depth * 16,
                    }}
                    onClick={() => {
                      setActiveId(n.id);
                      if (container) toggle(n.id);
                    }}
                  >
                    <span className="json-twisty" aria-hidden="true">
                      {container && n.childCount ? (isOpen ? '▾' : '▸') : ''}
                    </span>
                    <span className={typeof n.label === 'number' ? 'json-index' : 'json-key'}>
                      <Marked text={label} query={query} />
                    </span>
                    <span className="json-colon">: </span>
                    {container ? (
                      <span className="muted">{summary(n)}</span>
                    ) : (
                      <span className={`json-${n.kind}`}>
                        <Marked text={valueText(n)} query={query} />
                      </span>
                    )}
                  </div>
                );
              })}
            </div>
          </div>
        </>
      )}
    </div>
  );
}

import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useId, useRef, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { TreeRow } from '../../../../shared/contract/layerModels';
import { formatBytes } from '../../i18n/format';
import { modeString } from './modeString';
import type { FlatRow } from './useFileTree';

const ROW_HEIGHT = 26;
const MARK: Record<TreeRow['status'], string> = { added: '+', changed: '~', removed: '−', unchanged: '' };

interface Props {
  label: string;
  rows: FlatRow[];
  expanded: Set<number>;
  /** Shown as full paths (a filter's matches) rather than names in a tree. */
  flat: boolean;
  active: number;
  onActive(index: number): void;
  onToggle(row: TreeRow, open?: boolean): void;
  /** Enter on a file. */
  onOpen(row: TreeRow): void;
}

/**
 * The virtualized file tree (role tree): ↑/↓ move, → opens a folder or
 * goes to its first child, ← closes it or goes to its parent, Home/End,
 * Enter opens a file or toggles a folder. Marks: + added, ~ changed,
 * − deleted; "wasted" on versions a later layer overwrites or deletes.
 */
export function FileTree({ label, rows, expanded, flat, active, onActive, onToggle, onOpen }: Props) {
  const { t, i18n } = useTranslation();
  const baseId = useId();
  const scroller = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  });

  useEffect(() => {
    if (active >= 0 && active < rows.length) virtualizer.scrollToIndex(active, { align: 'auto' });
  }, [active, rows.length, virtualizer]);

  const move = (index: number) => onActive(Math.max(0, Math.min(rows.length - 1, index)));

  const onKeyDown = (e: KeyboardEvent) => {
    const current = rows[active];
    const page = Math.max(1, Math.floor((scroller.current?.clientHeight ?? 300) / ROW_HEIGHT) - 1);
    switch (e.key) {
      case 'ArrowDown':
        move(active + 1);
        break;
      case 'ArrowUp':
        move(active - 1);
        break;
      case 'PageDown':
        move(active + page);
        break;
      case 'PageUp':
        move(active - page);
        break;
      case 'Home':
        move(0);
        break;
      case 'End':
        move(rows.length - 1);
        break;
      case 'ArrowRight':
        if (!current || flat) return;
        if (current.row.hasChildren && !expanded.has(current.row.id)) onToggle(current.row, true);
        else if (current.row.hasChildren) move(active + 1);
        break;
      case 'ArrowLeft': {
        if (!current || flat) return;
        if (current.row.hasChildren && expanded.has(current.row.id)) {
          onToggle(current.row, false);
          break;
        }
        for (let i = active - 1; i >= 0; i--) {
          if (rows[i]!.depth < current.depth) {
            move(i);
            break;
          }
        }
        break;
      }
      case 'Enter':
        if (!current) return;
        if (current.row.hasChildren && !flat) onToggle(current.row);
        else onOpen(current.row);
        break;
      default:
        return;
    }
    e.preventDefault();
  };

  const activeRow = rows[active];
  return (
    <div
      ref={scroller}
      className="file-tree"
      role="tree"
      aria-label={label}
      tabIndex={0}
      aria-activedescendant={activeRow ? `${baseId}-${activeRow.row.id}` : undefined}
      onKeyDown={onKeyDown}
      onFocus={() => {
        if (active < 0 && rows.length > 0) onActive(0);
      }}
    >
      <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
        {virtualizer.getVirtualItems().map((item) => {
          const { row, depth } = rows[item.index]!;
          const open = expanded.has(row.id);
          const status = t(`layers.status.${row.status}`);
          const name = flat ? row.path : row.name;
          return (
            <div
              key={row.id}
              id={`${baseId}-${row.id}`}
              role="treeitem"
              // file names, modes and owners are data, not text to translate
              translate="no"
              aria-level={depth + 1}
              aria-expanded={row.hasChildren && !flat ? open : undefined}
              aria-selected={item.index === active}
              aria-label={[name, status, row.wasted ? t('layers.wastedMark') : ''].filter(Boolean).join(', ')}
              className={`tree-row status-${row.status}${item.index === active ? ' active' : ''}`}
              style={{
                position: 'absolute',
                top: 0,
                left: 0,
                right: 0,
                height: ROW_HEIGHT,
                transform: `translateY(${item.start}px)`,
              }}
              onClick={() => onActive(item.index)}
              onDoubleClick={() => (row.hasChildren && !flat ? onToggle(row) : onOpen(row))}
            >
              <span className="tree-mark" aria-hidden="true">
                {MARK[row.status]}
              </span>
              <span className="tree-name" style={{ paddingInlineStart: depth * 16 }}>
                {row.hasChildren && !flat ? (
                  <button
                    type="button"
                    className="tree-twisty"
                    tabIndex={-1}
                    aria-hidden="true"
                    onClick={(e) => {
                      e.stopPropagation();
                      onActive(item.index);
                      onToggle(row);
                    }}
                  >
                    {open ? '▾' : '▸'}
                  </button>
                ) : (
                  <span className="tree-twisty" aria-hidden="true" />
                )}
                <span className="tree-text">{name}</span>
                {row.link ? <span className="tree-link">{t('layers.linkTo', { target: row.link })}</span> : null}
                {row.wasted ? (
                  <span className="tree-wasted" title={t('layers.wastedMarkHint')}>
                    {t('layers.wastedMark')}
                  </span>
                ) : null}
              </span>
              <span className="tree-mode">{modeString(row.kind, row.mode)}</span>
              <span className="tree-owner">
                {row.uid}:{row.gid}
              </span>
              <span className="tree-size">{formatBytes(row.size, i18n.language)}</span>
            </div>
          );
        })}
      </div>
    </div>
  );
}

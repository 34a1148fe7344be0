import { useRef, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { LayerInfo, LayerSharing } from '../../../../shared/contract/layerModels';
import { formatBytes } from '../../i18n/format';

interface Props {
  layers: LayerInfo[];
  sharing: LayerSharing[] | null;
  selected: number;
  onSelect(index: number): void;
}

/** The image's layers, bottom first (a listbox: ↑/↓, Home/End select). */
export function LayerList({ layers, sharing, selected, onSelect }: Props) {
  const { t, i18n } = useTranslation();
  const list = useRef<HTMLUListElement>(null);
  const fmt = (n: number) => formatBytes(n, i18n.language);

  const onKeyDown = (e: KeyboardEvent) => {
    const next =
      e.key === 'ArrowDown'
        ? selected + 1
        : e.key === 'ArrowUp'
          ? selected - 1
          : e.key === 'Home'
            ? 0
            : e.key === 'End'
              ? layers.length - 1
              : null;
    if (next === null) return;
    e.preventDefault();
    const index = Math.max(0, Math.min(layers.length - 1, next));
    onSelect(index);
    list.current?.querySelector(`[data-index="${index}"]`)?.scrollIntoView({ block: 'nearest' });
  };

  return (
    <ul
      ref={list}
      className="layer-list"
      role="listbox"
      aria-label={t('layers.listLabel')}
      tabIndex={0}
      aria-activedescendant={`layer-option-${selected}`}
      onKeyDown={onKeyDown}
    >
      {layers.map((l) => {
        const share = sharing?.[l.index];
        const counts = { added: l.added, changed: l.changed, removed: l.removed };
        return (
          <li
            key={l.index}
            id={`layer-option-${l.index}`}
            data-index={l.index}
            role="option"
            aria-selected={l.index === selected}
            className={l.index === selected ? 'layer-item selected' : 'layer-item'}
            onClick={() => onSelect(l.index)}
          >
            <div className="layer-head">
              <strong>{t('layers.layerN', { n: l.index + 1 })}</strong>
              <span>{fmt(l.bytes)}</span>
              <span>{t('layers.layerFiles', { count: l.files })}</span>
              <span aria-label={t('layers.layerChangesLabel', counts)} title={t('layers.layerChangesLabel', counts)}>
                {t('layers.layerChanges', counts)}
              </span>
              {l.wastedBytes > 0 ? (
                <span className="layer-waste">
                  {t('layers.wasted')} {fmt(l.wastedBytes)}
                </span>
              ) : null}
            </div>
            <code className="layer-command" title={l.command}>
              {l.command || t('layers.noCommand')}
            </code>
            {share === undefined || share.count === 0 ? (
              <div className="layer-shared">{share ? t('layers.sharedNone') : t('layers.sharedLoading')}</div>
            ) : (
              <details className="layer-shared">
                <summary>{t('layers.sharedWith', { count: share.count })}</summary>
                {share.images.join(', ')}
                {share.count > share.images.length
                  ? ` ${t('layers.sharedMore', { count: share.count - share.images.length })}`
                  : ''}
              </details>
            )}
          </li>
        );
      })}
    </ul>
  );
}

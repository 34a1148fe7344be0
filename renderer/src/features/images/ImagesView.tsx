import { useDeferredValue, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useImages } from '../../stores/images';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { ArchiveToolbar } from '../archives/ArchiveToolbar';
import { compileFilter } from './filter';
import { ImagesTable } from './ImagesTable';
import { toRows } from './rows';

/** The images page: filter box, counts, refresh, and the table. */
export function ImagesView({ onSave }: { onSave(references: string[]): void }) {
  const { t } = useTranslation();
  const filterInput = useRef<HTMLInputElement>(null);

  // "/" or Ctrl/Cmd+F jumps to the filter box, as in most list views.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const typing = e.target instanceof HTMLElement && e.target.closest('input, textarea, select, dialog');
      const find = (e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'f';
      if (find || (e.key === '/' && !typing)) {
        e.preventDefault();
        filterInput.current?.focus();
        filterInput.current?.select();
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);
  const { images, status, error, load } = useImages();
  const [filter, setFilter] = useState('');
  const deferredFilter = useDeferredValue(filter);
  const allRows = useMemo(() => toRows(images), [images]);
  const rows = useMemo(() => allRows.filter(compileFilter(deferredFilter)), [allRows, deferredFilter]);

  return (
    <section className="images-view" aria-labelledby="images-title">
      <div className="toolbar">
        <h1 id="images-title">{t('app.images')}</h1>
        <input
          ref={filterInput}
          type="search"
          aria-keyshortcuts="/ Control+F"
          aria-label={t('images.filterLabel')}
          placeholder={t('images.filterPlaceholder')}
          value={filter}
          onChange={(e) => setFilter(e.target.value)}
        />
        <span className="count" role="status">
          {rows.length === allRows.length
            ? t('images.count', { count: images.length, rows: allRows.length })
            : t('images.shown', { shown: rows.length, total: allRows.length })}
        </span>
        <button type="button" className="push-right" onClick={() => void load()}>
          {t('images.refresh')}
        </button>
        <ArchiveToolbar />
      </div>
      {status === 'error' && error ? <ErrorMessage error={error} lead={t('images.loadFailed')} /> : null}
      {status === 'loading' && images.length === 0 ? <p role="status">{t('images.loading')}</p> : null}
      {status === 'ready' && allRows.length === 0 ? <p>{t('images.empty')}</p> : null}
      {allRows.length > 0 && rows.length === 0 ? <p>{t('images.noMatch', { filter })}</p> : null}
      {rows.length > 0 ? <ImagesTable rows={rows} onSave={(row) => onSave([row.reference])} /> : null}
    </section>
  );
}

import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { formatAbsolute, formatBytes } from '../../i18n/format';
import { useDiskUsage } from '../../stores/diskUsage';
import { useTablePrefs } from '../../stores/tablePrefs';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { OperationDialog } from '../../ui/OperationDialog';

/** `docker system df` for images, computed when opened (never with the list: it is slow on big engines). */
export function DiskUsageDialog({ onClose }: { onClose(): void }) {
  const { t, i18n } = useTranslation();
  const { usage, status, error, compute } = useDiskUsage();
  const prefs = useTablePrefs();
  const fmt = (n: number) => formatBytes(n, i18n.language);

  useEffect(() => {
    void compute();
  }, [compute]);

  const columnsShown = prefs.columnVisibility.sharedSize !== false && prefs.columnVisibility.uniqueSize !== false;
  return (
    <OperationDialog title={t('images.df.title')} running={false} onCancelOperation={() => {}} onClose={onClose}>
      {(close) => (
        <>
          {status === 'loading' ? <p role="status">{t('images.df.computing')}</p> : null}
          {status === 'error' && error ? <ErrorMessage error={error} /> : null}
          {usage && status !== 'loading' ? (
            <>
              <dl className="facts" aria-label={t('images.df.title')}>
                <dt>{t('images.df.images')}</dt>
                <dd>{t('images.df.imagesValue', { count: usage.images, active: usage.active })}</dd>
                <dt>{t('images.df.total')}</dt>
                <dd>{fmt(usage.totalSize)}</dd>
                <dt>{t('images.df.reclaimable')}</dt>
                <dd>
                  {fmt(usage.reclaimable)}
                  {usage.totalSize > 0 ? ` (${Math.round((usage.reclaimable / usage.totalSize) * 100)}%)` : ''}
                </dd>
              </dl>
              <p className="muted">
                {t('images.df.computedAt', { when: formatAbsolute(usage.computedAt / 1000, i18n.language) })}
              </p>
              <p>{t('images.df.columnsHint')}</p>
            </>
          ) : null}
          <div className="dialog-actions">
            {usage && !columnsShown ? (
              <button
                type="button"
                onClick={() =>
                  prefs.setColumnVisibility({ ...prefs.columnVisibility, sharedSize: true, uniqueSize: true })
                }
              >
                {t('images.df.showColumns')}
              </button>
            ) : null}
            <button type="button" onClick={() => void compute()} disabled={status === 'loading'}>
              {t('images.df.recompute')}
            </button>
            <button type="button" className="primary" onClick={close}>
              {t('common.close')}
            </button>
          </div>
        </>
      )}
    </OperationDialog>
  );
}

import { useEffect, useState, type CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';
import { containerList } from '../../i18n/containerState';
import type { ApiErrorData } from '../../../../shared/contract/errors';
import type { ImageDetails } from '../../../../shared/contract/imageModels';
import { toErrorData } from '../../api/errorData';
import { api } from '../../api/instance';
import { formatAbsolute, formatBytes } from '../../i18n/format';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { imageHash } from '../image/imageRoute';
import type { ImageRow } from '../../../../shared/images/rows';
import { routeHash } from '../../app/route';
import { useRunDialog } from '../containers/runDialogStore';
import { DETAILS_MAX, DETAILS_MIN, DETAILS_WIDTH, useTablePrefs } from '../../stores/tablePrefs';
import { PanelResizer } from '../../ui/PanelResizer';

const list = (xs: readonly string[] | null) => (xs && xs.length ? xs.join(' ') : '—');

/** The side panel for the active row: `docker image inspect`, trimmed to what people look for. */
export function DetailsPanel({ row, onClose }: { row: ImageRow | null; onClose(): void }) {
  const { t, i18n } = useTranslation();
  const [details, setDetails] = useState<ImageDetails | null>(null);
  const [error, setError] = useState<ApiErrorData | null>(null);
  const [copied, setCopied] = useState(false);
  const id = row?.id;
  // Re-read when the row's tags or users change (events); the rest of an image never does.
  const version = `${row?.repoTags.join(',')}|${row?.containers}`;
  const fmt = (n: number) => formatBytes(n, i18n.language);
  const width = useTablePrefs((s) => s.detailsWidth);
  const setWidth = useTablePrefs((s) => s.setDetailsWidth);

  useEffect(() => {
    setDetails(null);
    setError(null);
    setCopied(false);
    if (!id) return;
    let live = true;
    api()
      .call('images.inspect', { reference: id })
      .then((d) => live && setDetails(d))
      .catch((err: unknown) => live && setError(toErrorData(err)));
    return () => {
      live = false;
    };
  }, [id, version]);

  const copyId = () => {
    if (!id) return;
    void navigator.clipboard
      ?.writeText(id)
      .then(() => setCopied(true))
      .catch(() => setCopied(false));
  };

  return (
    <aside
      className="details"
      aria-label={t('images.details.title')}
      style={{ '--details-width': `${width}px` } as CSSProperties}
    >
      <PanelResizer
        label={t('images.details.resize')}
        hint={t('images.details.resizeHint')}
        width={width}
        min={DETAILS_MIN}
        max={DETAILS_MAX}
        fallback={DETAILS_WIDTH}
        onResize={setWidth}
      />
      {/* The body scrolls; the edge above stays the panel's full height. */}
      <div className="details-body">
        <div className="details-head">
          <h2 translate={row ? 'no' : undefined}>
            {row ? (row.dangling ? row.shortId : row.reference) : t('images.details.title')}
          </h2>
          <button type="button" className="small" aria-label={t('images.details.close')} onClick={onClose}>
            ×
          </button>
        </div>
        {!row ? <p className="muted">{t('images.details.none')}</p> : null}
        {error ? <ErrorMessage error={error} /> : null}
        {row && !details && !error ? <p role="status">{t('images.details.loading')}</p> : null}
        {details ? (
          <>
            <p>
              <a href={imageHash(details.id)}>{t('image.openPage')}</a>
              <button
                type="button"
                aria-label={t('containers.run.actionNamed', { image: row?.reference ?? details.id })}
                onClick={() => useRunDialog.getState().open(row && !row.dangling ? row.reference : details.id)}
              >
                {t('containers.run.action')}
              </button>
            </p>
            <dl className="facts">
              <dt>{t('images.details.id')}</dt>
              <dd>
                <code className="mono break">{details.id}</code>{' '}
                <button type="button" className="small" onClick={copyId}>
                  {copied ? t('images.details.copied') : t('images.details.copyId')}
                </button>
              </dd>
              <dt>{t('images.details.tags')}</dt>
              <dd translate="no">{list(details.repoTags)}</dd>
              <dt>{t('images.details.digests')}</dt>
              <dd className="mono break">{list(details.repoDigests)}</dd>
              <dt>{t('images.col.created')}</dt>
              <dd>{formatAbsolute(details.created, i18n.language)}</dd>
              <dt>{t('images.col.size')}</dt>
              <dd>{fmt(details.size)}</dd>
              <dt>{t('images.col.platform')}</dt>
              <dd translate="no">{details.platform}</dd>
              <dt>{t('images.details.layers')}</dt>
              <dd>{details.layers}</dd>
              <dt>{t('images.details.cmd')}</dt>
              <dd className="mono">{details.config.cmd ? JSON.stringify(details.config.cmd) : '—'}</dd>
              <dt>{t('images.details.entrypoint')}</dt>
              <dd className="mono">{details.config.entrypoint ? JSON.stringify(details.config.entrypoint) : '—'}</dd>
              <dt>{t('images.details.workingDir')}</dt>
              <dd className="mono">{details.config.workingDir || '—'}</dd>
              <dt>{t('images.details.user')}</dt>
              <dd className="mono">{details.config.user || '—'}</dd>
              <dt>{t('images.details.ports')}</dt>
              <dd className="mono">{list(details.config.exposedPorts)}</dd>
              <dt>{t('images.details.volumes')}</dt>
              <dd className="mono">{list(details.config.volumes)}</dd>
              <dt>{t('images.details.containers')}</dt>
              <dd>
                {details.containers.length ? (
                  <a href={routeHash('containers', 'image', details.id)}>{containerList(t, details.containers)}</a>
                ) : (
                  '—'
                )}
              </dd>
              {details.comment ? (
                <>
                  <dt>{t('images.details.comment')}</dt>
                  <dd translate="no">{details.comment}</dd>
                </>
              ) : null}
            </dl>
            <h3>{t('images.details.env')}</h3>
            {details.config.env.length ? (
              <ul className="mono kv">
                {details.config.env.map((e) => (
                  <li key={e}>{e}</li>
                ))}
              </ul>
            ) : (
              <p className="muted">—</p>
            )}
            <h3>{t('images.details.labels')}</h3>
            {Object.keys(details.config.labels).length ? (
              <ul className="mono kv">
                {Object.entries(details.config.labels).map(([k, v]) => (
                  <li key={k}>
                    {k}={v}
                  </li>
                ))}
              </ul>
            ) : (
              <p className="muted">—</p>
            )}
          </>
        ) : null}
      </div>
    </aside>
  );
}

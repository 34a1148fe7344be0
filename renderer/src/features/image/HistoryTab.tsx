import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiErrorData } from '../../../../shared/contract/errors';
import type { ImageHistory } from '../../../../shared/contract/inspectModels';
import { toErrorData } from '../../api/errorData';
import { api } from '../../api/instance';
import { formatAbsolute, formatBytes, formatRelative } from '../../i18n/format';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { useNow } from '../../ui/useNow';
import { CopyButton } from './CopyButton';
import { imageHash } from './imageRoute';
import { reconstructDockerfile } from './reconstruct';

/** `docker history` truncates CREATED BY to 45 characters with an ellipsis. */
const TRUNCATE_AT = 45;
const truncate = (s: string) => (s.length > TRUNCATE_AT ? `${s.slice(0, TRUNCATE_AT - 1)}…` : s);
const shortId = (id: string) => (id.startsWith('sha256:') ? id.slice(7, 19) : id);

/** `docker history` as a table, each step linked to its layer, and the Dockerfile it suggests. */
export function HistoryTab({ imageId }: { imageId: string }) {
  const { t, i18n } = useTranslation();
  const now = useNow();
  const [history, setHistory] = useState<ImageHistory | null>(null);
  const [error, setError] = useState<ApiErrorData | null>(null);
  const [full, setFull] = useState(false);

  useEffect(() => {
    let live = true;
    setHistory(null);
    setError(null);
    api()
      .call('inspect.history', { reference: imageId })
      .then((h) => live && setHistory(h))
      .catch((err: unknown) => live && setError(toErrorData(err)));
    return () => {
      live = false;
    };
  }, [imageId]);

  const dockerfile = useMemo(
    () =>
      history
        ? reconstructDockerfile(
            [...history.entries].reverse().map((e) => ({ createdBy: e.createdBy, comment: e.comment })),
            t('image.history.baseComment'),
          )
        : '',
    [history, t],
  );

  if (error) return <ErrorMessage error={error} lead={t('image.history.failed')} />;
  if (!history) return <p role="status">{t('image.history.loading')}</p>;
  const missing = history.entries.some((e) => e.id === '<missing>');

  return (
    <div className="history">
      <div className="toolbar">
        <button type="button" aria-pressed={full} onClick={() => setFull(!full)}>
          {t('image.history.noTrunc')}
        </button>
        <span className="muted">{t('image.history.steps', { count: history.entries.length })}</span>
      </div>
      {missing ? <p className="note">{t('image.history.missingExplained')}</p> : null}
      {!history.layersMatched ? <p className="note">{t('image.history.layersUnmatched')}</p> : null}
      <div className="table-scroll">
        <table className="data-table" aria-label={t('image.history.tableLabel')}>
          <thead>
            <tr>
              <th scope="col">{t('image.history.col.layer')}</th>
              <th scope="col">{t('image.history.col.id')}</th>
              <th scope="col">{t('image.history.col.created')}</th>
              <th scope="col">{t('image.history.col.createdBy')}</th>
              <th scope="col">{t('image.history.col.size')}</th>
              <th scope="col">{t('image.history.col.comment')}</th>
            </tr>
          </thead>
          <tbody>
            {history.entries.map((e, i) => (
              <tr key={`${e.id}-${i}`} className={e.layer === null ? 'empty-layer' : undefined}>
                <td>
                  {e.layer !== null ? (
                    <a
                      href={imageHash(imageId, 'layers', e.layer)}
                      aria-label={t('image.history.openLayer', { n: e.layer })}
                    >
                      {t('image.history.layerN', { n: e.layer })}
                    </a>
                  ) : (
                    <span className="muted">{t('image.history.emptyLayer')}</span>
                  )}
                </td>
                <td className="mono" title={e.id}>
                  {shortId(e.id)}
                </td>
                <td title={formatAbsolute(e.created, i18n.language)}>
                  {formatRelative(e.created, now, i18n.language)}
                </td>
                <td className="mono created-by" title={full ? undefined : e.createdBy}>
                  {full ? e.createdBy : truncate(e.createdBy)}
                </td>
                <td className="num">{formatBytes(e.size, i18n.language)}</td>
                <td translate="no">{e.comment}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <section className="dockerfile" aria-labelledby="dockerfile-title">
        <div className="toolbar">
          <h2 id="dockerfile-title">{t('image.history.dockerfileTitle')}</h2>
          <CopyButton text={dockerfile} label={t('image.history.copyDockerfile')} />
        </div>
        <p className="note">{t('image.history.bestEffort')}</p>
        <pre className="mono code-block" tabIndex={0}>
          {dockerfile}
        </pre>
      </section>
    </div>
  );
}

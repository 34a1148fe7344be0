import { Fragment, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiErrorData } from '../../../../shared/contract/errors';
import type { JsonObject } from '../../../../shared/contract/inspectModels';
import { toErrorData } from '../../api/errorData';
import { api } from '../../api/instance';
import { routeHash } from '../../app/routeHash';
import { formatBytes } from '../../i18n/format';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { compareRows, type CompareGroup, type CompareRow } from './compareRows';
import { imageHash, parseCompareIds } from './imageRoute';
import './image.css';

const GROUPS: CompareGroup[] = ['image', 'run', 'env', 'labels', 'ports', 'volumes', 'layers'];
const short = (id: string) => id.replace(/^sha256:/, '').slice(0, 12);

/** Two or more images side by side, each differing field marked: `#compare/<id>,<id>,…`. */
export function ComparePage({ params }: { params: string[] }) {
  const { t, i18n } = useTranslation();
  const ids = useMemo(() => parseCompareIds(params[0]), [params]);
  const [docs, setDocs] = useState<JsonObject[] | null>(null);
  const [error, setError] = useState<{ reference: string; error: ApiErrorData } | null>(null);
  const [onlyDiff, setOnlyDiff] = useState(false);

  useEffect(() => {
    let live = true;
    setDocs(null);
    setError(null);
    Promise.all(
      ids.map((reference) =>
        api()
          .call('inspect.raw', { reference })
          .catch((err: unknown) => {
            throw { reference, error: toErrorData(err) };
          }),
      ),
    )
      .then((d) => live && setDocs(d))
      .catch((e: { reference: string; error: ApiErrorData }) => live && setError(e));
    return () => {
      live = false;
    };
  }, [ids]);

  const rows = useMemo(() => (docs ? compareRows(docs) : []), [docs]);
  const differing = rows.filter((r) => r.differs).length;
  const names = (docs ?? []).map((d) => {
    const tags = Array.isArray(d.RepoTags) ? d.RepoTags : [];
    return typeof tags[0] === 'string' ? tags[0] : short(String(d.Id));
  });

  const show = (r: CompareRow, v: string | null) => {
    if (v === null) return <span className="muted">{t('image.compare.absent')}</span>;
    if (r.group === 'layers') return <span title={v}>{v.slice(0, 19)}…</span>;
    if (r.group === 'image' && r.field === 'Size') return `${formatBytes(Number(v), i18n.language)} (${v})`;
    return v;
  };

  return (
    <section className="image-page" aria-labelledby="compare-title">
      <div className="toolbar">
        <a href={routeHash('images')} className="back-link">
          {t('image.back')}
        </a>
        <h1 id="compare-title">{t('image.compare.title', { count: ids.length })}</h1>
        {docs ? <span className="count">{t('image.compare.differing', { count: differing })}</span> : null}
        <span className="toolbar-gap" />
        <label className="check">
          <input type="checkbox" checked={onlyDiff} onChange={(e) => setOnlyDiff(e.target.checked)} />
          {t('image.compare.onlyDifferences')}
        </label>
      </div>
      {ids.length < 2 ? <p>{t('image.compare.needTwo')}</p> : null}
      {error ? <ErrorMessage error={error.error} lead={t('image.loadFailed', { reference: error.reference })} /> : null}
      {ids.length >= 2 && !docs && !error ? <p role="status">{t('image.loading')}</p> : null}
      {docs ? (
        <div className="table-scroll compare-scroll">
          <table className="data-table compare-table" aria-label={t('image.compare.tableLabel')}>
            <thead>
              <tr>
                <th scope="col">{t('image.compare.field')}</th>
                {docs.map((d, i) => (
                  <th scope="col" key={i}>
                    <a href={imageHash(String(d.Id))}>{names[i]}</a>
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {GROUPS.map((g) => {
                const list = rows.filter((r) => r.group === g && (!onlyDiff || r.differs));
                if (!list.length) return null;
                return (
                  <Fragment key={g}>
                    <tr className="compare-group">
                      <th scope="colgroup" colSpan={docs.length + 1}>
                        {t(`image.compare.group.${g}`)}
                      </th>
                    </tr>
                    {list.map((r) => (
                      <tr key={`${g}-${r.field}`} className={r.differs ? 'differs' : undefined}>
                        <th scope="row" className="mono">
                          {g === 'layers' ? t('image.history.layerN', { n: r.field }) : r.field}
                        </th>
                        {r.values.map((v, i) => (
                          <td key={i} className={`mono${r.cellDiffers[i] ? ' diff' : r.differs ? ' base' : ''}`}>
                            {show(r, v)}
                            {r.cellDiffers[i] ? (
                              <span className="sr-only"> {t('image.compare.differsMark')}</span>
                            ) : null}
                          </td>
                        ))}
                      </tr>
                    ))}
                  </Fragment>
                );
              })}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}

import { useTranslation } from 'react-i18next';
import { containerList } from '../../i18n/containerState';
import type { ImageDetails } from '../../../../shared/contract/imageModels';
import type { JsonObject } from '../../../../shared/contract/inspectModels';
import { formatAbsolute, formatBytes } from '../../i18n/format';
import { CopyButton } from './CopyButton';

const list = (xs: readonly string[]) => (xs.length ? xs.join(' ') : '—');
const argv = (xs: readonly string[] | null) => (xs && xs.length ? JSON.stringify(xs) : '—');

/** The key facts of an image at a glance. */
export function OverviewTab({ details }: { details: ImageDetails; raw: JsonObject }) {
  const { t, i18n } = useTranslation();
  const c = details.config;
  const labels = Object.entries(c.labels).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return (
    <div className="overview">
      <dl className="facts">
        <dt>{t('images.details.id')}</dt>
        <dd>
          <code className="mono break">{details.id}</code> <CopyButton text={details.id} label={t('image.copyId')} />
        </dd>
        <dt>{t('images.details.tags')}</dt>
        <dd>{list(details.repoTags)}</dd>
        <dt>{t('images.details.digests')}</dt>
        <dd className="mono break">{list(details.repoDigests)}</dd>
        <dt>{t('images.col.created')}</dt>
        <dd>{formatAbsolute(details.created, i18n.language)}</dd>
        <dt>{t('images.col.size')}</dt>
        <dd>{formatBytes(details.size, i18n.language)}</dd>
        <dt>{t('images.col.platform')}</dt>
        <dd>{details.platform}</dd>
        <dt>{t('images.details.layers')}</dt>
        <dd>{details.layers}</dd>
        <dt>{t('images.details.cmd')}</dt>
        <dd className="mono break">{argv(c.cmd)}</dd>
        <dt>{t('images.details.entrypoint')}</dt>
        <dd className="mono break">{argv(c.entrypoint)}</dd>
        <dt>{t('images.details.workingDir')}</dt>
        <dd className="mono">{c.workingDir || '—'}</dd>
        <dt>{t('images.details.user')}</dt>
        <dd className="mono">{c.user || '—'}</dd>
        <dt>{t('images.details.ports')}</dt>
        <dd className="mono">{list(c.exposedPorts)}</dd>
        <dt>{t('images.details.volumes')}</dt>
        <dd className="mono">{list(c.volumes)}</dd>
        <dt>{t('images.details.containers')}</dt>
        <dd>{details.containers.length ? containerList(t, details.containers) : '—'}</dd>
        {details.comment ? (
          <>
            <dt>{t('images.details.comment')}</dt>
            <dd>{details.comment}</dd>
          </>
        ) : null}
      </dl>
      <div className="overview-lists">
        <section aria-labelledby="overview-env">
          <h2 id="overview-env">{t('images.details.env')}</h2>
          {c.env.length ? (
            <ul className="mono kv">
              {c.env.map((e, i) => (
                <li key={i}>{e}</li>
              ))}
            </ul>
          ) : (
            <p className="muted">—</p>
          )}
        </section>
        <section aria-labelledby="overview-labels">
          <h2 id="overview-labels">{t('images.details.labels')}</h2>
          {labels.length ? (
            <ul className="mono kv">
              {labels.map(([k, v]) => (
                <li key={k}>
                  {k}={v}
                </li>
              ))}
            </ul>
          ) : (
            <p className="muted">—</p>
          )}
        </section>
      </div>
    </div>
  );
}

import { useTranslation } from 'react-i18next';
import type { LayerRow, LayerState, TransferProgress } from '../../../../shared/contract/methods/registries';
import { navigate } from '../../app/route';
import { formatBytes } from '../../i18n/format';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { ProgressBlock } from '../../ui/ProgressBlock';
import { etaSeconds, useTransfers, type Transfer } from './transfers';

const FINISHED: LayerState[] = ['done', 'exists', 'pushed'];

const shortId = (id: string) => id.replace(/^sha256:/, '').slice(0, 12);

/** The overall line: bytes, percent, speed and time left; honest while layer sizes are still arriving. */
function Overall({ transfer, progress }: { transfer: Transfer; progress: TransferProgress | null }) {
  const { t, i18n } = useTranslation();
  const fmt = (n: number) => formatBytes(n, i18n.language);
  const reference = progress?.reference ?? transfer.references[0] ?? '';
  const label = t('registries.transfers.progressLabel', { reference });
  if (!progress) return <ProgressBlock label={label} text={t('registries.transfers.starting')} />;
  // No byte counts at all (Podman's pull stream): count finished layers instead.
  if (progress.bytes === 0 && progress.total === 0 && progress.layers.length > 0) {
    const done = progress.layers.filter((l) => FINISHED.includes(l.state)).length;
    return (
      <ProgressBlock
        label={label}
        value={done}
        max={progress.layers.length}
        text={t('registries.transfers.layersOnly', { done, total: progress.layers.length })}
      />
    );
  }
  const eta = etaSeconds(progress);
  const etaText =
    eta === undefined
      ? ''
      : eta >= 90
        ? ` · ${t('registries.transfers.etaMinutes', { minutes: Math.round(eta / 60) })}`
        : ` · ${t('registries.transfers.eta', { seconds: Math.ceil(eta) })}`;
  const percent = new Intl.NumberFormat(i18n.language, { style: 'percent' }).format(
    progress.total > 0 ? progress.bytes / progress.total : 1,
  );
  const text = progress.totalKnown
    ? t('registries.transfers.progress', {
        done: fmt(progress.bytes),
        total: fmt(progress.total),
        percent,
        speed: fmt(progress.bytesPerSecond),
      }) + etaText
    : t('registries.transfers.progressUnknown', { done: fmt(progress.bytes), speed: fmt(progress.bytesPerSecond) });
  return (
    <ProgressBlock
      label={label}
      {...(progress.totalKnown ? { value: progress.bytes, max: Math.max(progress.total, 1) } : {})}
      text={text}
    />
  );
}

function LayerRows({ reference, layers }: { reference: string; layers: LayerRow[] }) {
  const { t, i18n } = useTranslation();
  const fmt = (n: number) => formatBytes(n, i18n.language);
  if (!layers.length) return null;
  return (
    <table className="layer-rows" aria-label={t('registries.transfers.layers', { reference })}>
      <thead>
        <tr>
          <th scope="col">{t('registries.transfers.layer')}</th>
          <th scope="col">{t('registries.transfers.state')}</th>
          <th scope="col">{t('registries.transfers.bytes')}</th>
        </tr>
      </thead>
      <tbody>
        {layers.map((l) => (
          <tr key={l.id} data-state={l.state}>
            <td className="mono">{l.id}</td>
            <td>{t(`registries.transfers.states.${l.state}`)}</td>
            <td>{l.current !== undefined ? (l.total ? `${fmt(l.current)} / ${fmt(l.total)}` : fmt(l.current)) : ''}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** One pull, push or update: its progress while running, its outcome after. */
export function TransferCard({ transfer }: { transfer: Transfer }) {
  const { t } = useTranslation();
  const cancel = useTransfers((s) => s.cancel);
  const dismiss = useTransfers((s) => s.dismiss);
  const reference = transfer.references[0] ?? '';
  const title =
    transfer.kind === 'pull'
      ? t('registries.transfers.pulling', { reference })
      : transfer.kind === 'push'
        ? t('registries.transfers.pushing', { reference })
        : t('registries.transfers.updating', { count: transfer.references.length });
  const p = transfer.progress;
  const running = transfer.state === 'running';
  return (
    <section className="transfer" aria-label={title} data-state={transfer.state}>
      <header className="transfer-head">
        <strong>{title}</strong>
        {running ? (
          <button
            type="button"
            className="small"
            disabled={transfer.cancelling}
            aria-label={t('registries.transfers.cancelOne', { reference })}
            onClick={() => cancel(transfer.id)}
          >
            {transfer.cancelling ? t('registries.transfers.cancelling') : t('registries.transfers.cancel')}
          </button>
        ) : (
          <button
            type="button"
            className="small"
            aria-label={t('registries.transfers.dismissOne', { reference })}
            onClick={() => dismiss(transfer.id)}
          >
            {t('registries.transfers.dismiss')}
          </button>
        )}
      </header>
      {running && p?.step ? (
        <p className="muted">
          {t('registries.transfers.step', { n: p.step.done + 1, of: p.step.of, reference: p.reference })}
        </p>
      ) : null}
      {running ? <Overall transfer={transfer} progress={p} /> : null}
      <Outcome transfer={transfer} />
      {p && transfer.kind !== 'update' ? <LayerRows reference={reference} layers={p.layers} /> : null}
      {running && p && transfer.kind === 'update' ? <LayerRows reference={p.reference} layers={p.layers} /> : null}
    </section>
  );
}

function Outcome({ transfer }: { transfer: Transfer }) {
  const { t } = useTranslation();
  const reference = transfer.references[0] ?? '';
  if (transfer.state === 'cancelled') {
    return (
      <p role="status">
        {transfer.kind === 'push' ? t('registries.transfers.pushCancelled') : t('registries.transfers.cancelled')}
      </p>
    );
  }
  if (transfer.state === 'failed' && transfer.error) {
    const lead =
      transfer.kind === 'pull'
        ? t('registries.transfers.pullFailed', { reference })
        : transfer.kind === 'push'
          ? t('registries.transfers.pushFailed', { reference })
          : t('registries.transfers.updateFailed');
    return <ErrorMessage error={transfer.error} lead={lead} />;
  }
  const o = transfer.outcome;
  if (!o) return null;
  if (o.kind === 'pull') {
    const r = o.result;
    return (
      <div role="status" className="ok">
        <p>
          {r.upToDate
            ? t('registries.transfers.upToDate', { reference: r.reference })
            : t('registries.transfers.pulled', { reference: r.reference })}{' '}
          {r.mirror ? t('registries.transfers.fromMirror', { mirror: r.mirror }) : null}
        </p>
        {r.digest ? <p className="mono wrap">{t('registries.transfers.digest', { digest: r.digest })}</p> : null}
        {r.id ? <p className="mono">{t('registries.transfers.imageId', { id: shortId(r.id) })}</p> : null}
        {r.mirrorFailures?.map((f) => (
          <p key={f.mirror} className="muted">
            {t('registries.transfers.mirrorFailed', { mirror: f.mirror, message: f.message })}
          </p>
        ))}
        <button type="button" className="small" onClick={() => navigate('images')}>
          {t('registries.transfers.showInTable')}
        </button>
      </div>
    );
  }
  if (o.kind === 'push') {
    return (
      <div role="status" className="ok">
        <p>{t('registries.transfers.pushed', { reference: o.result.reference })}</p>
        {o.result.digest ? (
          <p className="mono wrap">{t('registries.transfers.digest', { digest: o.result.digest })}</p>
        ) : null}
      </div>
    );
  }
  const r = o.result;
  return (
    <div role="status" className="ok">
      {r.changed.length ? (
        <>
          <h4>{t('registries.transfers.changed')}</h4>
          <ul aria-label={t('registries.transfers.changed')}>
            {r.changed.map((c) => (
              <li key={c.reference} className="mono">
                {t('registries.transfers.changedLine', {
                  reference: c.reference,
                  old: shortId(c.oldId),
                  new: shortId(c.newId),
                })}
              </li>
            ))}
          </ul>
        </>
      ) : (
        <p>{t('registries.transfers.noneChanged')}</p>
      )}
      {r.current.length ? (
        <>
          <h4>{t('registries.transfers.current')}</h4>
          <ul aria-label={t('registries.transfers.current')}>
            {r.current.map((ref) => (
              <li key={ref} className="mono">
                {ref}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {r.failed.length ? (
        <>
          <h4>{t('registries.transfers.failedList')}</h4>
          <ul aria-label={t('registries.transfers.failedList')}>
            {r.failed.map((f) => (
              <li key={f.reference}>
                <ErrorMessage
                  error={{ code: f.code, message: f.message, ...(f.details ? { details: f.details } : {}) }}
                  lead={f.reference}
                />
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </div>
  );
}

/** Every transfer this tab started, newest first. */
export function TransfersPanel() {
  const { t } = useTranslation();
  const transfers = useTransfers((s) => s.transfers);
  const clear = useTransfers((s) => s.clearFinished);
  return (
    <aside className="transfers" aria-label={t('registries.transfers.heading')}>
      <header className="transfer-head">
        <h2>{t('registries.transfers.heading')}</h2>
        {transfers.some((x) => x.state !== 'running') ? (
          <button type="button" className="small" onClick={clear}>
            {t('registries.transfers.clear')}
          </button>
        ) : null}
      </header>
      {transfers.length === 0 ? <p className="muted">{t('registries.transfers.none')}</p> : null}
      {transfers.map((x) => (
        <TransferCard key={x.id} transfer={x} />
      ))}
    </aside>
  );
}

import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { ProgressBlock } from '../../ui/ProgressBlock';
import type { BuildRun } from './store';

const shortId = (id: string) => id.replace(/^sha256:/, '').slice(0, 12);
const secs = (ms: number, locale: string) =>
  `${(ms / 1000).toLocaleString(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 })} s`;

/** One line on where the build stands: sending, building, built (with its tags), failed at a step, stopped. */
export function BuildStatus({
  run,
  fmt,
  onShowImages,
}: {
  run: BuildRun;
  fmt(n: number): string;
  onShowImages(): void;
}) {
  const { t, i18n } = useTranslation();
  if (run.kind === 'idle') return null;
  if (run.kind === 'running') {
    const p = run.progress;
    if (!p || p.phase === 'sending') {
      return (
        <ProgressBlock
          label={t('build.stepsTitle')}
          {...(p && p.totalBytes ? { value: p.sentBytes, max: p.totalBytes } : {})}
          text={t('build.sending', { done: fmt(p?.sentBytes ?? 0), total: fmt(p?.totalBytes ?? 0) })}
        />
      );
    }
    const last = p.steps.at(-1);
    return (
      <ProgressBlock
        label={t('build.stepsTitle')}
        {...(last ? { value: last.index - 1, max: last.total } : {})}
        text={t('build.building', { elapsed: secs(p.elapsedMs, i18n.language) })}
      />
    );
  }
  if (run.kind === 'packing') {
    return (
      <ProgressBlock
        label={t('build.stepsTitle')}
        {...(run.total ? { value: run.done, max: run.total } : {})}
        text={t('build.packing', { done: fmt(run.done), total: fmt(run.total) })}
      />
    );
  }
  if (run.kind === 'done') {
    const r = run.result;
    const cached = r.steps.filter((s) => s.cached).length;
    return (
      <div role="status" className="ok build-done">
        <p>
          {t('build.succeeded', { id: shortId(r.imageId), elapsed: secs(r.elapsedMs, i18n.language) })}{' '}
          {r.tagged.length ? t('build.succeededTags', { tags: r.tagged.join(', ') }) : null}{' '}
          {t('build.cachedCount', { cached, total: r.steps.length })}
        </p>
        <button type="button" className="small" onClick={onShowImages}>
          {t('build.showInImages')}
        </button>
      </div>
    );
  }
  if (run.kind === 'cancelled') return <p role="status">{t('build.cancelled')}</p>;
  const failed = run.log?.steps.find((s) => s.state === 'failed');
  return (
    <ErrorMessage
      error={run.error}
      lead={t('build.failed')}
      {...(failed
        ? {
            reason: `${t('build.failedStep', { index: failed.index, total: failed.total, instruction: failed.instruction })} — ${run.log?.error ?? run.error.message}`,
          }
        : {})}
    />
  );
}

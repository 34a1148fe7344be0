import { useTranslation } from 'react-i18next';
import type { BuildLogState, BuildStep } from '../../../../shared/contract/methods/build';

const seconds = (ms: number, locale: string) =>
  `${(ms / 1000).toLocaleString(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 })} s`;

/** The build's steps as the engine reported them: time, cache, output; the failing one open and marked. */
export function BuildLogView({ log }: { log: BuildLogState }) {
  const { t } = useTranslation();
  return (
    <section className="build-log" aria-label={t('build.stepsTitle')}>
      {log.preamble.length ? (
        <pre className="build-output mono" translate="no">
          {log.preamble.join('\n')}
        </pre>
      ) : null}
      <ol className="build-steps">
        {log.steps.map((s) => (
          <StepItem key={`${s.index}-${s.instruction}`} step={s} />
        ))}
      </ol>
    </section>
  );
}

function StepItem({ step }: { step: BuildStep }) {
  const { t, i18n } = useTranslation();
  const failed = step.state === 'failed';
  const label = t('build.step', { index: step.index, total: step.total });
  return (
    <li className={`build-step build-step-${step.state}`} aria-label={`${label}: ${step.instruction}`}>
      <details open={failed || step.state === 'running' || undefined}>
        <summary>
          <span className="build-step-num">{label}</span>
          <code className="build-step-instruction">{step.instruction}</code>
          <span className="build-step-tags">
            {step.cached ? <span className="badge badge-cached">{t('build.cached')}</span> : null}
            {failed ? <span className="badge badge-failed">{t('build.stepFailed')}</span> : null}
            {step.state === 'running' ? <span className="badge">{t('build.running')}</span> : null}
            <span className="muted num">{seconds(step.durationMs, i18n.language)}</span>
          </span>
        </summary>
        {step.droppedLines ? <p className="muted">{t('build.moreLines', { count: step.droppedLines })}</p> : null}
        {step.output.length ? (
          <pre className="build-output mono" translate="no">
            {step.output.join('\n')}
          </pre>
        ) : (
          <p className="muted build-no-output">{t('build.noOutput')}</p>
        )}
      </details>
    </li>
  );
}

import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiErrorData } from '../../../../shared/contract/errors';
import type { CountProgress, RemoveOutcome, RemovePlanItem } from '../../../../shared/contract/imageModels';
import type { OperationHandle } from '../../api/client';
import { isCancelled, toErrorData } from '../../api/errorData';
import { api } from '../../api/instance';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { OperationDialog } from '../../ui/OperationDialog';
import { ProgressBlock } from '../../ui/ProgressBlock';
import { RemoveOutcomeItem } from './RemoveOutcomeItem';
import { RemovePlanLine } from './RemovePlanLine';

type Phase =
  | { kind: 'planning' }
  | { kind: 'plan'; plan: RemovePlanItem[] }
  | { kind: 'running'; progress: CountProgress | null }
  | { kind: 'done'; outcomes: RemoveOutcome[]; requested: number }
  | { kind: 'failed'; error: ApiErrorData };

/**
 * `docker rmi`: first says what will happen to each image (untag only, or
 * delete, and which containers use it), then removes them one by one and
 * shows each outcome; refusals that force can overcome offer it.
 */
export function RemoveDialog({ references, onClose }: { references: string[]; onClose(): void }) {
  const { t } = useTranslation();
  const [phase, setPhase] = useState<Phase>({ kind: 'planning' });
  const [force, setForce] = useState(false);
  const handle = useRef<OperationHandle<RemoveOutcome[]> | null>(null);

  useEffect(() => {
    let live = true;
    api()
      .call('images.planRemove', { references, force })
      // A re-plan (force ticked) replaces the plan shown, never a removal under way.
      .then(
        (plan) =>
          live &&
          setPhase((prev) => (prev.kind === 'planning' || prev.kind === 'plan' ? { kind: 'plan', plan } : prev)),
      )
      .catch((err: unknown) => live && setPhase({ kind: 'failed', error: toErrorData(err) }));
    return () => {
      live = false;
    };
  }, [references, force]);

  const run = async (refs: string[], withForce: boolean, previous: RemoveOutcome[] = []) => {
    setPhase({ kind: 'running', progress: null });
    try {
      const op = api().start('images.remove', { references: refs, force: withForce }, (progress) =>
        setPhase({ kind: 'running', progress }),
      );
      handle.current = op;
      const outcomes = await op.result;
      // A forced retry replaces the earlier refusals of the same references.
      const retried = new Set(refs);
      const kept = previous.filter((o) => !retried.has(o.reference));
      setPhase({ kind: 'done', outcomes: [...kept, ...outcomes], requested: kept.length + refs.length });
    } catch (err) {
      setPhase(
        isCancelled(err)
          ? { kind: 'done', outcomes: previous, requested: previous.length }
          : { kind: 'failed', error: toErrorData(err) },
      );
    }
  };

  const running = phase.kind === 'running';
  const title = t('images.removeDialog.title', { count: references.length });

  return (
    <OperationDialog
      title={title}
      running={running}
      onCancelOperation={() => void handle.current?.cancel()}
      onClose={onClose}
    >
      {(close) => (
        <>
          {phase.kind === 'planning' ? <p role="status">{t('images.removeDialog.planning')}</p> : null}
          {phase.kind === 'plan' ? (
            <>
              <ul className="plan-list" aria-label={t('images.removeDialog.planLabel')}>
                {phase.plan.map((p) => (
                  <RemovePlanLine key={p.reference} item={p} force={force} />
                ))}
              </ul>
              <label className="check">
                <input type="checkbox" checked={force} onChange={(e) => setForce(e.target.checked)} />
                {t('images.removeDialog.force')}
              </label>
              <div className="dialog-actions">
                <button type="button" onClick={close}>
                  {t('common.cancel')}
                </button>
                <button
                  type="button"
                  className="danger"
                  autoFocus
                  onClick={() =>
                    void run(
                      phase.plan.map((p) => p.reference),
                      force,
                    )
                  }
                >
                  {t('images.removeDialog.submit', { count: phase.plan.length })}
                </button>
              </div>
            </>
          ) : null}
          {phase.kind === 'running' ? (
            <>
              <ProgressBlock
                label={t('images.removeDialog.progressLabel')}
                {...(phase.progress ? { value: phase.progress.done, max: phase.progress.total } : {})}
                text={
                  phase.progress
                    ? t('images.removeDialog.progress', { done: phase.progress.done, total: phase.progress.total })
                    : t('images.removeDialog.starting')
                }
              />
              <div className="dialog-actions">
                <button type="button" onClick={() => void handle.current?.cancel()}>
                  {t('images.removeDialog.stop')}
                </button>
              </div>
            </>
          ) : null}
          {phase.kind === 'done' ? (
            <RemoveResults
              outcomes={phase.outcomes}
              requested={phase.requested}
              onForce={(refs) => void run(refs, true, phase.outcomes)}
              onClose={close}
            />
          ) : null}
          {phase.kind === 'failed' ? (
            <>
              <ErrorMessage error={phase.error} lead={t('images.removeDialog.failed')} />
              <div className="dialog-actions">
                <button type="button" onClick={close}>
                  {t('common.close')}
                </button>
              </div>
            </>
          ) : null}
        </>
      )}
    </OperationDialog>
  );
}

function RemoveResults({
  outcomes,
  requested,
  onForce,
  onClose,
}: {
  outcomes: RemoveOutcome[];
  requested: number;
  onForce(refs: string[]): void;
  onClose(): void;
}) {
  const { t } = useTranslation();
  const ok = outcomes.filter((o) => o.ok).length;
  const forceable = outcomes.flatMap((o) => (!o.ok && o.forceable ? [o.reference] : []));
  return (
    <>
      <p role="status">
        {t('images.removeDialog.summary', { ok, failed: outcomes.length - ok })}
        {outcomes.length < requested
          ? ` ${t('images.removeDialog.stopped', { count: requested - outcomes.length })}`
          : ''}
      </p>
      <ul className="plan-list" aria-label={t('images.removeDialog.resultsLabel')}>
        {outcomes.map((o) => (
          <RemoveOutcomeItem key={o.reference} outcome={o} />
        ))}
      </ul>
      <div className="dialog-actions">
        {forceable.length > 0 ? (
          <button type="button" className="danger" onClick={() => onForce(forceable)}>
            {t('images.removeDialog.forceRetry', { count: forceable.length })}
          </button>
        ) : null}
        <button type="button" className="primary" autoFocus onClick={onClose}>
          {t('common.close')}
        </button>
      </div>
    </>
  );
}

import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiErrorData } from '../../../../shared/contract/errors';
import type { PrunePreview, PruneResult } from '../../../../shared/contract/imageModels';
import { toErrorData } from '../../api/errorData';
import { api } from '../../api/instance';
import { formatBytes } from '../../i18n/format';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { OperationDialog } from '../../ui/OperationDialog';
import { NONE, shortId } from '../../../../shared/images/rows';
import { labelFilterProblem } from '../../../../shared/contract/labelFilter';

type Phase =
  | { kind: 'preview'; preview: PrunePreview | null; error: ApiErrorData | null }
  | { kind: 'pruning'; preview: PrunePreview }
  | { kind: 'done'; preview: PrunePreview; result: PruneResult }
  | { kind: 'failed'; error: ApiErrorData };

const labelsOf = (text: string) => text.split(/[\s,]+/).filter(Boolean);

/**
 * `docker image prune [-a] [--filter label=…]`: lists what will go and an
 * upper bound of the space, then shows what the engine really removed.
 */
export function PruneDialog({ onClose }: { onClose(): void }) {
  const { t, i18n } = useTranslation();
  const labelId = useId();
  const [all, setAll] = useState(false);
  const [labelText, setLabelText] = useState('');
  const [phase, setPhase] = useState<Phase>({ kind: 'preview', preview: null, error: null });
  const fmt = (n: number) => formatBytes(n, i18n.language);
  const labels = labelsOf(labelText);
  const labelProblems = labels.flatMap((label) => {
    const problem = labelFilterProblem(label);
    return problem ? [{ label, problem }] : [];
  });
  // A mistyped label would only make the engine match nothing: say what is wrong instead of asking it.
  const labelKey = labelProblems.length ? null : labels.join('\n');

  useEffect(() => {
    let live = true;
    setPhase({ kind: 'preview', preview: null, error: null });
    if (labelKey === null) return;
    const timer = setTimeout(() => {
      api()
        .call('images.planPrune', { all, labels: labelKey ? labelKey.split('\n') : [] })
        .then((preview) => live && setPhase({ kind: 'preview', preview, error: null }))
        .catch((err: unknown) => live && setPhase({ kind: 'preview', preview: null, error: toErrorData(err) }));
    }, 150);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [all, labelKey]);

  const prune = async (preview: PrunePreview) => {
    setPhase({ kind: 'pruning', preview });
    try {
      const result = await api().call('images.prune', { all, labels });
      setPhase({ kind: 'done', preview, result });
    } catch (err) {
      setPhase({ kind: 'failed', error: toErrorData(err) });
    }
  };

  const nameOf = (c: { repoTags: string[] }) => (c.repoTags.length ? c.repoTags.join(', ') : `${NONE}:${NONE}`);

  return (
    <OperationDialog
      title={t('images.pruneDialog.title')}
      running={phase.kind === 'pruning'}
      onCancelOperation={() => {}}
      onClose={onClose}
    >
      {(close) => {
        if (phase.kind === 'done') {
          const { preview, result } = phase;
          const deleted = new Set(result.deleted);
          const removedImages = preview.images.filter((c) => deleted.has(c.id));
          const untaggedOnly = preview.images.filter((c) => c.untagOnly && !deleted.has(c.id));
          const extra = result.deleted.length - removedImages.length;
          return (
            <>
              <p role="status" className="ok">
                {t('images.pruneDialog.done', { count: removedImages.length, space: fmt(result.spaceReclaimed) })}
              </p>
              <ul className="plan-list" aria-label={t('images.pruneDialog.removedLabel')}>
                {removedImages.map((c) => (
                  <li key={c.id}>
                    <code className="mono">{shortId(c.id)}</code> {nameOf(c)}
                  </li>
                ))}
              </ul>
              {extra > 0 ? <p className="muted">{t('images.pruneDialog.extra', { count: extra })}</p> : null}
              {untaggedOnly.length > 0 ? (
                <p className="muted">
                  {t('images.pruneDialog.keptParents', { names: untaggedOnly.map(nameOf).join(', ') })}
                </p>
              ) : null}
              {result.untagged.length > 0 ? (
                <p className="muted">{t('images.pruneDialog.untagged', { count: result.untagged.length })}</p>
              ) : null}
              <div className="dialog-actions">
                <button type="button" className="primary" autoFocus onClick={close}>
                  {t('common.close')}
                </button>
              </div>
            </>
          );
        }
        if (phase.kind === 'failed') {
          return (
            <>
              <ErrorMessage error={phase.error} lead={t('images.pruneDialog.failed')} />
              <div className="dialog-actions">
                <button type="button" onClick={close}>
                  {t('common.close')}
                </button>
              </div>
            </>
          );
        }
        const preview = phase.preview;
        return (
          <>
            <fieldset className="field" disabled={phase.kind === 'pruning'}>
              <legend>{t('images.pruneDialog.which')}</legend>
              <label className="check">
                <input type="radio" name="prune-mode" checked={!all} onChange={() => setAll(false)} />
                {t('images.pruneDialog.dangling')}
              </label>
              <label className="check">
                <input type="radio" name="prune-mode" checked={all} onChange={() => setAll(true)} />
                {t('images.pruneDialog.all')}
              </label>
            </fieldset>
            <div className="field">
              <label htmlFor={labelId}>{t('images.pruneDialog.labels')}</label>
              <input
                id={labelId}
                value={labelText}
                spellCheck={false}
                placeholder="com.example.team=web"
                aria-invalid={labelProblems.length > 0}
                aria-describedby={labelProblems.length ? `${labelId}-problem` : undefined}
                onChange={(e) => setLabelText(e.target.value)}
              />
              {labelProblems.length ? (
                <p id={`${labelId}-problem`} role="alert" className="field-error">
                  {labelProblems
                    .map(({ label, problem }) => t(`images.pruneDialog.labelProblem.${problem}`, { label }))
                    .join(' ')}
                </p>
              ) : null}
            </div>
            {phase.kind === 'preview' && phase.error ? <ErrorMessage error={phase.error} /> : null}
            {!preview && !labelProblems.length && !(phase.kind === 'preview' && phase.error) ? (
              <p role="status">{t('images.pruneDialog.previewing')}</p>
            ) : null}
            {preview ? (
              <>
                <p role="status">
                  {preview.images.length === 0
                    ? t('images.pruneDialog.nothing')
                    : t('images.pruneDialog.willRemove', {
                        count: preview.images.filter((c) => !c.untagOnly).length,
                        space: fmt(preview.sizeUpperBound),
                      })}
                </p>
                {preview.images.length > 0 ? (
                  <ul className="plan-list" aria-label={t('images.pruneDialog.previewLabel')}>
                    {preview.images.map((c) => (
                      <li key={c.id}>
                        <code className="mono">{shortId(c.id)}</code> {nameOf(c)}{' '}
                        <span className="muted">{c.untagOnly ? t('images.pruneDialog.untagOnly') : fmt(c.size)}</span>
                      </li>
                    ))}
                  </ul>
                ) : null}
              </>
            ) : null}
            <div className="dialog-actions">
              <button type="button" onClick={close} disabled={phase.kind === 'pruning'}>
                {t('common.cancel')}
              </button>
              <button
                type="button"
                className="danger"
                disabled={!preview || preview.images.length === 0 || phase.kind === 'pruning'}
                onClick={() => preview && void prune(preview)}
              >
                {phase.kind === 'pruning' ? t('images.pruneDialog.pruning') : t('images.pruneDialog.submit')}
              </button>
            </div>
          </>
        );
      }}
    </OperationDialog>
  );
}

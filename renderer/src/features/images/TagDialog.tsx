import { useSubmit } from '../../ui/useSubmit';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { parseReference } from '../../../../shared/contract/reference';
import { api } from '../../api/instance';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { OperationDialog } from '../../ui/OperationDialog';

/** `docker tag`: the new reference is checked against Docker's grammar as it is typed. */
export function TagDialog({ source, onClose }: { source: string; onClose(): void }) {
  const { t } = useTranslation();
  const inputId = useId();
  const hintId = useId();
  const [target, setTarget] = useState('');
  const [touched, setTouched] = useState(false);
  const { busy, error, submit: send } = useSubmit();
  const [done, setDone] = useState<string | null>(null);

  const trimmed = target.trim();
  const parsed = parseReference(trimmed);
  const problem = parsed.ok ? null : parsed.problem;
  const showProblem = problem !== null && (touched || trimmed.length > 0) && problem !== 'empty';

  const submit = async () => {
    setTouched(true);
    if (problem) return;
    await send(async () => {
      const res = await api().call('images.tag', { source, target: trimmed });
      setDone(res.reference);
    });
  };

  return (
    <OperationDialog
      title={t('images.tagDialog.title', { source })}
      running={busy}
      onCancelOperation={() => {}}
      onClose={onClose}
    >
      {(close) =>
        done ? (
          <>
            <p role="status" className="ok">
              {t('images.tagDialog.done', { source, target: done })}
            </p>
            <div className="dialog-actions">
              <button type="button" className="primary" autoFocus onClick={close}>
                {t('common.close')}
              </button>
            </div>
          </>
        ) : (
          <form
            onSubmit={(e) => {
              e.preventDefault();
              void submit();
            }}
          >
            <div className="field">
              <label htmlFor={inputId}>{t('images.tagDialog.target')}</label>
              <input
                id={inputId}
                autoFocus
                value={target}
                spellCheck={false}
                autoCapitalize="off"
                placeholder="registry.example.com:5000/team/app:1.0"
                aria-invalid={showProblem}
                aria-describedby={hintId}
                onChange={(e) => setTarget(e.target.value)}
                onBlur={() => setTouched(true)}
              />
              <small
                id={hintId}
                className={showProblem ? 'field-error' : undefined}
                role={showProblem ? 'alert' : undefined}
              >
                {showProblem ? t(`images.tagDialog.problem.${problem}`) : t('images.tagDialog.hint')}
              </small>
            </div>
            {error ? <ErrorMessage error={error} lead={t('images.tagDialog.failed')} /> : null}
            <div className="dialog-actions">
              <button type="button" onClick={close}>
                {t('common.cancel')}
              </button>
              <button type="submit" className="primary" disabled={busy || problem !== null}>
                {t('images.tagDialog.submit')}
              </button>
            </div>
          </form>
        )
      }
    </OperationDialog>
  );
}

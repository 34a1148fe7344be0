import { useSubmit } from '../../ui/useSubmit';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/instance';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { OperationDialog } from '../../ui/OperationDialog';
import { ReferenceField, referenceProblem } from '../../ui/ReferenceField';

/** `docker tag`: the new reference is checked against Docker's grammar as it is typed. */
export function TagDialog({ source, onClose }: { source: string; onClose(): void }) {
  const { t } = useTranslation();
  const [target, setTarget] = useState('');
  const { busy, error, submit: send } = useSubmit();
  const [done, setDone] = useState<string | null>(null);

  const trimmed = target.trim();
  const problem = referenceProblem(target, true);

  const submit = async () => {
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
            <ReferenceField
              label={t('images.tagDialog.target')}
              hint={t('images.tagDialog.hint')}
              value={target}
              onChange={setTarget}
              required
              placeholder="registry.example.com:5000/team/app:1.0"
              autoFocus
            />
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

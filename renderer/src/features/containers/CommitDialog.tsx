import { useSubmit } from '../../ui/useSubmit';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CommitResult, ContainerRow } from '../../../../shared/contract/containerModels';
import { api } from '../../api/instance';
import { navigate } from '../../app/route';
import { formatAbsolute, formatBytes } from '../../i18n/format';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { OperationDialog } from '../../ui/OperationDialog';
import { ReferenceField, referenceProblem } from '../../ui/ReferenceField';
import { changeInstructionList, checkChanges } from '../archives/changes';
import { nameOf } from './store';

/** `docker commit -a -m -c -p CONTAINER REPO:TAG`, with the new image's inspect and history as the result. */
export function CommitDialog({
  id,
  container,
  onClose,
}: {
  id: string;
  container: ContainerRow | null;
  onClose(): void;
}) {
  const { t } = useTranslation();
  const ids = {
    author: useId(),
    message: useId(),
    changes: useId(),
    changesHint: useId(),
  };
  const [reference, setReference] = useState('');
  const [author, setAuthor] = useState('');
  const [message, setMessage] = useState('');
  const [changes, setChanges] = useState('');
  const [pause, setPause] = useState(true);
  const { busy, error, submit: send } = useSubmit();
  const [done, setDone] = useState<CommitResult | null>(null);
  const name = container ? nameOf(container) : id.slice(0, 12);

  const ref = reference.trim();
  const refProblem = referenceProblem(reference, false);
  const checked = checkChanges(changes);

  const submit = async () => {
    if (refProblem || checked.invalid) return;
    await send(async () =>
      setDone(
        await api().call('containers.commit', {
          id,
          reference: ref,
          author: author.trim(),
          message,
          changes: checked.lines,
          pause,
        }),
      ),
    );
  };

  return (
    <OperationDialog
      title={t('containers.commitDialog.title', { name })}
      running={busy}
      onCancelOperation={() => {}}
      onClose={onClose}
    >
      {(close) =>
        done ? (
          <CommitOutcome
            result={done}
            onClose={close}
            onShow={() => {
              close();
              navigate('images', done.imageId.replace(/^sha256:/, '').slice(0, 12));
            }}
          />
        ) : (
          <form
            onSubmit={(e) => {
              e.preventDefault();
              void submit();
            }}
          >
            <p className="muted">{t('containers.commitDialog.intro')}</p>
            <ReferenceField
              label={t('containers.commitDialog.reference')}
              hint={t('containers.commitDialog.referenceHint')}
              value={reference}
              onChange={setReference}
              required={false}
              placeholder="team/app:1.0"
              autoFocus
            />
            <div className="field">
              <label htmlFor={ids.author}>{t('containers.commitDialog.author')}</label>
              <input
                id={ids.author}
                value={author}
                translate="no"
                placeholder="Jane Doe <jane@example.com>"
                onChange={(e) => setAuthor(e.target.value)}
              />
            </div>
            <div className="field">
              <label htmlFor={ids.message}>{t('containers.commitDialog.message')}</label>
              <textarea id={ids.message} rows={2} value={message} onChange={(e) => setMessage(e.target.value)} />
            </div>
            <div className="field">
              <label htmlFor={ids.changes}>{t('containers.commitDialog.changes')}</label>
              <textarea
                id={ids.changes}
                rows={3}
                className="mono"
                spellCheck={false}
                value={changes}
                translate="no"
                placeholder={'CMD ["nginx", "-g", "daemon off;"]\nEXPOSE 80'}
                aria-invalid={checked.invalid !== undefined}
                aria-describedby={ids.changesHint}
                onChange={(e) => setChanges(e.target.value)}
              />
              <small
                id={ids.changesHint}
                className={checked.invalid ? 'field-error' : undefined}
                role={checked.invalid ? 'alert' : undefined}
              >
                {checked.invalid
                  ? t('containers.commitDialog.changeInvalid', {
                      line: checked.invalid.line,
                      text: checked.invalid.text,
                      list: changeInstructionList,
                    })
                  : t('containers.commitDialog.changesHint', { list: changeInstructionList })}
              </small>
            </div>
            <label className="check">
              <input type="checkbox" checked={pause} onChange={(e) => setPause(e.target.checked)} />
              {t('containers.commitDialog.pause')}
            </label>
            {error ? <ErrorMessage error={error} lead={t('containers.commitDialog.failed')} /> : null}
            <div className="dialog-actions">
              <button type="button" onClick={close}>
                {t('common.cancel')}
              </button>
              <button
                type="submit"
                className="primary"
                disabled={busy || refProblem !== null || checked.invalid !== undefined}
              >
                {busy ? t('containers.commitDialog.running') : t('containers.commitDialog.submit')}
              </button>
            </div>
          </form>
        )
      }
    </OperationDialog>
  );
}

function CommitOutcome({ result, onClose, onShow }: { result: CommitResult; onClose(): void; onShow(): void }) {
  const { t, i18n } = useTranslation();
  const short = result.imageId.replace(/^sha256:/, '').slice(0, 12);
  return (
    <>
      <div role="status" className="ok">
        <p>
          {result.reference
            ? t('containers.commitDialog.done', { id: short, reference: result.reference })
            : t('containers.commitDialog.doneUntagged', { id: short })}
        </p>
      </div>
      <dl className="facts" aria-label={t('containers.commitDialog.inspectTitle')}>
        <dt>{t('containers.commitDialog.author')}</dt>
        <dd>{result.author || '—'}</dd>
        <dt>{t('containers.commitDialog.message')}</dt>
        <dd>{result.comment || '—'}</dd>
        <dt>CMD</dt>
        <dd className="mono">{result.config.cmd ? JSON.stringify(result.config.cmd) : '—'}</dd>
        <dt>ENTRYPOINT</dt>
        <dd className="mono">{result.config.entrypoint ? JSON.stringify(result.config.entrypoint) : '—'}</dd>
      </dl>
      <table className="import-history" aria-label={t('containers.commitDialog.historyTitle')}>
        <thead>
          <tr>
            <th scope="col">{t('containers.commitDialog.historyCreated')}</th>
            <th scope="col">{t('containers.commitDialog.historyBy')}</th>
            <th scope="col">{t('containers.commitDialog.historyComment')}</th>
            <th scope="col">{t('containers.commitDialog.historySize')}</th>
          </tr>
        </thead>
        <tbody>
          {result.history.map((h, i) => (
            <tr key={i}>
              <td>{formatAbsolute(h.created, i18n.language)}</td>
              <td>
                <code>{h.createdBy || '—'}</code>
              </td>
              <td>{h.comment}</td>
              <td>{formatBytes(h.size, i18n.language)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="dialog-actions">
        <button type="button" onClick={onShow}>
          {t('containers.commitDialog.showImage')}
        </button>
        <button type="button" className="primary" autoFocus onClick={onClose}>
          {t('common.close')}
        </button>
      </div>
    </>
  );
}

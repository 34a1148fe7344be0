import { useSubmit } from '../../ui/useSubmit';
import { useTranslation } from 'react-i18next';
import type { ContainerRow } from '../../../../shared/contract/containerModels';
import { api } from '../../api/instance';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { OperationDialog } from '../../ui/OperationDialog';
import { nameOf } from './store';

/** `docker rm [-f]`: a running container is stopped first only when the user says so. */
export function RemoveContainerDialog({
  id,
  container,
  onClose,
}: {
  id: string;
  container: ContainerRow | null;
  onClose(): void;
}) {
  const { t } = useTranslation();
  const { busy, error, submit } = useSubmit();
  const name = container ? nameOf(container) : id.slice(0, 12);
  const running = container?.state === 'running' || container?.state === 'restarting' || container?.state === 'paused';

  const remove = async (close: () => void) => {
    await submit(async () => {
      await api().call('containers.remove', { id, force: running });
      close();
    });
  };

  return (
    <OperationDialog
      title={t('containers.removeDialog.title', { name })}
      running={busy}
      onCancelOperation={() => {}}
      onClose={onClose}
    >
      {(close) => (
        <>
          <p>
            {running ? t('containers.removeDialog.running', { name }) : t('containers.removeDialog.body', { name })}
          </p>
          {error ? <ErrorMessage error={error} lead={t('containers.removeDialog.failed', { name })} /> : null}
          <div className="dialog-actions">
            <button type="button" autoFocus onClick={close}>
              {t('common.cancel')}
            </button>
            <button type="button" className="danger" disabled={busy} onClick={() => void remove(close)}>
              {running ? t('containers.removeDialog.forceSubmit') : t('containers.removeDialog.submit')}
            </button>
          </div>
        </>
      )}
    </OperationDialog>
  );
}

import { useTranslation } from 'react-i18next';

/**
 * The button row of a dialog that edits, then runs one operation (save,
 * export, import): while running only "cancel the operation"; before it,
 * Cancel and Start; after it, Close (and Start again unless it succeeded).
 */
export function FormDialogActions({
  running,
  editing,
  done,
  canStart,
  labels,
  onCancelOperation,
  onClose,
  onBackground,
}: {
  running: boolean;
  /** Nothing has run yet. */
  editing: boolean;
  /** The operation succeeded: nothing left to start. */
  done: boolean;
  canStart: boolean;
  labels: { cancelOperation: string; cancel: string; close: string; start: string };
  onCancelOperation(): void;
  onClose(): void;
  /** A task: close the dialog while it keeps running in the tasks drawer. */
  onBackground?(): void;
}) {
  const { t } = useTranslation();
  return (
    <div className="dialog-actions">
      {running ? (
        <>
          {onBackground ? (
            <button type="button" onClick={onBackground}>
              {t('tasks.background')}
            </button>
          ) : null}
          <button type="button" onClick={onCancelOperation}>
            {labels.cancelOperation}
          </button>
        </>
      ) : (
        <>
          <button type="button" onClick={onClose}>
            {editing ? labels.cancel : labels.close}
          </button>
          {!done ? (
            <button type="submit" className="primary" disabled={!canStart}>
              {labels.start}
            </button>
          ) : null}
        </>
      )}
    </div>
  );
}

import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, type ApiErrorData } from '../../../../shared/contract/errors';
import type { ByteProgress, LoadResult } from '../../../../shared/contract/models';
import type { OperationHandle } from '../../api/client';
import { api } from '../../api/instance';
import { formatBytes } from '../../i18n/format';
import { ErrorMessage } from '../../ui/ErrorMessage';

type Phase =
  | { kind: 'running'; progress: ByteProgress | null }
  | { kind: 'done'; result: LoadResult }
  | { kind: 'cancelled' }
  | { kind: 'failed'; error: ApiErrorData };

const toErrorData = (err: unknown): ApiErrorData =>
  err instanceof ApiError ? err.toJSON() : { code: 'INTERNAL', message: String(err) };

/**
 * `docker load -i`: loads the archive the user picked, with byte progress
 * and cancel, and lists what it loaded. (Drag-and-drop and OCI archives
 * come with the archives issue.)
 */
export function LoadDialog({ file, onClose }: { file: File; onClose(): void }) {
  const { t, i18n } = useTranslation();
  const titleId = useId();
  const dialogRef = useRef<HTMLDialogElement>(null);
  const [phase, setPhase] = useState<Phase>({ kind: 'running', progress: null });
  const handle = useRef<OperationHandle<LoadResult> | null>(null);
  const fmt = (n: number) => formatBytes(n, i18n.language);

  useEffect(() => {
    const d = dialogRef.current;
    if (d && !d.open) d.showModal();
    let live = true;
    void (async () => {
      try {
        const client = api();
        const { source, transfer } = await client.fileSource(file);
        const op = client.start('images.load', { source }, (progress) => {
          if (live) setPhase({ kind: 'running', progress });
        });
        handle.current = op;
        // A refused or cut transfer shows up as the operation's own failure.
        transfer().catch(() => {});
        const result = await op.result;
        if (live) setPhase({ kind: 'done', result });
      } catch (err) {
        if (!live) return;
        if (err instanceof ApiError && err.code === 'CANCELLED') setPhase({ kind: 'cancelled' });
        else setPhase({ kind: 'failed', error: toErrorData(err) });
      }
    })();
    return () => {
      live = false;
    };
  }, [file]);

  const running = phase.kind === 'running';
  const close = () => {
    if (running) return;
    dialogRef.current?.close();
    onClose();
  };
  const progress = running ? phase.progress : null;

  return (
    <dialog
      ref={dialogRef}
      aria-labelledby={titleId}
      className="dialog"
      onCancel={(e) => {
        e.preventDefault();
        if (running) void handle.current?.cancel();
        else close();
      }}
    >
      <h2 id={titleId}>{t('load.title')}</h2>
      <p>{t('load.file', { name: file.name, size: fmt(file.size) })}</p>
      {running ? (
        <div className="progress">
          <progress
            aria-label={t('load.progressLabel')}
            max={file.size || undefined}
            value={progress ? progress.bytes : undefined}
          />
          <div className="progress-text" aria-live="polite">
            {progress
              ? t('load.progress', {
                  done: fmt(progress.bytes),
                  total: fmt(file.size),
                  speed: fmt(progress.bytesPerSecond),
                })
              : t('load.starting')}
          </div>
        </div>
      ) : null}
      {phase.kind === 'done' ? (
        <div role="status" className="ok">
          <p>{t('load.done', { count: phase.result.images.length })}</p>
          <ul aria-label={t('load.loadedList')}>
            {phase.result.images.map((ref) => (
              <li key={ref}>
                <code>{ref}</code>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {phase.kind === 'cancelled' ? <p role="status">{t('load.cancelled')}</p> : null}
      {phase.kind === 'failed' ? <ErrorMessage error={phase.error} lead={t('load.failed')} /> : null}
      <div className="dialog-actions">
        {running ? (
          <button type="button" onClick={() => void handle.current?.cancel()}>
            {t('load.cancelLoad')}
          </button>
        ) : (
          <button type="button" onClick={close}>
            {t('load.close')}
          </button>
        )}
      </div>
    </dialog>
  );
}

import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiErrorData } from '../../../../shared/contract/errors';
import type { ByteProgress, LoadResult } from '../../../../shared/contract/models';
import type { OperationHandle } from '../../api/client';
import { api } from '../../api/instance';
import { formatBytes } from '../../i18n/format';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { isCancelled, toErrorData } from '../../api/errorData';
import { OperationDialog } from '../../ui/OperationDialog';
import { ProgressBlock } from '../../ui/ProgressBlock';

type Phase =
  | { kind: 'running'; progress: ByteProgress | null }
  | { kind: 'done'; result: LoadResult }
  | { kind: 'cancelled' }
  | { kind: 'failed'; error: ApiErrorData };

/**
 * `docker load -i`: loads the archive the user picked, with byte progress
 * and cancel, and lists what it loaded. (Drag-and-drop and OCI archives
 * come with the archives issue.)
 */
export function LoadDialog({ file, onClose }: { file: File; onClose(): void }) {
  const { t, i18n } = useTranslation();
  const [phase, setPhase] = useState<Phase>({ kind: 'running', progress: null });
  const handle = useRef<OperationHandle<LoadResult> | null>(null);
  const fmt = (n: number) => formatBytes(n, i18n.language);

  useEffect(() => {
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
        if (live) setPhase(isCancelled(err) ? { kind: 'cancelled' } : { kind: 'failed', error: toErrorData(err) });
      }
    })();
    return () => {
      live = false;
    };
  }, [file]);

  const running = phase.kind === 'running';
  const cancel = () => void handle.current?.cancel();
  const progress = running ? phase.progress : null;

  return (
    <OperationDialog title={t('load.title')} running={running} onCancelOperation={cancel} onClose={onClose}>
      {(close) => (
        <>
          <p>{t('load.file', { name: file.name, size: fmt(file.size) })}</p>
          {running ? (
            <ProgressBlock
              label={t('load.progressLabel')}
              {...(progress ? { value: progress.bytes, max: file.size } : {})}
              text={
                progress
                  ? t('load.progress', {
                      done: fmt(progress.bytes),
                      total: fmt(file.size),
                      speed: fmt(progress.bytesPerSecond),
                    })
                  : t('load.starting')
              }
            />
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
              <button type="button" onClick={cancel}>
                {t('load.cancelLoad')}
              </button>
            ) : (
              <button type="button" onClick={close}>
                {t('load.close')}
              </button>
            )}
          </div>
        </>
      )}
    </OperationDialog>
  );
}

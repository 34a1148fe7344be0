import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { archiveProblems, type ArchiveProblem } from '../../../../shared/contract/archiveModels';
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
  | { kind: 'waiting' }
  | { kind: 'running'; progress: ByteProgress | null }
  | { kind: 'done'; result: LoadResult }
  | { kind: 'cancelled' }
  | { kind: 'failed'; error: ApiErrorData };

/** The problem an INVALID_ARCHIVE error names, when it names one we can say in the user's language. */
export const problemOf = (error: ApiErrorData): ArchiveProblem | undefined => {
  const p = error.details?.problem;
  return error.code === 'INVALID_ARCHIVE' && archiveProblems.includes(p as ArchiveProblem)
    ? (p as ArchiveProblem)
    : undefined;
};

/** Images the engine loaded from an archive before it refused the rest of it. */
const loadedBeforeFailure = (error: ApiErrorData): string[] => {
  const loaded = error.details?.loaded;
  return Array.isArray(loaded) ? loaded.filter((x): x is string => typeof x === 'string') : [];
};

/**
 * `docker load -i`: loads the archives the user picked or dropped, one
 * after another, with byte progress and cancel, and lists what each loaded
 * or why it could not.
 */
export function LoadDialog({ files, onClose }: { files: File[]; onClose(): void }) {
  const { t, i18n } = useTranslation();
  const [phases, setPhases] = useState<Phase[]>(() => files.map(() => ({ kind: 'waiting' })));
  const handle = useRef<OperationHandle<LoadResult> | null>(null);
  const stopped = useRef(false);
  const fmt = (n: number) => formatBytes(n, i18n.language);

  useEffect(() => {
    let live = true;
    stopped.current = false;
    const set = (i: number, phase: Phase) => {
      if (live) setPhases((all) => all.map((p, j) => (j === i ? phase : p)));
    };
    void (async () => {
      for (const [i, file] of files.entries()) {
        if (!live) return;
        if (stopped.current) {
          set(i, { kind: 'cancelled' });
          continue;
        }
        set(i, { kind: 'running', progress: null });
        try {
          const client = api();
          const { source, transfer } = await client.fileSource(file);
          const op = client.start('images.load', { source }, (progress) => set(i, { kind: 'running', progress }));
          handle.current = op;
          // A refused or cut transfer shows up as the operation's own failure.
          transfer().catch(() => {});
          set(i, { kind: 'done', result: await op.result });
        } catch (err) {
          set(i, isCancelled(err) ? { kind: 'cancelled' } : { kind: 'failed', error: toErrorData(err) });
        }
      }
    })();
    return () => {
      live = false;
    };
  }, [files]);

  const running = phases.some((p) => p.kind === 'running' || p.kind === 'waiting');
  // In a batch, other files may have changed the engine's images: speak of this file only.
  const batch = files.length > 1;
  const cancel = () => {
    stopped.current = true;
    void handle.current?.cancel();
  };

  const body = (file: File, phase: Phase) => {
    switch (phase.kind) {
      case 'waiting':
        return <p>{t('load.waiting')}</p>;
      case 'running': {
        const progress = phase.progress;
        return (
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
        );
      }
      case 'done':
        return (
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
        );
      case 'cancelled':
        return <p role="status">{t(batch ? 'load.cancelledInBatch' : 'load.cancelled')}</p>;
      case 'failed': {
        const problem = problemOf(phase.error);
        const compression = phase.error.details?.compression;
        // The specific reason replaces the generic "not a complete image archive".
        const reason = problem
          ? t(`load.problems.${problem}`, { compression: typeof compression === 'string' ? compression : '' })
          : undefined;
        const loaded = loadedBeforeFailure(phase.error);
        if (loaded.length) {
          return (
            <div>
              <ErrorMessage error={phase.error} lead={t('load.partly', { count: loaded.length })} reason={reason} />
              <ul aria-label={t('load.loadedList')}>
                {loaded.map((ref) => (
                  <li key={ref}>
                    <code>{ref}</code>
                  </li>
                ))}
              </ul>
            </div>
          );
        }
        return (
          <ErrorMessage error={phase.error} lead={t(batch ? 'load.failedInBatch' : 'load.failed')} reason={reason} />
        );
      }
    }
  };

  return (
    <OperationDialog title={t('load.title')} running={running} onCancelOperation={cancel} onClose={onClose}>
      {(close) => (
        <>
          {files.map((file, i) => (
            <section key={i} aria-label={file.name} className="load-file">
              <p>{t('load.file', { name: file.name, size: fmt(file.size) })}</p>
              {body(file, phases[i] ?? { kind: 'waiting' })}
            </section>
          ))}
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

import { useRef, useState } from 'react';
import type { ApiErrorData } from '../../../../shared/contract/errors';
import type { ByteProgress } from '../../../../shared/contract/models';
import type { OperationHandle } from '../../api/client';
import { isCancelled, toErrorData } from '../../api/errorData';
import type { ArchiveTarget } from './archiveTarget';
import { prepareDownload } from './download';

export type ByteOperationPhase<R> =
  | { kind: 'edit' }
  | { kind: 'running'; progress: ByteProgress | null }
  | { kind: 'done'; result: R }
  | { kind: 'cancelled' }
  | { kind: 'failed'; error: ApiErrorData };

/** What a save or an export is told about where to write. */
export type TargetArgs = { path: string; overwrite: boolean } | { download: string };

/**
 * The life of a save or an export in its dialog: edit → running (byte
 * progress) → done, cancelled or failed. `run` asks for a download first in
 * serve mode and makes the browser fetch it once the operation has started.
 */
export function useByteOperation<R>() {
  const [phase, setPhase] = useState<ByteOperationPhase<R>>({ kind: 'edit' });
  const handle = useRef<OperationHandle<R> | null>(null);

  const settle = (op: OperationHandle<R>) => {
    handle.current = op;
    op.result.then(
      (result) => setPhase({ kind: 'done', result }),
      (err: unknown) =>
        setPhase(isCancelled(err) ? { kind: 'cancelled' } : { kind: 'failed', error: toErrorData(err) }),
    );
  };

  const run = (
    target: ArchiveTarget,
    start: (where: TargetArgs, onProgress: (p: ByteProgress) => void) => OperationHandle<R>,
  ) => {
    setPhase({ kind: 'running', progress: null });
    const onProgress = (progress: ByteProgress) => setPhase({ kind: 'running', progress });
    if (!target.download) {
      settle(start({ path: target.path, overwrite: target.overwrite }, onProgress));
      return;
    }
    prepareDownload(target.name).then(
      ({ downloadId, fetch }) => {
        settle(start({ download: downloadId }, onProgress));
        fetch();
      },
      (err: unknown) => setPhase({ kind: 'failed', error: toErrorData(err) }),
    );
  };

  return {
    phase,
    running: phase.kind === 'running',
    progress: phase.kind === 'running' ? phase.progress : null,
    run,
    cancel: () => void handle.current?.cancel(),
  };
}

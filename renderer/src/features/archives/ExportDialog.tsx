import { useEffect, useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { containerState } from '../../i18n/containerState';
import type { ContainerSummary, ExportResult } from '../../../../shared/contract/archiveModels';
import type { ApiErrorData } from '../../../../shared/contract/errors';
import { toErrorData } from '../../api/errorData';
import { api } from '../../api/instance';
import { formatBytes } from '../../i18n/format';
import { useImages } from '../../stores/images';
import { FormDialogActions } from '../../ui/FormDialogActions';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { OperationDialog } from '../../ui/OperationDialog';
import { ProgressBlock } from '../../ui/ProgressBlock';
import { ArchiveTargetField, OverwriteCheck, useArchiveTarget } from './archiveTarget';
import { useByteOperation } from './useByteOperation';

const nameOf = (c: ContainerSummary) => c.names[0] ?? c.id.slice(0, 12);
const fileNameFor = (c: ContainerSummary | undefined) =>
  `${(c ? nameOf(c) : 'container').replace(/[^A-Za-z0-9._-]+/g, '_')}-fs.tar`;

/**
 * `docker export -o`: a container's file system to one flat tar, with the
 * same .partial + rename, progress and cancel as a save.
 */
export function ExportDialog({ onClose }: { onClose(): void }) {
  const { t, i18n } = useTranslation();
  const hintId = useId();
  const [containers, setContainers] = useState<ContainerSummary[] | null>(null);
  const images = useImages((s) => s.images);
  // A container made from an image ID: show the image's tag when it has one, else a short ID.
  const imageName = (image: string) => {
    if (!/^sha256:[0-9a-f]+$/.test(image)) return image;
    const found = images.find((i) => i.id === image);
    return found?.repoTags[0] ?? image.slice(7, 19);
  };
  const [listError, setListError] = useState<ApiErrorData | null>(null);
  const [selected, setSelected] = useState('');
  const container = containers?.find((c) => c.id === selected);
  const target = useArchiveTarget(fileNameFor(container));
  const download = target.download;
  const { phase, running, progress, run, cancel } = useByteOperation<ExportResult>();
  const fmt = (n: number) => formatBytes(n, i18n.language);

  useEffect(() => {
    api()
      .call('containers.list', {})
      .then(
        (list) => {
          setContainers(list);
          setSelected((s) => s || (list[0]?.id ?? ''));
        },
        (err: unknown) => setListError(toErrorData(err)),
      );
  }, []);

  const start = (e: FormEvent) => {
    e.preventDefault();
    if (!selected) return;
    run(target, (where, onProgress) => api().start('containers.export', { container: selected, ...where }, onProgress));
  };

  return (
    <OperationDialog title={t('archives.export.title')} running={running} onCancelOperation={cancel} onClose={onClose}>
      {(close, hide) => (
        <form onSubmit={start}>
          <p>{t('archives.export.explain')}</p>
          {listError ? <ErrorMessage error={listError} /> : null}
          {containers === null && !listError ? <p role="status">{t('archives.export.loading')}</p> : null}
          {containers?.length === 0 ? <p>{t('archives.export.none')}</p> : null}
          <label className="field">
            <span>{t('archives.export.container')}</span>
            <select
              value={selected}
              onChange={(e) => setSelected(e.target.value)}
              disabled={running || !containers?.length}
              required
            >
              {(containers ?? []).map((c) => (
                <option key={c.id} value={c.id}>
                  {t('archives.export.option', {
                    name: nameOf(c),
                    image: imageName(c.image),
                    state: containerState(t, c.state),
                  })}
                </option>
              ))}
            </select>
          </label>
          <ArchiveTargetField
            target={target}
            running={running}
            pathLabel={t('archives.export.path')}
            hintId={`${hintId}-target`}
          />
          <OverwriteCheck target={target} running={running} />
          {running ? (
            <ProgressBlock
              label={t(download ? 'downloads.progressLabel' : 'archives.export.progressLabel')}
              {...(progress && progress.bytes > 0 && progress.total
                ? { value: progress.bytes, max: progress.total }
                : {})}
              text={t('archives.export.progress', {
                done: fmt(progress?.bytes ?? 0),
                total: fmt(progress?.total ?? 0),
                speed: fmt(progress?.bytesPerSecond ?? 0),
              })}
            />
          ) : null}
          {phase.kind === 'done' ? (
            <p role="status" className="ok">
              {download
                ? t('downloads.done', { size: fmt(phase.result.bytes), name: phase.result.path })
                : t('archives.export.done', { size: fmt(phase.result.bytes), path: phase.result.path })}
            </p>
          ) : null}
          {phase.kind === 'cancelled' ? (
            <p role="status">{t(download ? 'downloads.cancelled' : 'archives.export.cancelled')}</p>
          ) : null}
          {phase.kind === 'failed' ? (
            <ErrorMessage error={phase.error} lead={t(download ? 'downloads.failed' : 'archives.export.failed')} />
          ) : null}
          <FormDialogActions
            running={running}
            editing={phase.kind === 'edit'}
            done={phase.kind === 'done'}
            canStart={!!selected && !target.relative}
            labels={{
              cancelOperation: t('archives.export.cancelExport'),
              cancel: t('archives.export.cancel'),
              close: t('archives.export.close'),
              start: t('archives.export.start'),
            }}
            onCancelOperation={cancel}
            onClose={close}
            onBackground={hide}
          />
        </form>
      )}
    </OperationDialog>
  );
}

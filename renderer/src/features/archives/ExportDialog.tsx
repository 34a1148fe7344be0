import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { containerState } from '../../i18n/containerState';
import type { ContainerSummary, ExportResult } from '../../../../shared/contract/archiveModels';
import type { ApiErrorData } from '../../../../shared/contract/errors';
import type { ByteProgress } from '../../../../shared/contract/models';
import type { OperationHandle } from '../../api/client';
import { isCancelled, toErrorData } from '../../api/errorData';
import { api } from '../../api/instance';
import { formatBytes } from '../../i18n/format';
import { useHost } from '../../stores/host';
import { useImages } from '../../stores/images';
import { FormDialogActions } from '../../ui/FormDialogActions';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { OperationDialog } from '../../ui/OperationDialog';
import { ProgressBlock } from '../../ui/ProgressBlock';
import { isAbsolutePathOn } from '../../../../shared/contract/schemas';
import { fullPathExample, prepareDownload } from './download';
import { joinPath } from './paths';

type Phase =
  | { kind: 'edit' }
  | { kind: 'running'; progress: ByteProgress | null }
  | { kind: 'done'; result: ExportResult }
  | { kind: 'cancelled' }
  | { kind: 'failed'; error: ApiErrorData };

const nameOf = (c: ContainerSummary) => c.names[0] ?? c.id.slice(0, 12);
const fileNameFor = (c: ContainerSummary | undefined) =>
  `${(c ? nameOf(c) : 'container').replace(/[^A-Za-z0-9._-]+/g, '_')}-fs.tar`;

/**
 * `docker export -o`: a container's file system to one flat tar, with the
 * same .partial + rename, progress and cancel as a save.
 */
export function ExportDialog({ onClose }: { onClose(): void }) {
  const { t, i18n } = useTranslation();
  const host = useHost((s) => s.info);
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
  const [chosenPath, setChosenPath] = useState<string | null>(null);
  const [overwrite, setOverwrite] = useState(false);
  const [phase, setPhase] = useState<Phase>({ kind: 'edit' });
  const handle = useRef<OperationHandle<ExportResult> | null>(null);
  const fmt = (n: number) => formatBytes(n, i18n.language);
  const running = phase.kind === 'running';
  const container = containers?.find((c) => c.id === selected);
  const path = chosenPath ?? joinPath(host?.defaultDirectory ?? '/tmp', fileNameFor(container));
  // Serve mode: a download to the browser's computer, never a path on the server.
  const download = host?.mode === 'serve';
  const [chosenName, setChosenName] = useState<string | null>(null);
  const name = chosenName ?? fileNameFor(container);
  const relative = !download && !isAbsolutePathOn(path, host?.platform ?? 'linux');

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

  const browse = async () => {
    const choice = await api().call('host.pickSavePath', { defaultName: fileNameFor(container) });
    if (choice.path) {
      setChosenPath(choice.path);
      setOverwrite(true);
    }
  };

  const settle = (op: OperationHandle<ExportResult>) => {
    handle.current = op;
    op.result.then(
      (result) => setPhase({ kind: 'done', result }),
      (err: unknown) =>
        setPhase(isCancelled(err) ? { kind: 'cancelled' } : { kind: 'failed', error: toErrorData(err) }),
    );
  };

  const start = (e: FormEvent) => {
    e.preventDefault();
    if (!selected) return;
    setPhase({ kind: 'running', progress: null });
    const onProgress = (progress: ByteProgress) => setPhase({ kind: 'running', progress });
    if (!download) {
      settle(api().start('containers.export', { container: selected, path, overwrite }, onProgress));
      return;
    }
    prepareDownload(name).then(
      ({ downloadId, fetch }) => {
        settle(api().start('containers.export', { container: selected, download: downloadId }, onProgress));
        fetch();
      },
      (err: unknown) => setPhase({ kind: 'failed', error: toErrorData(err) }),
    );
  };
  const cancel = () => void handle.current?.cancel();
  const progress = phase.kind === 'running' ? phase.progress : null;

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
          {download ? (
            <label className="field">
              <span>{t('downloads.name')}</span>
              <input
                type="text"
                value={name}
                onChange={(e) => setChosenName(e.target.value)}
                disabled={running}
                required
                spellCheck={false}
                aria-describedby="export-download-hint"
              />
              <small id="export-download-hint">{t('downloads.nameHint')}</small>
            </label>
          ) : (
            <>
              <label className="field">
                <span>{t('archives.export.path')}</span>
                <span className="row">
                  <input
                    type="text"
                    value={path}
                    onChange={(e) => setChosenPath(e.target.value)}
                    disabled={running}
                    required
                    spellCheck={false}
                  />
                  {host?.nativeDialogs ? (
                    <button type="button" onClick={() => void browse()} disabled={running}>
                      {t('save.browse')}
                    </button>
                  ) : null}
                </span>
                {relative ? (
                  <small className="field-error">
                    {t('downloads.fullPath', { example: fullPathExample(host?.platform) })}
                  </small>
                ) : null}
              </label>
              <label className="check">
                <input
                  type="checkbox"
                  checked={overwrite}
                  onChange={(e) => setOverwrite(e.target.checked)}
                  disabled={running}
                />
                <span>{t('save.overwrite')}</span>
              </label>
            </>
          )}
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
            canStart={!!selected && !relative}
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

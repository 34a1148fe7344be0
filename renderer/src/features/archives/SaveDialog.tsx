import { useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiErrorData } from '../../../../shared/contract/errors';
import type { ByteProgress, SaveResult } from '../../../../shared/contract/models';
import type { OperationHandle } from '../../api/client';
import { api } from '../../api/instance';
import { formatBytes } from '../../i18n/format';
import { useHost } from '../../stores/host';
import { FormDialogActions } from '../../ui/FormDialogActions';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { isCancelled, toErrorData } from '../../api/errorData';
import { OperationDialog } from '../../ui/OperationDialog';
import { ProgressBlock } from '../../ui/ProgressBlock';
import { isAbsolutePathOn } from '../../../../shared/contract/schemas';
import { fullPathExample, prepareDownload } from './download';
import { archiveNameFor, joinPath, parseReferences, withCompression } from './paths';

type Phase =
  | { kind: 'edit' }
  | { kind: 'running'; progress: ByteProgress | null }
  | { kind: 'done'; result: SaveResult }
  | { kind: 'cancelled' }
  | { kind: 'failed'; error: ApiErrorData };

/**
 * `docker save -o`: one or several images (tags kept) to one archive. On
 * the desktop, pick a path (native dialog); the backend writes a .partial
 * file and renames it, so a cancel or failure leaves nothing. In serve
 * mode the archive downloads to the browser's computer, streamed as the
 * engine sends it. Optionally gzip, watch byte progress, cancel at any time.
 * With `editable`, the user names the images (the toolbar's Save…).
 */
export function SaveDialog({
  references: initial,
  editable = false,
  onClose,
}: {
  references: string[];
  editable?: boolean;
  onClose(): void;
}) {
  const { t, i18n } = useTranslation();
  const host = useHost((s) => s.info);
  const hintId = useId();
  const [refsText, setRefsText] = useState(initial.join('\n'));
  const references = editable ? parseReferences(refsText) : initial;
  const directory = host?.defaultDirectory ?? '/tmp';
  const [gzip, setGzip] = useState(false);
  // The path follows the images named until the user types or picks one.
  const [chosenPath, setChosenPath] = useState<string | null>(null);
  const path = chosenPath ?? withCompression(joinPath(directory, archiveNameFor(references)), gzip);
  // Serve mode: a download to the browser's computer, never a path on the server.
  const download = host?.mode === 'serve';
  const [chosenName, setChosenName] = useState<string | null>(null);
  const name = chosenName ?? withCompression(archiveNameFor(references), gzip);
  // A relative path would be refused by the backend; say so as the user types.
  const relative = !download && !isAbsolutePathOn(path, host?.platform ?? 'linux');
  const [overwrite, setOverwrite] = useState(false);
  const [phase, setPhase] = useState<Phase>({ kind: 'edit' });
  const handle = useRef<OperationHandle<SaveResult> | null>(null);
  const fmt = (n: number) => formatBytes(n, i18n.language);
  const running = phase.kind === 'running';

  const browse = async () => {
    const choice = await api().call('host.pickSavePath', {
      defaultName: withCompression(archiveNameFor(references), gzip),
    });
    if (choice.path) {
      setChosenPath(choice.path);
      // The native dialog already asked before replacing an existing file.
      setOverwrite(true);
    }
  };

  const settle = (op: OperationHandle<SaveResult>) => {
    handle.current = op;
    op.result.then(
      (result) => setPhase({ kind: 'done', result }),
      (err: unknown) =>
        setPhase(isCancelled(err) ? { kind: 'cancelled' } : { kind: 'failed', error: toErrorData(err) }),
    );
  };

  const start = (e: FormEvent) => {
    e.preventDefault();
    if (references.length === 0) return;
    setPhase({ kind: 'running', progress: null });
    const onProgress = (progress: ByteProgress) => setPhase({ kind: 'running', progress });
    if (!download) {
      settle(api().start('images.save', { references, path, overwrite, gzip }, onProgress));
      return;
    }
    prepareDownload(name).then(
      ({ downloadId, fetch }) => {
        settle(api().start('images.save', { references, download: downloadId, gzip }, onProgress));
        fetch();
      },
      (err: unknown) => setPhase({ kind: 'failed', error: toErrorData(err) }),
    );
  };
  const cancel = () => void handle.current?.cancel();

  const progress = phase.kind === 'running' ? phase.progress : null;
  const total = progress?.total ?? 0;
  // Until the first byte, the engine is still exporting the image.
  const flowing = progress !== null && progress.bytes > 0;

  return (
    <OperationDialog title={t('save.title')} running={running} onCancelOperation={cancel} onClose={onClose}>
      {(close, hide) => (
        <form onSubmit={start}>
          {editable ? (
            <label className="field">
              <span>{t('save.references')}</span>
              <textarea
                value={refsText}
                onChange={(e) => setRefsText(e.target.value)}
                disabled={running}
                rows={3}
                required
                spellCheck={false}
                aria-describedby={hintId}
              />
              <small id={hintId}>{t('save.referencesHint')}</small>
            </label>
          ) : (
            <p>{t('save.images', { refs: references.join(', ') })}</p>
          )}
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
                aria-describedby={`${hintId}-target`}
              />
              <small id={`${hintId}-target`}>{t('downloads.nameHint')}</small>
            </label>
          ) : (
            <label className="field">
              <span>{t('save.path')}</span>
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
              ) : (
                <small>{t('save.pathHint', { partial: `${path.split(/[\\/]/).pop() ?? ''}.…partial` })}</small>
              )}
            </label>
          )}
          <label className="check">
            <input
              type="checkbox"
              checked={gzip}
              onChange={(e) => {
                setGzip(e.target.checked);
                if (chosenPath !== null) setChosenPath(withCompression(chosenPath, e.target.checked));
                if (chosenName !== null) setChosenName(withCompression(chosenName, e.target.checked));
              }}
              disabled={running}
            />
            <span>{t('save.gzip')}</span>
          </label>
          {download ? null : (
            <label className="check">
              <input
                type="checkbox"
                checked={overwrite}
                onChange={(e) => setOverwrite(e.target.checked)}
                disabled={running}
              />
              <span>{t('save.overwrite')}</span>
            </label>
          )}

          {running ? (
            <ProgressBlock
              label={t(download ? 'downloads.progressLabel' : 'save.progressLabel')}
              {...(flowing ? { value: progress.bytes, max: total } : {})}
              text={
                flowing
                  ? t('save.progress', {
                      done: fmt(progress.bytes),
                      total: fmt(total),
                      speed: fmt(progress.bytesPerSecond),
                    })
                  : t('save.preparing', { total: fmt(total) })
              }
            />
          ) : null}
          {phase.kind === 'done' ? (
            <p role="status" className="ok">
              {download
                ? t('downloads.done', { size: fmt(phase.result.bytes), name: phase.result.path })
                : t('save.done', { size: fmt(phase.result.bytes), path: phase.result.path })}
            </p>
          ) : null}
          {phase.kind === 'cancelled' ? (
            <p role="status">{t(download ? 'downloads.cancelled' : 'save.cancelled')}</p>
          ) : null}
          {phase.kind === 'failed' ? (
            <ErrorMessage error={phase.error} lead={t(download ? 'downloads.failed' : 'save.failed')} />
          ) : null}

          <FormDialogActions
            running={running}
            editing={phase.kind === 'edit'}
            done={phase.kind === 'done'}
            canStart={references.length > 0 && !relative}
            labels={{
              cancelOperation: t('save.cancelSave'),
              cancel: t('save.cancel'),
              close: t('save.close'),
              start: t('save.start'),
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

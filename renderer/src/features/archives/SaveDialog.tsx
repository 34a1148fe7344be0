import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { SaveResult } from '../../../../shared/contract/models';
import { api } from '../../api/instance';
import { formatBytes } from '../../i18n/format';
import { FormDialogActions } from '../../ui/FormDialogActions';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { OperationDialog } from '../../ui/OperationDialog';
import { ProgressBlock } from '../../ui/ProgressBlock';
import { ArchiveTargetField, OverwriteCheck, useArchiveTarget } from './archiveTarget';
import { archiveNameFor, parseReferences, withCompression } from './paths';
import { useByteOperation } from './useByteOperation';

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
  const hintId = useId();
  const [refsText, setRefsText] = useState(initial.join('\n'));
  const references = editable ? parseReferences(refsText) : initial;
  const [gzip, setGzip] = useState(false);
  // The path and name follow the images named until the user types or picks one.
  const target = useArchiveTarget(withCompression(archiveNameFor(references), gzip));
  const download = target.download;
  const { phase, running, progress, run, cancel } = useByteOperation<SaveResult>();
  const fmt = (n: number) => formatBytes(n, i18n.language);

  const start = (e: FormEvent) => {
    e.preventDefault();
    if (references.length === 0) return;
    run(target, (where, onProgress) => api().start('images.save', { references, gzip, ...where }, onProgress));
  };

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
          <ArchiveTargetField
            target={target}
            running={running}
            pathLabel={t('save.path')}
            hintId={`${hintId}-target`}
            pathHint={
              <small>{t('save.pathHint', { partial: `${target.path.split(/[\\/]/).pop() ?? ''}.…partial` })}</small>
            }
          />
          <label className="check">
            <input
              type="checkbox"
              checked={gzip}
              onChange={(e) => {
                setGzip(e.target.checked);
                target.mapChosen((chosen) => withCompression(chosen, e.target.checked));
              }}
              disabled={running}
            />
            <span>{t('save.gzip')}</span>
          </label>
          <OverwriteCheck target={target} running={running} />

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
            canStart={references.length > 0 && !target.relative}
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

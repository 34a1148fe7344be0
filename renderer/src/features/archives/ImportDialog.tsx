import { useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImportResult } from '../../../../shared/contract/archiveModels';
import type { ApiErrorData } from '../../../../shared/contract/errors';
import type { ByteProgress } from '../../../../shared/contract/models';
import type { OperationHandle } from '../../api/client';
import { isCancelled, toErrorData } from '../../api/errorData';
import { api } from '../../api/instance';
import { formatBytes } from '../../i18n/format';
import { FormDialogActions } from '../../ui/FormDialogActions';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { OperationDialog } from '../../ui/OperationDialog';
import { ProgressBlock } from '../../ui/ProgressBlock';
import { FilePickButton } from '../../ui/FilePickButton';
import { changeInstructionList, checkChanges } from './changes';

type Phase =
  | { kind: 'edit' }
  | { kind: 'running'; progress: ByteProgress | null }
  | { kind: 'done'; result: ImportResult }
  /** `url`: the engine may finish that download anyway (see lateImport.ts). */
  | { kind: 'cancelled'; url: boolean }
  | { kind: 'failed'; error: ApiErrorData };

const shortId = (id: string) => id.replace(/^sha256:/, '').slice(0, 12);

/**
 * `docker import`: a root file system tarball (a file here, or a URL the
 * engine fetches) becomes a one-layer image with a name, a message and
 * `--change` instructions. The result shows the new image's history and
 * settings, so it is plain that nothing else was carried over.
 */
export function ImportDialog({ onClose }: { onClose(): void }) {
  const { t, i18n } = useTranslation();
  const ids = { changes: useId(), changesError: useId(), ref: useId() };
  const [kind, setKind] = useState<'file' | 'url'>('file');
  const [file, setFile] = useState<File | null>(null);
  const [url, setUrl] = useState('');
  const [reference, setReference] = useState('');
  const [message, setMessage] = useState('');
  const [changesText, setChangesText] = useState('');
  const [phase, setPhase] = useState<Phase>({ kind: 'edit' });
  const handle = useRef<OperationHandle<ImportResult> | null>(null);
  const fmt = (n: number) => formatBytes(n, i18n.language);
  const running = phase.kind === 'running';
  const changes = checkChanges(changesText);
  const list = changeInstructionList;

  const start = async (e: FormEvent) => {
    e.preventDefault();
    if (changes.invalid || (kind === 'file' && !file)) return;
    setPhase({ kind: 'running', progress: null });
    try {
      const client = api();
      const { source, transfer } =
        kind === 'file' && file
          ? await client.fileSource(file)
          : { source: { kind: 'url' as const, url: url.trim() }, transfer: async () => {} };
      const op = client.start(
        'images.import',
        {
          source,
          ...(reference.trim() ? { reference: reference.trim() } : {}),
          ...(message.trim() ? { message: message.trim() } : {}),
          changes: changes.lines,
        },
        (progress) => setPhase({ kind: 'running', progress }),
      );
      handle.current = op;
      transfer().catch(() => {});
      setPhase({ kind: 'done', result: await op.result });
    } catch (err) {
      setPhase(
        isCancelled(err) ? { kind: 'cancelled', url: kind === 'url' } : { kind: 'failed', error: toErrorData(err) },
      );
    }
  };
  const cancel = () => void handle.current?.cancel();
  const progress = phase.kind === 'running' ? phase.progress : null;
  const total = progress?.total ?? (kind === 'file' ? file?.size : undefined);

  return (
    <OperationDialog title={t('archives.import.title')} running={running} onCancelOperation={cancel} onClose={onClose}>
      {(close, hide) => (
        <form onSubmit={(e) => void start(e)}>
          <p>{t('archives.import.explain')}</p>
          <fieldset disabled={running || phase.kind === 'done'}>
            <legend>{t('archives.import.sourceKind')}</legend>
            <label className="check">
              <input type="radio" name="import-kind" checked={kind === 'file'} onChange={() => setKind('file')} />
              <span>{t('archives.import.fromFile')}</span>
            </label>
            <label className="check">
              <input type="radio" name="import-kind" checked={kind === 'url'} onChange={() => setKind('url')} />
              <span>{t('archives.import.fromUrl')}</span>
            </label>
            {kind === 'file' ? (
              <FilePickButton
                label={t('archives.import.file')}
                accept=".tar,.tar.gz,.tgz,.tar.xz,.tar.bz2,application/x-tar,application/gzip"
                onFiles={(files) => setFile(files[0] ?? null)}
              />
            ) : (
              <label className="field">
                <span>{t('archives.import.url')}</span>
                <input type="url" value={url} onChange={(e) => setUrl(e.target.value)} required spellCheck={false} />
              </label>
            )}
            <label className="field">
              <span>{t('archives.import.reference')}</span>
              <input
                type="text"
                value={reference}
                onChange={(e) => setReference(e.target.value)}
                spellCheck={false}
                aria-describedby={ids.ref}
              />
              <small id={ids.ref}>{t('archives.import.referenceHint')}</small>
            </label>
            <label className="field">
              <span>{t('archives.import.message')}</span>
              <input type="text" value={message} onChange={(e) => setMessage(e.target.value)} />
            </label>
            <label className="field">
              <span>{t('archives.import.changes')}</span>
              <textarea
                value={changesText}
                onChange={(e) => setChangesText(e.target.value)}
                rows={3}
                spellCheck={false}
                aria-invalid={changes.invalid ? true : undefined}
                aria-describedby={changes.invalid ? `${ids.changes} ${ids.changesError}` : ids.changes}
              />
              <small id={ids.changes}>{t('archives.import.changesHint', { list })}</small>
              {changes.invalid ? (
                <small id={ids.changesError} className="error" role="alert">
                  {t('archives.import.changeInvalid', { line: changes.invalid.line, text: changes.invalid.text, list })}
                </small>
              ) : null}
            </label>
          </fieldset>

          {running ? (
            <ProgressBlock
              label={t('archives.import.progressLabel')}
              {...(progress && total ? { value: progress.bytes, max: total } : {})}
              text={
                progress
                  ? total
                    ? t('archives.import.progress', {
                        done: fmt(progress.bytes),
                        total: fmt(total),
                        speed: fmt(progress.bytesPerSecond),
                      })
                    : t('archives.import.progressUnknown', {
                        done: fmt(progress.bytes),
                        speed: fmt(progress.bytesPerSecond),
                      })
                  : t('archives.import.starting')
              }
            />
          ) : null}
          {phase.kind === 'done' ? <ImportOutcome result={phase.result} /> : null}
          {phase.kind === 'cancelled' ? (
            <p role="status">
              {phase.url
                ? t('archives.import.cancelledUrl', { note: t('tasks.afterCancel.urlImport') })
                : t('archives.import.cancelled')}
            </p>
          ) : null}
          {phase.kind === 'failed' ? <ErrorMessage error={phase.error} lead={t('archives.import.failed')} /> : null}

          <FormDialogActions
            running={running}
            editing={phase.kind === 'edit'}
            done={phase.kind === 'done'}
            canStart={!changes.invalid}
            labels={{
              cancelOperation: t('archives.import.cancelImport'),
              cancel: t('archives.import.cancel'),
              close: t('archives.import.close'),
              start: t('archives.import.start'),
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

/** What the import made: its name, its single history step, and the settings the changes gave it. */
function ImportOutcome({ result }: { result: ImportResult }) {
  const { t, i18n } = useTranslation();
  const c = result.config;
  const settings: [string, string][] = [
    ['CMD', c.cmd ? JSON.stringify(c.cmd) : ''],
    ['ENTRYPOINT', c.entrypoint ? JSON.stringify(c.entrypoint) : ''],
    ['ENV', c.env.join(' ')],
    ['WORKDIR', c.workingDir],
    ['USER', c.user],
    ['EXPOSE', c.exposedPorts.join(' ')],
    ['VOLUME', c.volumes.join(' ')],
    [
      'LABEL',
      Object.entries(c.labels)
        .map(([k, v]) => `${k}=${v}`)
        .join(' '),
    ],
    ['ONBUILD', c.onBuild.join('; ')],
  ];
  const set = settings.filter(([, v]) => v !== '');
  return (
    <div role="status" className="ok">
      <p>
        {result.reference
          ? t('archives.import.done', { id: shortId(result.id), reference: result.reference })
          : t('archives.import.doneUntagged', { id: shortId(result.id) })}
      </p>
      <p>{t('archives.import.historyNote', { count: result.layers })}</p>
      <table className="import-history" aria-label={t('archives.import.historyTitle')}>
        <tbody>
          {result.history.map((h, i) => (
            <tr key={i}>
              <td>{new Date(h.created * 1000).toLocaleString(i18n.language)}</td>
              <td>
                <code>{h.createdBy || '—'}</code>
              </td>
              <td>{h.comment}</td>
              <td>{formatBytes(h.size, i18n.language)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {set.length ? (
        <dl aria-label={t('archives.import.configTitle')}>
          {set.map(([k, v]) => (
            <div key={k}>
              <dt>{k}</dt>
              <dd>
                <code>{v}</code>
              </dd>
            </div>
          ))}
        </dl>
      ) : (
        <p>{t('archives.import.configNone')}</p>
      )}
    </div>
  );
}

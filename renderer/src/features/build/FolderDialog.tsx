import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiErrorData } from '../../../../shared/contract/errors';
import type { FolderListing } from '../../../../shared/contract/methods/build';
import { toErrorData } from '../../api/errorData';
import { api } from '../../api/instance';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { OperationDialog } from '../../ui/OperationDialog';

/**
 * Serve mode's folder picker: the server's folders inside the files roots
 * (`--files-root`), opened one level at a time.
 */
export function FolderDialog({
  start,
  onPick,
  onClose,
}: {
  start?: string;
  onPick(path: string): void;
  onClose(): void;
}) {
  const { t } = useTranslation();
  const [listing, setListing] = useState<FolderListing | null>(null);
  const [error, setError] = useState<ApiErrorData | null>(null);

  const open = (path?: string) => {
    setError(null);
    api()
      .call('build.listFolder', path ? { path } : {})
      .then(setListing, (err: unknown) => setError(toErrorData(err)));
  };
  useEffect(() => {
    api()
      .call('build.listFolder', start ? { path: start } : {})
      .catch(() => api().call('build.listFolder', {}))
      .then(setListing, (err: unknown) => setError(toErrorData(err)));
  }, [start]);

  const join = (name: string) => `${listing?.path.replace(/\/$/, '') ?? ''}/${name}`;

  return (
    <OperationDialog
      title={t('build.folderDialog.title')}
      running={false}
      onCancelOperation={() => {}}
      onClose={onClose}
    >
      {(close) => (
        <div className="folder-dialog">
          {listing?.roots && listing.roots.length > 1 ? (
            <div className="folder-roots">
              {listing.roots.map((r) => (
                <button key={r} type="button" className="small" onClick={() => open(r)}>
                  {t('build.folderDialog.root', { root: r })}
                </button>
              ))}
            </div>
          ) : null}
          <p>
            {t('build.folderDialog.current')}: <code>{listing?.path ?? '…'}</code>
          </p>
          <button
            type="button"
            className="small"
            disabled={!listing?.parent}
            onClick={() => open(listing?.parent ?? undefined)}
          >
            {t('build.folderDialog.up')}
          </button>
          {error ? <ErrorMessage error={error} /> : null}
          <ul className="folder-list" aria-label={t('build.folderDialog.list')}>
            {listing?.entries.map((e) => (
              <li key={e.name}>
                {e.kind === 'folder' ? (
                  <button
                    type="button"
                    className="link-button"
                    aria-label={t('build.folderDialog.open', { name: e.name })}
                    onClick={() => open(join(e.name))}
                  >
                    📁 {e.name}
                  </button>
                ) : (
                  <span className="muted">{e.name}</span>
                )}
              </li>
            ))}
          </ul>
          {listing && listing.entries.length === 0 ? <p className="muted">{t('build.folderDialog.empty')}</p> : null}
          {listing?.truncated ? <p className="muted">{t('build.folderDialog.truncated')}</p> : null}
          <div className="dialog-actions">
            <button type="button" onClick={close}>
              {t('build.folderDialog.cancel')}
            </button>
            <button
              type="button"
              className="primary"
              disabled={!listing}
              onClick={() => {
                if (listing) onPick(listing.path);
                close();
              }}
            >
              {t('build.folderDialog.choose')}
            </button>
          </div>
        </div>
      )}
    </OperationDialog>
  );
}

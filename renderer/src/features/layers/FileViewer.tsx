import { useEffect, useId, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { FileContent } from '../../../../shared/contract/layerModels';
import { formatBytes } from '../../i18n/format';

/** A file's content from a layer, in a modal dialog (text, or why it cannot be shown). */
export function FileViewer({ content, layer, onClose }: { content: FileContent; layer: number; onClose(): void }) {
  const { t, i18n } = useTranslation();
  const titleId = useId();
  const ref = useRef<HTMLDialogElement>(null);
  const fmt = (n: number) => formatBytes(n, i18n.language);

  useEffect(() => {
    const d = ref.current;
    if (d && !d.open) d.showModal();
  }, []);

  const close = () => {
    ref.current?.close();
    onClose();
  };

  return (
    <dialog
      ref={ref}
      className="dialog file-viewer"
      aria-labelledby={titleId}
      onCancel={(e) => {
        e.preventDefault();
        close();
      }}
    >
      <h2 id={titleId}>{t('layers.viewerTitle', { path: content.path, n: layer + 1 })}</h2>
      {content.kind !== 'file' ? (
        <p>{t('layers.notAFile', { kind: t(`layers.kind.${content.kind}`) })}</p>
      ) : content.binary ? (
        <p>{t('layers.binary', { size: fmt(content.size) })}</p>
      ) : (
        <>
          {content.truncated ? (
            <p className="muted">
              {t('layers.truncated', {
                shown: fmt(new TextEncoder().encode(content.text ?? '').length),
                size: fmt(content.size),
              })}
            </p>
          ) : null}
          <pre className="file-text" tabIndex={0} aria-label={content.path}>
            {content.text}
          </pre>
        </>
      )}
      <div className="dialog-actions">
        <button type="button" className="primary" onClick={close}>
          {t('layers.close')}
        </button>
      </div>
    </dialog>
  );
}

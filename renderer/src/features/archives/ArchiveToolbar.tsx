import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LoadDialog } from '../load/LoadDialog';

/** The images toolbar's archive buttons (Load…) and the dialogs they open. */
export function ArchiveToolbar() {
  const { t } = useTranslation();
  const fileInput = useRef<HTMLInputElement>(null);
  const [loading, setLoading] = useState<File | null>(null);
  return (
    <>
      <button type="button" aria-label={t('load.buttonLabel')} onClick={() => fileInput.current?.click()}>
        {t('load.button')}
      </button>
      <input
        ref={fileInput}
        type="file"
        hidden
        aria-label={t('load.buttonLabel')}
        accept=".tar,.tar.gz,.tgz,application/x-tar,application/gzip"
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = '';
          if (file) setLoading(file);
        }}
      />
      {loading ? <LoadDialog file={loading} onClose={() => setLoading(null)} /> : null}
    </>
  );
}

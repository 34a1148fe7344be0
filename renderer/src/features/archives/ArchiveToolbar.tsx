import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LOADABLE_ARCHIVES } from './formats';
import { LoadDialog } from './LoadDialog';
import { SaveDialog } from './SaveDialog';
import { ExportDialog } from './ExportDialog';
import { ImportDialog } from './ImportDialog';

type Open = { kind: 'load'; files: File[] } | { kind: 'save' } | { kind: 'import' } | { kind: 'export' } | null;

/**
 * The images toolbar's archive buttons (Load…, Save…, Import…, Export
 * container…) and their dialogs. Save… starts from the selected images.
 */
export function ArchiveToolbar({ selected = [] }: { selected?: string[] }) {
  const { t } = useTranslation();
  const fileInput = useRef<HTMLInputElement>(null);
  const [open, setOpen] = useState<Open>(null);
  const [toSave, setToSave] = useState<string[]>([]);
  const close = () => setOpen(null);
  return (
    <>
      <button type="button" aria-label={t('load.buttonLabel')} onClick={() => fileInput.current?.click()}>
        {t('load.button')}
      </button>
      <input
        ref={fileInput}
        type="file"
        hidden
        multiple
        aria-label={t('load.buttonLabel')}
        accept={LOADABLE_ARCHIVES}
        onChange={(e) => {
          const files = Array.from(e.target.files ?? []);
          e.target.value = '';
          if (files.length) setOpen({ kind: 'load', files });
        }}
      />
      <button
        type="button"
        aria-label={t('save.buttonLabel')}
        onClick={() => {
          setToSave(selected);
          setOpen({ kind: 'save' });
        }}
      >
        {t('save.button')}
      </button>
      <button type="button" aria-label={t('archives.import.buttonLabel')} onClick={() => setOpen({ kind: 'import' })}>
        {t('archives.import.button')}
      </button>
      <button type="button" aria-label={t('archives.export.buttonLabel')} onClick={() => setOpen({ kind: 'export' })}>
        {t('archives.export.button')}
      </button>
      {open?.kind === 'load' ? <LoadDialog files={open.files} onClose={close} /> : null}
      {open?.kind === 'save' ? <SaveDialog references={toSave} editable onClose={close} /> : null}
      {open?.kind === 'import' ? <ImportDialog onClose={close} /> : null}
      {open?.kind === 'export' ? <ExportDialog onClose={close} /> : null}
    </>
  );
}

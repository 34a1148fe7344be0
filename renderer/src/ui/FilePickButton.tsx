import { useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Icon } from './icons';

/**
 * A file field that looks like Lading's other controls: a button and the
 * chosen file's name, in the UI's language (the browser's own file input
 * says "Choose File" in the browser's language). The real input stays in
 * the page, labelled, for assistive technology and tests.
 */
export function FilePickButton({
  label,
  accept,
  multiple = false,
  onFiles,
}: {
  label: string;
  accept?: string;
  multiple?: boolean;
  onFiles(files: File[]): void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [names, setNames] = useState<string[]>([]);
  return (
    <div className="field">
      <span id={`${id}-label`}>{label}</span>
      <div className="file-pick">
        <input
          ref={input}
          id={id}
          type="file"
          className="sr-only"
          tabIndex={-1}
          aria-labelledby={`${id}-label`}
          accept={accept}
          multiple={multiple}
          onChange={(e) => {
            const files = Array.from(e.target.files ?? []);
            setNames(files.map((f) => f.name));
            onFiles(files);
          }}
        />
        <button
          type="button"
          className="tb-control"
          aria-describedby={`${id}-label ${id}-chosen`}
          onClick={() => input.current?.click()}
        >
          <Icon name="file" />
          <span>{multiple ? t('ui.chooseFiles') : t('ui.chooseFile')}</span>
        </button>
        <span id={`${id}-chosen`} className="file-pick-name" translate={names.length ? 'no' : undefined}>
          {names.length === 0
            ? t('ui.noFileChosen')
            : names.length === 1
              ? names[0]
              : t('ui.filesChosen', { count: names.length })}
        </span>
      </div>
    </div>
  );
}

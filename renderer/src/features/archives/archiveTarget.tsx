import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { isAbsolutePathOn } from '../../../../shared/contract/absolutePath';
import { api } from '../../api/instance';
import { useHost } from '../../stores/host';
import { fullPathExample } from './download';
import { joinPath } from './paths';

/**
 * Where a save or an export writes: a path on the main side (desktop, with
 * the native picker) or, in serve mode, a download the browser stores under
 * a file name. Both follow `defaultName` until the user types or picks one.
 */
export interface ArchiveTarget {
  download: boolean;
  name: string;
  path: string;
  /** A relative path would be refused by the backend; the field says so as the user types. */
  relative: boolean;
  overwrite: boolean;
  setName(name: string): void;
  setPath(path: string): void;
  setOverwrite(on: boolean): void;
  /** Rewrites what the user chose (e.g. the extension when gzip is toggled); no-op while following the default. */
  mapChosen(f: (chosen: string) => string): void;
  browse(): Promise<void>;
}

export function useArchiveTarget(defaultName: string): ArchiveTarget {
  const host = useHost((s) => s.info);
  const download = host?.mode === 'serve';
  const [chosenPath, setChosenPath] = useState<string | null>(null);
  const [chosenName, setChosenName] = useState<string | null>(null);
  const [overwrite, setOverwrite] = useState(false);
  const path = chosenPath ?? joinPath(host?.defaultDirectory ?? '/tmp', defaultName);
  return {
    download,
    name: chosenName ?? defaultName,
    path,
    relative: !download && !isAbsolutePathOn(path, host?.platform ?? 'linux'),
    overwrite,
    setName: setChosenName,
    setPath: setChosenPath,
    setOverwrite,
    mapChosen: (f) => {
      setChosenPath((p) => (p === null ? p : f(p)));
      setChosenName((n) => (n === null ? n : f(n)));
    },
    browse: async () => {
      const choice = await api().call('host.pickSavePath', { defaultName });
      if (choice.path) {
        setChosenPath(choice.path);
        // The native dialog already asked before replacing an existing file.
        setOverwrite(true);
      }
    },
  };
}

/** The download name field (serve mode) or the path field with Browse… (desktop). */
export function ArchiveTargetField({
  target,
  running,
  pathLabel,
  pathHint,
  hintId,
}: {
  target: ArchiveTarget;
  running: boolean;
  pathLabel: string;
  /** Shown under an absolute path. */
  pathHint?: ReactNode;
  hintId: string;
}) {
  const { t } = useTranslation();
  const host = useHost((s) => s.info);
  if (target.download) {
    return (
      <label className="field">
        <span>{t('downloads.name')}</span>
        <input
          type="text"
          value={target.name}
          onChange={(e) => target.setName(e.target.value)}
          disabled={running}
          required
          spellCheck={false}
          aria-describedby={hintId}
        />
        <small id={hintId}>{t('downloads.nameHint')}</small>
      </label>
    );
  }
  return (
    <label className="field">
      <span>{pathLabel}</span>
      <span className="row">
        <input
          type="text"
          value={target.path}
          onChange={(e) => target.setPath(e.target.value)}
          disabled={running}
          required
          spellCheck={false}
        />
        {host?.nativeDialogs ? (
          <button type="button" onClick={() => void target.browse()} disabled={running}>
            {t('save.browse')}
          </button>
        ) : null}
      </span>
      {target.relative ? (
        <small className="field-error">{t('downloads.fullPath', { example: fullPathExample(host?.platform) })}</small>
      ) : (
        (pathHint ?? null)
      )}
    </label>
  );
}

/** "Replace an existing file": only for a path on the main side, never for a download. */
export function OverwriteCheck({ target, running }: { target: ArchiveTarget; running: boolean }) {
  const { t } = useTranslation();
  if (target.download) return null;
  return (
    <label className="check">
      <input
        type="checkbox"
        checked={target.overwrite}
        onChange={(e) => target.setOverwrite(e.target.checked)}
        disabled={running}
      />
      <span>{t('save.overwrite')}</span>
    </label>
  );
}

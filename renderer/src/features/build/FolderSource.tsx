import { useRef, useState, type DragEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Icon } from '../../ui/icons';
import { fromEntry, fromFileList, type EntryLike, type PickedFolder } from './droppedFolder';

/** A user-caused problem with a dropped or picked folder, as a translated sentence. */
export type FolderProblem = string;

const hasFiles = (e: DragEvent): boolean => Array.from(e.dataTransfer.types).includes('Files');

/**
 * Dropping a folder on the build view: the view shows its own overlay and
 * keeps the drop from the window's archive drop zone. `onDrop` gets the
 * dropped entries (read while the drop event lasts, as browsers require).
 */
export function useFolderDrop(onEntries: (entries: EntryLike[], files: File[]) => void) {
  const [dragging, setDragging] = useState(false);
  const depth = useRef(0);
  const stop = (e: DragEvent) => {
    if (!hasFiles(e)) return false;
    e.preventDefault();
    e.stopPropagation();
    return true;
  };
  return {
    dragging,
    handlers: {
      onDragEnter: (e: DragEvent) => {
        if (!stop(e)) return;
        depth.current++;
        setDragging(true);
      },
      onDragOver: (e: DragEvent) => {
        if (stop(e)) e.dataTransfer.dropEffect = 'copy';
      },
      onDragLeave: (e: DragEvent) => {
        if (!stop(e)) return;
        depth.current = Math.max(0, depth.current - 1);
        if (depth.current === 0) setDragging(false);
      },
      onDrop: (e: DragEvent) => {
        if (!stop(e)) return;
        depth.current = 0;
        setDragging(false);
        const entries = Array.from(e.dataTransfer.items)
          .map((item) => item.webkitGetAsEntry())
          .filter((x): x is FileSystemEntry => x !== null);
        onEntries(entries, Array.from(e.dataTransfer.files));
      },
    },
  };
}

/** The first folder among dropped entries, read whole; a sentence when there is none or it cannot be read. */
export const folderFromDrop = async (
  entries: EntryLike[],
  problem: (key: 'notFolder' | 'readFailed', vars?: Record<string, string>) => string,
): Promise<PickedFolder | FolderProblem> => {
  const dir = entries.find((e) => e.isDirectory);
  if (!dir) return problem('notFolder');
  try {
    return (await fromEntry(dir)) ?? problem('notFolder');
  } catch (err) {
    return problem('readFailed', { name: dir.name, reason: err instanceof Error ? err.message : String(err) });
  }
};

/** The drop overlay of the build view. */
export function FolderDropOverlay() {
  const { t } = useTranslation();
  return (
    <div className="drop-overlay" role="region" aria-label={t('build.folder.dropRegion')} aria-live="assertive">
      <div className="drop-message">
        <p>{t('build.folder.dropText')}</p>
      </div>
    </div>
  );
}

/**
 * "Upload folder…": the browser's folder chooser (`webkitdirectory`), for
 * keyboard users and anyone who would rather not drag. The real input
 * stays in the page, labelled, for assistive technology and tests.
 */
export function UploadFolderButton({ onFolder }: { onFolder(folder: PickedFolder | FolderProblem): void }) {
  const { t } = useTranslation();
  const input = useRef<HTMLInputElement | null>(null);
  return (
    <>
      <input
        ref={(el) => {
          input.current = el;
          if (el) el.webkitdirectory = true;
        }}
        type="file"
        className="sr-only"
        tabIndex={-1}
        aria-label={t('build.folder.uploadLabel')}
        onChange={(e) => {
          const files = Array.from(e.target.files ?? []);
          e.target.value = '';
          // An empty folder gives no files, so not even its name.
          onFolder(fromFileList(files) ?? t('build.folder.empty'));
        }}
      />
      <button type="button" className="tb-control" onClick={() => input.current?.click()}>
        <Icon name="load" />
        <span>{t('build.folder.upload')}</span>
      </button>
    </>
  );
}

import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LoadDialog } from './LoadDialog';
import './archives.css';

const hasFiles = (e: DragEvent): boolean => Array.from(e.dataTransfer?.types ?? []).includes('Files');

/**
 * Drop image archives anywhere on the window to load them. While files
 * are dragged over the window an overlay announces itself; a drop opens
 * the load dialog with every dropped file. The window never navigates to
 * a dropped file (Electron and browsers would open it otherwise).
 */
export function DropZone() {
  const { t } = useTranslation();
  const [dragging, setDragging] = useState(false);
  const [dropped, setDropped] = useState<File[] | null>(null);
  // dragenter/dragleave fire for every child element crossed: count them.
  const depth = useRef(0);

  useEffect(() => {
    const enter = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      depth.current++;
      setDragging(true);
    };
    const over = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      if (e.dataTransfer) e.dataTransfer.dropEffect = 'copy';
    };
    const leave = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      depth.current = Math.max(0, depth.current - 1);
      if (depth.current === 0) setDragging(false);
    };
    const drop = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      depth.current = 0;
      setDragging(false);
      const files = Array.from(e.dataTransfer?.files ?? []);
      // One load dialog at a time: a drop while one is open is ignored.
      if (files.length) setDropped((current) => current ?? files);
    };
    window.addEventListener('dragenter', enter);
    window.addEventListener('dragover', over);
    window.addEventListener('dragleave', leave);
    window.addEventListener('drop', drop);
    return () => {
      window.removeEventListener('dragenter', enter);
      window.removeEventListener('dragover', over);
      window.removeEventListener('dragleave', leave);
      window.removeEventListener('drop', drop);
    };
  }, []);

  return (
    <>
      {dragging ? (
        <div className="drop-overlay" role="region" aria-label={t('archives.drop.region')} aria-live="assertive">
          <div className="drop-message">
            <p>{t('archives.drop.text')}</p>
            <p className="drop-formats">{t('archives.drop.formats')}</p>
          </div>
        </div>
      ) : null}
      {dropped ? <LoadDialog files={dropped} onClose={() => setDropped(null)} /> : null}
    </>
  );
}

import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiErrorData } from '../../../../shared/contract/errors';
import type {
  FileContent,
  LayerSharing,
  LayersProgress,
  LayersSummary,
  TreeRow,
  WastedPath,
} from '../../../../shared/contract/layerModels';
import type { ByteProgress } from '../../../../shared/contract/models';
import type { OperationHandle } from '../../api/client';
import { isCancelled, toErrorData } from '../../api/errorData';
import { api } from '../../api/instance';
import { formatBytes } from '../../i18n/format';
import { useHost } from '../../stores/host';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { ProgressBlock } from '../../ui/ProgressBlock';
import { downloadText, reportCsv, reportName } from './exportReport';
import { openFile, saveFile } from './fileActions';
import { FileTree } from './FileTree';
import { FileViewer } from './FileViewer';
import { LayerList } from './LayerList';
import { useFileTree } from './useFileTree';
import { WastePanel } from './WastePanel';
import './layers.css';

type Phase =
  | { kind: 'reading'; progress: LayersProgress | null }
  | { kind: 'ready'; summary: LayersSummary }
  | { kind: 'cancelled' }
  | { kind: 'failed'; error: ApiErrorData };

/** What a file action is doing, shown under the tree. */
type FileTask =
  | { kind: 'opening' | 'saving'; path: string; bytes: number }
  | { kind: 'saved'; path: string; bytes: number }
  | { kind: 'failed'; path: string; error: ApiErrorData; lead: 'openFailed' | 'saveFailed' };

const SIZE_STEPS = [0, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8];

interface Props {
  /** The image's ID (or any reference the engine resolves). */
  imageId: string;
  /** The layer shown first (0-based), e.g. from a history row's link. */
  layer?: number;
  /** Called when the user picks another layer (to keep it in the address). */
  onSelectLayer?(layer: number): void;
}

/**
 * The layer explorer of one image: reads the image's layers (with
 * progress and cancel; instant the second time), then shows its layers,
 * the file tree as of the selected layer (or only that layer's changes),
 * filters, the waste with explanations, file content and saving, exports.
 */
export function LayersTab({ imageId, layer: initialLayer, onSelectLayer }: Props) {
  const { t, i18n } = useTranslation();
  const serve = useHost((s) => s.info?.mode === 'serve');
  const fmt = (n: number) => formatBytes(n, i18n.language);
  const [phase, setPhase] = useState<Phase>({ kind: 'reading', progress: null });
  const [attempt, setAttempt] = useState(0);
  const handle = useRef<OperationHandle<LayersSummary> | null>(null);
  const [sharing, setSharing] = useState<LayerSharing[] | null>(null);
  const [selected, setSelected] = useState(initialLayer ?? -1);
  const [onlyChanges, setOnlyChanges] = useState(false);
  const [text, setText] = useState('');
  const [minSize, setMinSize] = useState(0);
  const [active, setActive] = useState(-1);
  const [viewer, setViewer] = useState<{ content: FileContent; layer: number } | null>(null);
  const [task, setTask] = useState<FileTask | null>(null);

  useEffect(() => {
    setPhase({ kind: 'reading', progress: null });
    setSharing(null);
    const op = api().start('layers.analyze', { reference: imageId }, (progress) =>
      setPhase({ kind: 'reading', progress }),
    );
    handle.current = op;
    let live = true;
    op.result.then(
      (summary) => {
        if (!live) return;
        setPhase({ kind: 'ready', summary });
        setSelected((s) => (s < 0 || s >= summary.layers.length ? summary.layers.length - 1 : s));
        api()
          .call('layers.sharing', { imageId: summary.imageId })
          .then(
            (r) => live && setSharing(r.layers),
            () => live && setSharing(summary.layers.map((l) => ({ index: l.index, images: [], count: 0 }))),
          );
      },
      (err: unknown) => {
        if (!live) return;
        setPhase(isCancelled(err) ? { kind: 'cancelled' } : { kind: 'failed', error: toErrorData(err) });
      },
    );
    return () => {
      live = false;
      // Leaving the tab stops a read in progress.
      void op.cancel().catch(() => {});
    };
  }, [imageId, attempt]);

  // A link to another layer (history row) selects it.
  useEffect(() => {
    if (initialLayer !== undefined) setSelected(initialLayer);
  }, [initialLayer]);

  const summary = phase.kind === 'ready' ? phase.summary : null;
  const layerCount = summary?.layers.length ?? 0;
  const layer = Math.max(0, Math.min(selected, layerCount - 1));
  const tree = useFileTree({ imageId: summary?.imageId ?? '', layer, onlyChanges, text, minSize });

  useEffect(() => setActive(-1), [layer, onlyChanges, text, minSize]);

  // The backend keeps the last few analyses; one pushed out (or lost to a restart) is read again.
  const evicted = tree.error?.code === 'NOT_FOUND' && tree.error.details?.imageId !== undefined;
  useEffect(() => {
    if (evicted) setAttempt((a) => a + 1);
  }, [evicted]);

  const selectLayer = useCallback(
    (index: number) => {
      setSelected(index);
      onSelectLayer?.(index);
    },
    [onSelectLayer],
  );

  const progressOf = (kind: 'opening' | 'saving', path: string) => (p: ByteProgress) =>
    setTask({ kind, path, bytes: p.bytes });

  const open = (row: TreeRow) => {
    if (!summary || row.kind === 'dir' || row.layer < 0) return;
    setTask({ kind: 'opening', path: row.path, bytes: 0 });
    openFile(summary.imageId, row, progressOf('opening', row.path)).then(
      (content) => {
        setTask(null);
        setViewer({ content, layer: row.layer });
      },
      (err: unknown) => setTask({ kind: 'failed', path: row.path, error: toErrorData(err), lead: 'openFailed' }),
    );
  };

  const save = (row: TreeRow) => {
    if (!summary) return;
    setTask({ kind: 'saving', path: row.path, bytes: 0 });
    saveFile(summary.imageId, row, serve, progressOf('saving', row.path)).then(
      (r) => setTask(r ? { kind: 'saved', path: r.path, bytes: r.bytes } : null),
      (err: unknown) => setTask({ kind: 'failed', path: row.path, error: toErrorData(err), lead: 'saveFailed' }),
    );
  };

  const exportAs = async (ext: 'json' | 'csv') => {
    if (!summary) return;
    const report = await api().call('layers.report', { imageId: summary.imageId });
    report.image = summary.reference;
    if (ext === 'json')
      downloadText(reportName(summary.reference, 'json'), `${JSON.stringify(report, null, 2)}\n`, 'application/json');
    else downloadText(reportName(summary.reference, 'csv'), reportCsv(report), 'text/csv');
  };

  const showWaste = (w: WastedPath) => {
    selectLayer(w.layer);
    setOnlyChanges(false);
    setMinSize(0);
    setText(w.path);
  };

  if (phase.kind === 'reading') {
    const p = phase.progress;
    const image = imageId.replace(/^sha256:([0-9a-f]{12})[0-9a-f]{52}$/, '$1');
    return (
      <section className="layers-tab" aria-label={t('layers.title')}>
        <p>{t('layers.reading', { image })}</p>
        <ProgressBlock
          label={t('layers.reading', { image })}
          {...(p?.total ? { value: p.bytes, max: p.total } : {})}
          text={
            p?.total
              ? t('layers.readingProgress', {
                  bytes: fmt(p.bytes),
                  total: fmt(p.total),
                  done: p.layersDone,
                  layers: p.layersTotal ?? '?',
                })
              : t('layers.readingProgressNoTotal', { bytes: fmt(p?.bytes ?? 0), done: p?.layersDone ?? 0 })
          }
        />
        <button type="button" onClick={() => void handle.current?.cancel()}>
          {t('layers.cancel')}
        </button>
      </section>
    );
  }
  if (phase.kind !== 'ready') {
    return (
      <section className="layers-tab" aria-label={t('layers.title')}>
        {phase.kind === 'failed' ? (
          <ErrorMessage error={phase.error} lead={t('layers.failed')} />
        ) : (
          <p role="status">{t('layers.cancelled')}</p>
        )}
        <button type="button" onClick={() => setAttempt((a) => a + 1)}>
          {t('layers.retry')}
        </button>
      </section>
    );
  }

  const s = phase.summary;
  const current = tree.rows[active]?.row;
  return (
    <section className="layers-tab" aria-label={t('layers.title')}>
      <div className="layers-summary" role="group" aria-label={t('layers.summaryLabel')}>
        <span>
          {t('layers.total')}: <strong>{fmt(s.totalBytes)}</strong> ({t('layers.paths', { count: s.paths })})
        </span>
        <span>
          {t('layers.wasted')}: <strong>{fmt(s.wastedBytes)}</strong>
        </span>
        <span>
          {t('layers.efficiency')}: <strong>{(s.efficiency * 100).toFixed(2)} %</strong>
        </span>
        <span className="muted">
          {s.cached
            ? t('layers.cachedNote', { ms: Math.round(s.elapsedMs) })
            : t('layers.readNote', { seconds: (s.elapsedMs / 1000).toFixed(1) })}
        </span>
        <span className="layers-exports">
          <button type="button" onClick={() => void exportAs('json')}>
            {t('layers.exportJson')}
          </button>
          <button type="button" onClick={() => void exportAs('csv')}>
            {t('layers.exportCsv')}
          </button>
        </span>
      </div>
      <p className="muted layers-shared-note">{t('layers.sharedExplain')}</p>
      <div className="layers-main">
        <LayerList layers={s.layers} sharing={sharing} selected={layer} onSelect={selectLayer} />
        <div className="layers-files">
          <div className="layers-filters">
            <label className="check">
              <input type="checkbox" checked={onlyChanges} onChange={(e) => setOnlyChanges(e.target.checked)} />
              {t('layers.onlyChanges')}
            </label>
            <input
              type="search"
              aria-label={t('layers.filterPath')}
              placeholder={t('layers.filterPlaceholder')}
              value={text}
              onChange={(e) => setText(e.target.value)}
              spellCheck={false}
            />
            <label>
              {t('layers.minSize')}{' '}
              <select value={minSize} onChange={(e) => setMinSize(Number(e.target.value))}>
                {SIZE_STEPS.map((n) => (
                  <option key={n} value={n}>
                    {n === 0 ? t('layers.anySize') : `≥ ${fmt(n)}`}
                  </option>
                ))}
              </select>
            </label>
            {tree.filtered && !tree.searching ? (
              <span className="muted" role="status">
                {tree.total > tree.rows.length
                  ? t('layers.matchesCapped', { shown: tree.rows.length, count: tree.total })
                  : t('layers.matches', { count: tree.total })}
              </span>
            ) : null}
          </div>
          {tree.error && !evicted ? <ErrorMessage error={tree.error} /> : null}
          {!tree.loading && !tree.searching && tree.rows.length === 0 ? (
            <p className="muted">{t('layers.noFiles')}</p>
          ) : null}
          <FileTree
            label={t('layers.treeLabel', { n: layer + 1 })}
            rows={tree.rows}
            expanded={tree.expanded}
            flat={tree.filtered}
            active={active}
            onActive={setActive}
            onToggle={tree.toggle}
            onOpen={open}
          />
          <div className="layers-file-bar">
            {current ? (
              <>
                <span className="layers-file-path">
                  {current.path}
                  {current.layer >= 0 ? ` · ${t('layers.fromLayer', { n: current.layer + 1 })}` : ''}
                </span>
                {current.kind !== 'dir' && current.layer >= 0 ? (
                  <>
                    <button type="button" onClick={() => open(current)}>
                      {t('layers.open')}
                    </button>
                    {current.kind === 'file' || current.kind === 'hardlink' ? (
                      <button type="button" onClick={() => save(current)}>
                        {t('layers.save')}
                      </button>
                    ) : null}
                  </>
                ) : null}
              </>
            ) : null}
          </div>
          {task ? (
            task.kind === 'failed' ? (
              <ErrorMessage error={task.error} lead={t(`layers.${task.lead}`, { path: task.path })} />
            ) : (
              <p role="status" className="muted">
                {task.kind === 'saved'
                  ? t('layers.saved', { path: task.path, bytes: fmt(task.bytes) })
                  : t(`layers.${task.kind}`, { path: task.path, bytes: fmt(task.bytes) })}
              </p>
            )
          ) : null}
        </div>
      </div>
      <WastePanel summary={s} onShow={showWaste} />
      {viewer ? <FileViewer content={viewer.content} layer={viewer.layer} onClose={() => setViewer(null)} /> : null}
    </section>
  );
}

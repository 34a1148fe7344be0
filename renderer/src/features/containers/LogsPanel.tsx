import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LogEntry } from '../../../../shared/contract/containerModels';
import type { ApiErrorData } from '../../../../shared/contract/errors';
import { toErrorData } from '../../api/errorData';
import { api } from '../../api/instance';
import { ErrorMessage } from '../../ui/ErrorMessage';

/** Lines kept in memory; older ones are dropped (and counted) as new ones arrive. */
export const MAX_LOG_LINES = 5000;

/** Appends `more` and keeps the newest `max` lines; returns how many were dropped. */
export const appendCapped = (
  lines: readonly LogEntry[],
  more: readonly LogEntry[],
  max = MAX_LOG_LINES,
): { lines: LogEntry[]; dropped: number } => {
  const all = lines.concat(more);
  const dropped = Math.max(0, all.length - max);
  return { lines: dropped ? all.slice(dropped) : all, dropped };
};

/**
 * A container's log (`docker logs --follow`): the backend's `containers.logs`
 * answers each time there is something new (or after a while), and this
 * asks again while "Follow" is on and the panel is open.
 */
export function LogsPanel({ id, name, onClose }: { id: string; name: string; onClose(): void }) {
  const { t } = useTranslation();
  const [lines, setLines] = useState<LogEntry[]>([]);
  const [dropped, setDropped] = useState(0);
  const [truncated, setTruncated] = useState(false);
  const [follow, setFollow] = useState(true);
  const [running, setRunning] = useState<boolean | null>(null);
  const [error, setError] = useState<ApiErrorData | null>(null);
  const cursor = useRef<string | null>(null);
  const box = useRef<HTMLPreElement>(null);
  const atBottom = useRef(true);

  useEffect(() => {
    let live = true;
    void (async () => {
      while (live) {
        try {
          const chunk = await api().call('containers.logs', {
            id,
            cursor: cursor.current,
            waitMs: follow ? 15_000 : 0,
          });
          if (!live) return;
          setError(null);
          if (cursor.current === null && chunk.truncated) setTruncated(true);
          cursor.current = chunk.cursor;
          setRunning(chunk.running);
          if (chunk.entries.length) {
            setLines((old) => {
              const next = appendCapped(old, chunk.entries);
              if (next.dropped) setDropped((d) => d + next.dropped);
              return next.lines;
            });
          }
          if (!follow) return;
          // A stopped container has nothing to wait for: look again now and then (it may be started).
          if (!chunk.running && !chunk.more) await new Promise((r) => setTimeout(r, 2000));
        } catch (err) {
          if (!live) return;
          setError(toErrorData(err));
          await new Promise((r) => setTimeout(r, 3000));
          if (!follow) return;
        }
      }
    })();
    return () => {
      live = false;
    };
  }, [id, follow]);

  useEffect(() => {
    const el = box.current;
    if (el && atBottom.current) el.scrollTop = el.scrollHeight;
  }, [lines]);

  return (
    <section className="side-panel logs-panel" aria-label={t('containers.logsOf', { name })}>
      <div className="details-head">
        <h2>{t('containers.logsOf', { name })}</h2>
        <button type="button" className="small" aria-label={t('containers.closePanel')} onClick={onClose}>
          ×
        </button>
      </div>
      <div className="toolbar">
        <label className="check">
          <input type="checkbox" checked={follow} onChange={(e) => setFollow(e.target.checked)} />
          {t('containers.follow')}
        </label>
        <button
          type="button"
          className="small"
          onClick={() => {
            setLines([]);
            setDropped(0);
            setTruncated(false);
          }}
        >
          {t('containers.clearLog')}
        </button>
        <span className="muted" role="status">
          {running === null ? t('containers.logLoading') : running ? '' : t('containers.logStopped')}
        </span>
      </div>
      {error ? <ErrorMessage error={error} lead={t('containers.logFailed')} /> : null}
      {truncated || dropped ? (
        <p className="muted">{dropped ? t('containers.logDropped', { count: dropped }) : t('containers.logTail')}</p>
      ) : null}
      <pre
        ref={box}
        className="log"
        role="log"
        translate="no"
        tabIndex={0}
        aria-label={t('containers.logLines', { name })}
        onScroll={(e) => {
          const el = e.currentTarget;
          atBottom.current = el.scrollHeight - el.scrollTop - el.clientHeight < 24;
        }}
      >
        {lines.map((l, i) => (
          <div key={i} className={l.stream === 'stderr' ? 'stderr' : undefined}>
            {l.text}
          </div>
        ))}
        {lines.length === 0 && running !== null ? (
          <span className="muted" translate="yes">
            {t('containers.logEmpty')}
          </span>
        ) : null}
      </pre>
    </section>
  );
}

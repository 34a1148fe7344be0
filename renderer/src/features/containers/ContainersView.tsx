import { lazy, Suspense, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ContainerRow } from '../../../../shared/contract/containerModels';
import type { ApiErrorData } from '../../../../shared/contract/errors';
import { toErrorData } from '../../api/errorData';
import { api } from '../../api/instance';
import { navigate, routeHash } from '../../app/route';
import { formatAbsolute, formatRelative } from '../../i18n/format';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { useNow } from '../../ui/useNow';
import { DiffPanel } from './DiffPanel';
import { LogsPanel } from './LogsPanel';
import { portText } from './ports';
import { RemoveContainerDialog } from './RemoveContainerDialog';
import './containers.css';
import { ensureContainersSync, nameOf, useContainers } from './store';

// Loaded when opened, like Import…: its --change checks bring zod along.
const CommitDialog = lazy(() => import('./CommitDialog').then((m) => ({ default: m.CommitDialog })));

const STATES = ['created', 'running', 'paused', 'restarting', 'removing', 'exited', 'dead'] as const;
type KnownState = (typeof STATES)[number];
const isKnownState = (s: string): s is KnownState => (STATES as readonly string[]).includes(s);

/** Every word of the filter must appear in the name, image, ID or state. */
const matches = (c: ContainerRow, words: string[]) => {
  const hay = `${c.names.join(' ')} ${c.image} ${c.id} ${c.state}`.toLowerCase();
  return words.every((w) => hay.includes(w));
};

const shortImageId = (id: string) => id.replace(/^sha256:/, '').slice(0, 12);

type Panel = { kind: 'logs' | 'diff'; id: string } | null;
type Dialog = { kind: 'commit'; id: string } | { kind: 'remove'; id: string } | null;

/**
 * The containers page (`docker ps -a`): route `#containers`, or
 * `#containers/image/<imageId>` for the containers of one image, or
 * `#containers/logs/<id>` to open a container's log.
 */
export function ContainersView({ params }: { params: string[] }) {
  const { t, i18n } = useTranslation();
  const now = useNow();
  useEffect(() => ensureContainersSync(), []);
  const { rows, status, error, load } = useContainers();
  const [filter, setFilter] = useState('');
  const imageFilter = params[0] === 'image' ? params[1] : undefined;
  const [panel, setPanel] = useState<Panel>(params[0] === 'logs' && params[1] ? { kind: 'logs', id: params[1] } : null);
  const [dialog, setDialog] = useState<Dialog>(null);
  const [actionError, setActionError] = useState<{ lead: string; error: ApiErrorData } | null>(null);
  const [busy, setBusy] = useState<string | null>(null);

  useEffect(() => {
    if (params[0] === 'logs' && params[1]) setPanel({ kind: 'logs', id: params[1] });
  }, [params]);

  const words = filter.toLowerCase().split(/\s+/).filter(Boolean);
  const shown = useMemo(
    () =>
      rows.filter(
        (c) =>
          (!imageFilter || c.imageId === imageFilter || shortImageId(c.imageId) === shortImageId(imageFilter)) &&
          matches(c, words),
      ),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- words derive from filter
    [rows, imageFilter, filter],
  );
  const imageName = imageFilter
    ? (rows.find((c) => c.imageId === imageFilter)?.image ?? shortImageId(imageFilter))
    : '';
  const panelRow = panel ? rows.find((c) => c.id === panel.id || c.names.includes(panel.id)) : undefined;

  const act = async (c: ContainerRow, method: 'containers.start' | 'containers.stop') => {
    setBusy(c.id);
    setActionError(null);
    try {
      await api().call(method, { id: c.id });
    } catch (err) {
      setActionError({
        lead: t(method === 'containers.start' ? 'containers.startFailed' : 'containers.stopFailed', {
          name: nameOf(c),
        }),
        error: toErrorData(err),
      });
    } finally {
      setBusy(null);
    }
  };

  const stateText = (s: string) => (isKnownState(s) ? t(`containers.state.${s}`) : s);

  return (
    <section className="containers-view" aria-labelledby="containers-title">
      <div className="toolbar">
        <h1 id="containers-title">{t('app.containers')}</h1>
        <input
          type="search"
          aria-label={t('containers.filterLabel')}
          placeholder={t('containers.filterPlaceholder')}
          value={filter}
          onChange={(e) => setFilter(e.target.value)}
        />
        {imageFilter ? (
          <span className="chip">
            {t('containers.ofImage', { image: imageName })}{' '}
            <a href={routeHash('containers')} aria-label={t('containers.clearImageFilter')}>
              ×
            </a>
          </span>
        ) : null}
        <span className="count" role="status">
          {status === 'ready' ? t('containers.count', { count: rows.length, shown: shown.length }) : ''}
        </span>
        <button type="button" className="push-right" onClick={() => void load()}>
          {t('containers.refresh')}
        </button>
      </div>
      {status === 'error' && error ? <ErrorMessage error={error} lead={t('containers.loadFailed')} /> : null}
      {actionError ? <ErrorMessage error={actionError.error} lead={actionError.lead} /> : null}
      {status === 'loading' && rows.length === 0 ? <p role="status">{t('containers.loading')}</p> : null}
      {status === 'ready' && rows.length === 0 ? <p>{t('containers.empty')}</p> : null}
      {rows.length > 0 && shown.length === 0 ? <p>{t('containers.noMatch')}</p> : null}
      <div className="containers-body">
        {shown.length > 0 ? (
          <div className="table-wrap">
            <table className="containers-table" aria-label={t('containers.tableLabel')}>
              <thead>
                <tr>
                  <th scope="col">{t('containers.col.name')}</th>
                  <th scope="col">{t('containers.col.image')}</th>
                  <th scope="col">{t('containers.col.status')}</th>
                  <th scope="col">{t('containers.col.created')}</th>
                  <th scope="col">{t('containers.col.ports')}</th>
                  <th scope="col">{t('containers.col.actions')}</th>
                </tr>
              </thead>
              <tbody>
                {shown.map((c) => {
                  const name = nameOf(c);
                  const running = c.state === 'running' || c.state === 'restarting' || c.state === 'paused';
                  return (
                    <tr key={c.id} className={panel?.id === c.id ? 'active' : undefined}>
                      <th scope="row" className="mono" title={c.id} translate="no">
                        {name}
                      </th>
                      <td>
                        <a
                          translate="no"
                          href={routeHash('images', shortImageId(c.imageId))}
                          title={t('containers.showImage', { image: c.image })}
                        >
                          {c.image}
                        </a>
                      </td>
                      <td>
                        <span className={`state state-${c.state}`}>{stateText(c.state)}</span>{' '}
                        {/* The engine's own words ("Exited (0) 3 minutes ago"), as docker ps prints them. */}
                        <small className="muted" lang="en" translate="no">
                          {c.status}
                        </small>
                      </td>
                      <td title={formatAbsolute(c.created / 1000, i18n.language)}>
                        {formatRelative(c.created / 1000, now, i18n.language)}
                      </td>
                      <td className="mono">
                        {c.ports.length ? (
                          <ul className="ports">
                            {c.ports.map((p, i) => (
                              <li key={i} title={p.configured ? t('containers.portConfigured') : undefined}>
                                <span translate="no">{portText(p)}</span>
                                {p.configured && p.hostPort ? (
                                  <span className="muted"> {t('containers.configuredMark')}</span>
                                ) : null}
                              </li>
                            ))}
                          </ul>
                        ) : (
                          '—'
                        )}
                      </td>
                      <td className="row-actions">
                        {running ? (
                          <button
                            type="button"
                            className="small"
                            disabled={busy === c.id}
                            aria-label={t('containers.stopNamed', { name })}
                            onClick={() => void act(c, 'containers.stop')}
                          >
                            {busy === c.id ? t('containers.stopping') : t('containers.stop')}
                          </button>
                        ) : (
                          <button
                            type="button"
                            className="small"
                            disabled={busy === c.id}
                            aria-label={t('containers.startNamed', { name })}
                            onClick={() => void act(c, 'containers.start')}
                          >
                            {t('containers.start')}
                          </button>
                        )}
                        <button
                          type="button"
                          className="small"
                          aria-pressed={panel?.kind === 'logs' && panel.id === c.id}
                          aria-label={t('containers.logsNamed', { name })}
                          onClick={() => setPanel({ kind: 'logs', id: c.id })}
                        >
                          {t('containers.logs')}
                        </button>
                        <button
                          type="button"
                          className="small"
                          aria-pressed={panel?.kind === 'diff' && panel.id === c.id}
                          aria-label={t('containers.diffNamed', { name })}
                          onClick={() => setPanel({ kind: 'diff', id: c.id })}
                        >
                          {t('containers.diff')}
                        </button>
                        <button
                          type="button"
                          className="small"
                          aria-label={t('containers.commitNamed', { name })}
                          onClick={() => setDialog({ kind: 'commit', id: c.id })}
                        >
                          {t('containers.commit')}
                        </button>
                        <button
                          type="button"
                          className="small"
                          aria-label={t('containers.removeNamed', { name })}
                          onClick={() => setDialog({ kind: 'remove', id: c.id })}
                        >
                          {t('containers.remove')}
                        </button>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        ) : null}
        {panel && panel.kind === 'logs' ? (
          <LogsPanel
            key={`logs-${panel.id}`}
            id={panelRow?.id ?? panel.id}
            name={panelRow ? nameOf(panelRow) : panel.id}
            onClose={() => {
              setPanel(null);
              if (params[0] === 'logs') navigate('containers');
            }}
          />
        ) : null}
        {panel && panel.kind === 'diff' ? (
          <DiffPanel
            key={`diff-${panel.id}`}
            id={panel.id}
            name={panelRow ? nameOf(panelRow) : panel.id}
            onCommit={() => setDialog({ kind: 'commit', id: panel.id })}
            onClose={() => setPanel(null)}
          />
        ) : null}
      </div>
      {dialog?.kind === 'commit' ? (
        <Suspense fallback={null}>
          <CommitDialog
            container={rows.find((c) => c.id === dialog.id) ?? null}
            id={dialog.id}
            onClose={() => setDialog(null)}
          />
        </Suspense>
      ) : null}
      {dialog?.kind === 'remove' ? (
        <RemoveContainerDialog
          container={rows.find((c) => c.id === dialog.id) ?? null}
          id={dialog.id}
          onClose={() => setDialog(null)}
        />
      ) : null}
    </section>
  );
}

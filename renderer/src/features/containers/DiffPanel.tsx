import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DiffEntry, DiffKind } from '../../../../shared/contract/containerModels';
import type { ApiErrorData } from '../../../../shared/contract/errors';
import { toErrorData } from '../../api/errorData';
import { api } from '../../api/instance';
import { ErrorMessage } from '../../ui/ErrorMessage';

const KINDS: DiffKind[] = ['added', 'changed', 'deleted'];
const MARK: Record<DiffKind, string> = { added: 'A', changed: 'C', deleted: 'D' };

/** Entries whose path contains every word, of the kinds shown; the list is a tree by indentation (paths sorted). */
export const filterDiff = (entries: readonly DiffEntry[], text: string, kinds: ReadonlySet<DiffKind>): DiffEntry[] => {
  const words = text.toLowerCase().split(/\s+/).filter(Boolean);
  return entries.filter((e) => kinds.has(e.kind) && words.every((w) => e.path.toLowerCase().includes(w)));
};

/** `docker diff`: what the container changed against its image, the step before a commit. */
export function DiffPanel({
  id,
  name,
  onCommit,
  onClose,
}: {
  id: string;
  name: string;
  onCommit(): void;
  onClose(): void;
}) {
  const { t } = useTranslation();
  const [entries, setEntries] = useState<DiffEntry[] | null>(null);
  const [error, setError] = useState<ApiErrorData | null>(null);
  const [text, setText] = useState('');
  const [kinds, setKinds] = useState<Set<DiffKind>>(() => new Set(KINDS));

  const load = useCallback(() => {
    setError(null);
    api()
      .call('containers.diff', { id })
      .then(setEntries)
      .catch((err: unknown) => setError(toErrorData(err)));
  }, [id]);
  useEffect(load, [load]);

  const shown = useMemo(() => (entries ? filterDiff(entries, text, kinds) : []), [entries, text, kinds]);
  const counts = useMemo(() => {
    const c: Record<DiffKind, number> = { added: 0, changed: 0, deleted: 0 };
    for (const e of entries ?? []) c[e.kind]++;
    return c;
  }, [entries]);

  return (
    <section className="side-panel diff-panel" aria-label={t('containers.diffOf', { name })}>
      <div className="details-head">
        <h2>{t('containers.diffOf', { name })}</h2>
        <button type="button" className="small" aria-label={t('containers.closePanel')} onClick={onClose}>
          ×
        </button>
      </div>
      <div className="toolbar">
        <input
          type="search"
          aria-label={t('containers.diffFilter')}
          placeholder={t('containers.diffFilter')}
          value={text}
          onChange={(e) => setText(e.target.value)}
        />
        {KINDS.map((k) => (
          <label key={k} className="check">
            <input
              type="checkbox"
              checked={kinds.has(k)}
              onChange={(e) => {
                const next = new Set(kinds);
                if (e.target.checked) next.add(k);
                else next.delete(k);
                setKinds(next);
              }}
            />
            {t(`containers.kind.${k}`)} ({counts[k]})
          </label>
        ))}
        <button type="button" className="small" onClick={load}>
          {t('containers.refresh')}
        </button>
        <button type="button" className="small primary" onClick={onCommit}>
          {t('containers.commit')}
        </button>
      </div>
      {error ? <ErrorMessage error={error} lead={t('containers.diffFailed')} /> : null}
      {!entries && !error ? <p role="status">{t('containers.diffLoading')}</p> : null}
      {entries && entries.length === 0 ? <p>{t('containers.diffEmpty')}</p> : null}
      {entries && entries.length > 0 ? (
        <ul className="diff-list mono" aria-label={t('containers.diffList')}>
          {shown.map((e) => {
            const depth = e.path.split('/').length - 2;
            return (
              <li key={e.path} className={`diff-${e.kind}`} style={{ paddingLeft: `${depth * 14}px` }}>
                <abbr title={t(`containers.kind.${e.kind}`)} className="diff-mark">
                  {MARK[e.kind]}
                </abbr>{' '}
                <span title={e.path} translate="no">
                  {e.path}
                </span>
              </li>
            );
          })}
        </ul>
      ) : null}
    </section>
  );
}

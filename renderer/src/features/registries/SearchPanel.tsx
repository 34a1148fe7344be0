import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiErrorData } from '../../../../shared/contract/errors';
import type { SearchResult } from '../../../../shared/contract/methods/registries';
import { parseReference } from '../../../../shared/contract/reference';
import { toErrorData } from '../../api/errorData';
import { api } from '../../api/instance';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { useTransfers } from './transfers';

type SortKey = 'name' | 'stars' | 'official';
const TRUNCATE = 45; // what `docker search` prints without --no-trunc

/** The registry host a search term names (`HOST:PORT/term`), whose results are pulled from that host. */
export const searchHost = (term: string): string | undefined => {
  const slash = term.indexOf('/');
  if (slash === -1) return undefined;
  const first = term.slice(0, slash);
  return first.includes('.') || first.includes(':') || first === 'localhost' ? first : undefined;
};

/** What to pull for a result: the host's copy for a registry search, the Hub name otherwise. */
export const pullReferenceFor = (term: string, name: string): string => {
  const host = searchHost(term);
  const full = host && !name.startsWith(`${host}/`) ? `${host}/${name}` : name;
  const parsed = parseReference(full);
  return parsed.ok && parsed.value.tag === undefined ? `${full}:latest` : full;
};

/** `docker search` with --limit, -s/--stars, --filter is-official=true and --no-trunc; sortable; one click pulls. */
export function SearchPanel() {
  const { t, i18n } = useTranslation();
  const pull = useTransfers((s) => s.pull);
  const [term, setTerm] = useState('');
  const [limit, setLimit] = useState(25);
  const [stars, setStars] = useState(0);
  const [official, setOfficial] = useState(false);
  const [noTrunc, setNoTrunc] = useState(false);
  const [state, setState] = useState<
    | { kind: 'idle' }
    | { kind: 'busy' }
    | { kind: 'done'; term: string; results: SearchResult[] }
    | { kind: 'failed'; error: ApiErrorData }
  >({ kind: 'idle' });
  const [sort, setSort] = useState<{ key: SortKey; desc: boolean }>({ key: 'stars', desc: true });

  const sorted = useMemo(() => {
    if (state.kind !== 'done') return [];
    const dir = sort.desc ? -1 : 1;
    return [...state.results].sort((a, b) => {
      const by =
        sort.key === 'name'
          ? a.name.localeCompare(b.name)
          : sort.key === 'stars'
            ? a.stars - b.stars
            : Number(a.official) - Number(b.official);
      return by * dir || a.name.localeCompare(b.name);
    });
  }, [state, sort]);

  const header = (key: SortKey, label: string) => (
    <th scope="col" aria-sort={sort.key === key ? (sort.desc ? 'descending' : 'ascending') : 'none'}>
      <button
        type="button"
        className="th-button"
        aria-label={t('registries.search.sortBy', { column: label })}
        onClick={() => setSort((s) => ({ key, desc: s.key === key ? !s.desc : key !== 'name' }))}
      >
        {label}
        {sort.key === key ? (sort.desc ? ' ▼' : ' ▲') : ''}
      </button>
    </th>
  );

  const describe = (text: string) => (noTrunc || text.length <= TRUNCATE ? text : `${text.slice(0, TRUNCATE)}…`);
  const number = (n: number) => new Intl.NumberFormat(i18n.language).format(n);

  return (
    <div className="panel-body">
      <form
        className="search-form"
        aria-label={t('registries.tab.search')}
        onSubmit={(e) => {
          e.preventDefault();
          const q = term.trim();
          if (!q) return;
          setState({ kind: 'busy' });
          api()
            .call('registries.search', { term: q, limit, officialOnly: official, ...(stars > 0 ? { stars } : {}) })
            .then(
              ({ results }) => setState({ kind: 'done', term: q, results }),
              (err: unknown) => setState({ kind: 'failed', error: toErrorData(err) }),
            );
        }}
      >
        <label className="grow">
          {t('registries.search.term')}
          <input
            type="search"
            value={term}
            onChange={(e) => setTerm(e.target.value)}
            placeholder={t('registries.search.termHint')}
            spellCheck={false}
          />
        </label>
        <label>
          {t('registries.search.limit')}
          <input
            type="number"
            className="num"
            min={1}
            max={100}
            value={limit}
            onChange={(e) => setLimit(Math.min(100, Math.max(1, Number(e.target.value) || 1)))}
          />
        </label>
        <label>
          {t('registries.search.stars')}
          <input
            type="number"
            className="num"
            min={0}
            value={stars}
            onChange={(e) => setStars(Math.max(0, Number(e.target.value) || 0))}
          />
        </label>
        <label className="check">
          <input type="checkbox" checked={official} onChange={(e) => setOfficial(e.target.checked)} />
          {t('registries.search.official')}
        </label>
        <label className="check">
          <input type="checkbox" checked={noTrunc} onChange={(e) => setNoTrunc(e.target.checked)} />
          {t('registries.search.noTrunc')}
        </label>
        <button type="submit" className="primary" disabled={!term.trim() || state.kind === 'busy'}>
          {t('registries.search.button')}
        </button>
      </form>
      {state.kind === 'busy' ? <p role="status">{t('registries.search.searching')}</p> : null}
      {state.kind === 'failed' ? <ErrorMessage error={state.error} lead={t('registries.search.failed')} /> : null}
      {state.kind === 'done' ? (
        state.results.length === 0 ? (
          <p role="status">{t('registries.search.none')}</p>
        ) : (
          <>
            <table className="list-table" aria-label={t('registries.search.results')}>
              <thead>
                <tr>
                  {header('name', t('registries.search.name'))}
                  <th scope="col">{t('registries.search.description')}</th>
                  {header('stars', t('registries.search.starsColumn'))}
                  {header('official', t('registries.search.officialColumn'))}
                  <th scope="col">
                    <span className="sr-only">{t('registries.search.pullLabel')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {sorted.map((r) => (
                  <tr key={r.name}>
                    <td className="mono">{r.name}</td>
                    <td title={r.description}>{describe(r.description)}</td>
                    <td className="num">{number(r.stars)}</td>
                    <td>{r.official ? t('registries.search.officialYes') : ''}</td>
                    <td>
                      <button
                        type="button"
                        className="small"
                        aria-label={t('registries.search.pullOne', { name: r.name })}
                        onClick={() => pull(pullReferenceFor(state.term, r.name))}
                      >
                        {t('registries.search.pullLabel')}
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            {state.results.length < limit && (stars > 0 || official) ? (
              <p className="muted">{t('registries.search.fewer', { limit })}</p>
            ) : null}
          </>
        )
      ) : null}
    </div>
  );
}

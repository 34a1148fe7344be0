import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiErrorData } from '../../../../shared/contract/errors';
import type { ManifestFacts } from '../../../../shared/contract/methods/registries';
import { toErrorData } from '../../api/errorData';
import { api } from '../../api/instance';
import { formatAbsolute, formatBytes } from '../../i18n/format';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { useTransfers } from './transfers';

interface Listing {
  items: string[];
  next?: string;
  loading: boolean;
  error?: ApiErrorData;
}

const empty: Listing = { items: [], loading: false };
const PAGE = 100;

/** Natural order for tags: 1 < 1.9 < 1.10 < latest. */
const byTag = (a: string, b: string) => a.localeCompare(b, undefined, { numeric: true });

/** A Distribution v2 registry: repositories, a repository's tags, a tag's manifest facts, then pull. */
export function BrowsePanel() {
  const { t, i18n } = useTranslation();
  const pull = useTransfers((s) => s.pull);
  const [registry, setRegistry] = useState('');
  const [shown, setShown] = useState<string | null>(null);
  const [repos, setRepos] = useState<Listing>(empty);
  const [repository, setRepository] = useState<string | null>(null);
  const [tags, setTags] = useState<Listing>(empty);
  const [tag, setTag] = useState('');
  const [facts, setFacts] = useState<{ facts?: ManifestFacts; error?: ApiErrorData; loading: boolean } | null>(null);
  const fmt = (n: number) => formatBytes(n, i18n.language);

  const loadRepos = async (host: string, last?: string) => {
    setRepos((r) => ({ ...(last ? r : empty), loading: true }));
    try {
      const page = await api().call('registries.repositories', { registry: host, n: PAGE, ...(last ? { last } : {}) });
      setRepos((r) => ({
        items: [...(last ? r.items : []), ...page.items],
        ...(page.next ? { next: page.next } : {}),
        loading: false,
      }));
    } catch (err) {
      setRepos((r) => ({ ...r, loading: false, error: toErrorData(err) }));
    }
  };

  const loadTags = async (repo: string, last?: string) => {
    if (!shown) return;
    setTags((r) => ({ ...(last ? r : empty), loading: true }));
    try {
      const page = await api().call('registries.tags', {
        registry: shown,
        repository: repo,
        n: PAGE,
        ...(last ? { last } : {}),
      });
      setTags((r) => ({
        items: [...(last ? r.items : []), ...page.items].sort(byTag),
        ...(page.next ? { next: page.next } : {}),
        loading: false,
      }));
    } catch (err) {
      setTags((r) => ({ ...r, loading: false, error: toErrorData(err) }));
    }
  };

  const pickTag = async (repo: string, value: string) => {
    setTag(value);
    if (!shown || !value) return setFacts(null);
    setFacts({ loading: true });
    try {
      setFacts({
        loading: false,
        facts: await api().call('registries.manifest', { registry: shown, repository: repo, reference: value }),
      });
    } catch (err) {
      setFacts({ loading: false, error: toErrorData(err) });
    }
  };

  const reference = shown && repository && tag ? `${shown}/${repository}:${tag}` : '';

  return (
    <div className="panel-body">
      <form
        className="search-form"
        aria-label={t('registries.tab.browse')}
        onSubmit={(e) => {
          e.preventDefault();
          const host = registry
            .trim()
            .replace(/^https?:\/\//, '')
            .replace(/\/+$/, '');
          if (!host) return;
          setShown(host);
          setRepository(null);
          setTags(empty);
          setFacts(null);
          void loadRepos(host);
        }}
      >
        <label className="grow">
          {t('registries.browse.registry')}
          <input
            type="text"
            value={registry}
            placeholder={t('registries.browse.registryPlaceholder')}
            onChange={(e) => setRegistry(e.target.value)}
            spellCheck={false}
          />
        </label>
        <button type="submit" className="primary" disabled={!registry.trim()}>
          {t('registries.browse.show')}
        </button>
      </form>
      {repos.error ? <ErrorMessage error={repos.error} lead={t('registries.browse.failed')} /> : null}
      {shown && !repos.error ? (
        <div className="browse-columns">
          <div className="browse-col">
            <h3 id="repos-heading">{t('registries.browse.repositories')}</h3>
            {repos.loading && !repos.items.length ? <p role="status">{t('registries.browse.loading')}</p> : null}
            {!repos.loading && !repos.items.length ? <p>{t('registries.browse.noRepositories')}</p> : null}
            <ul className="pick-list" aria-labelledby="repos-heading">
              {repos.items.map((r) => (
                <li key={r}>
                  <button
                    type="button"
                    className="link-button mono"
                    aria-pressed={repository === r}
                    onClick={() => {
                      setRepository(r);
                      setTag('');
                      setFacts(null);
                      void loadTags(r);
                    }}
                  >
                    {r}
                  </button>
                </li>
              ))}
            </ul>
            {repos.next ? (
              <button
                type="button"
                className="small"
                disabled={repos.loading}
                onClick={() => void loadRepos(shown, repos.next)}
              >
                {t('registries.browse.more')}
              </button>
            ) : null}
          </div>
          {repository ? (
            <div className="browse-col">
              <h3>{t('registries.browse.tags', { repository })}</h3>
              {tags.error ? <ErrorMessage error={tags.error} lead={t('registries.browse.failed')} /> : null}
              {tags.loading && !tags.items.length ? <p role="status">{t('registries.browse.loading')}</p> : null}
              {!tags.loading && !tags.error && !tags.items.length ? <p>{t('registries.browse.noTags')}</p> : null}
              {tags.items.length ? (
                <label>
                  {t('registries.browse.tagPicker')}
                  <select value={tag} onChange={(e) => void pickTag(repository, e.target.value)}>
                    <option value="">—</option>
                    {tags.items.map((x) => (
                      <option key={x} value={x}>
                        {x}
                      </option>
                    ))}
                  </select>
                </label>
              ) : null}
              {tags.next ? (
                <button
                  type="button"
                  className="small"
                  disabled={tags.loading}
                  onClick={() => void loadTags(repository, tags.next)}
                >
                  {t('registries.browse.more')}
                </button>
              ) : null}
              {facts?.loading ? <p role="status">{t('registries.browse.loading')}</p> : null}
              {facts?.error ? <ErrorMessage error={facts.error} lead={t('registries.browse.failed')} /> : null}
              {facts?.facts ? (
                <dl className="facts" aria-label={t('registries.browse.facts', { reference })}>
                  {facts.facts.digest ? (
                    <>
                      <dt>{t('registries.browse.digest')}</dt>
                      <dd className="mono wrap">{facts.facts.digest}</dd>
                    </>
                  ) : null}
                  {facts.facts.size !== undefined ? (
                    <>
                      <dt>{t('registries.browse.size')}</dt>
                      <dd>{fmt(facts.facts.size)}</dd>
                      <dt>{t('registries.browse.layers')}</dt>
                      <dd>{facts.facts.layers?.length ?? 0}</dd>
                    </>
                  ) : null}
                  {facts.facts.platform ? (
                    <>
                      <dt>{t('registries.browse.platform')}</dt>
                      <dd>{facts.facts.platform}</dd>
                    </>
                  ) : null}
                  {facts.facts.created ? (
                    <>
                      <dt>{t('registries.browse.created')}</dt>
                      <dd>{formatAbsolute(Date.parse(facts.facts.created) / 1000, i18n.language)}</dd>
                    </>
                  ) : null}
                  {facts.facts.platforms ? (
                    <>
                      <dt>{t('registries.browse.platforms')}</dt>
                      <dd>
                        <ul>
                          {facts.facts.platforms.map((p) => (
                            <li key={p.digest}>
                              {p.platform}{' '}
                              <button
                                type="button"
                                className="small"
                                onClick={() => pull(reference, { platform: p.platform })}
                              >
                                {t('registries.browse.pullTag', { reference: `${reference} (${p.platform})` })}
                              </button>
                            </li>
                          ))}
                        </ul>
                      </dd>
                    </>
                  ) : null}
                </dl>
              ) : null}
              {reference ? (
                <button type="button" className="primary" onClick={() => pull(reference)}>
                  {t('registries.browse.pullTag', { reference })}
                </button>
              ) : null}
            </div>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}

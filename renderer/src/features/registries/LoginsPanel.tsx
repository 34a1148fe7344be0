import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiErrorData } from '../../../../shared/contract/errors';
import type { CredentialStorage, LoginInfo } from '../../../../shared/contract/methods/registries';
import { toErrorData } from '../../api/errorData';
import { api } from '../../api/instance';
import { ErrorMessage } from '../../ui/ErrorMessage';

/** `docker login` / `docker logout` per registry, and where the passwords are kept. */
export function LoginsPanel() {
  const { t } = useTranslation();
  const [logins, setLogins] = useState<LoginInfo[]>([]);
  const [storage, setStorage] = useState<CredentialStorage | null>(null);
  const [registry, setRegistry] = useState('');
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [state, setState] = useState<
    { kind: 'idle' } | { kind: 'busy' } | { kind: 'ok'; registry: string } | { kind: 'failed'; error: ApiErrorData }
  >({ kind: 'idle' });

  const refresh = useCallback(async () => {
    const got = await api().call('registries.logins', {});
    setLogins(got.logins);
    setStorage(got.storage);
  }, []);
  useEffect(() => {
    void refresh().catch(() => {});
  }, [refresh]);

  return (
    <div className="panel-body">
      {storage ? (
        <p className={storage === 'memory' ? 'notice' : 'muted'}>{t(`registries.logins.storage.${storage}`)}</p>
      ) : null}
      <form
        className="stack-form"
        aria-label={t('registries.logins.heading')}
        onSubmit={(e) => {
          e.preventDefault();
          const host = registry.trim();
          setState({ kind: 'busy' });
          api()
            .call('registries.login', { registry: host, username, password })
            .then(
              () => {
                setPassword('');
                setState({ kind: 'ok', registry: host });
                return refresh();
              },
              (err: unknown) => setState({ kind: 'failed', error: toErrorData(err) }),
            );
        }}
      >
        <label>
          {t('registries.logins.registry')}
          <input
            type="text"
            value={registry}
            onChange={(e) => setRegistry(e.target.value)}
            placeholder={t('registries.browse.registryPlaceholder')}
            spellCheck={false}
          />
        </label>
        <label>
          {t('registries.logins.username')}
          <input type="text" value={username} onChange={(e) => setUsername(e.target.value)} autoComplete="username" />
        </label>
        <label>
          {t('registries.logins.password')}
          <input
            type="password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            autoComplete="current-password"
          />
        </label>
        <div>
          <button
            type="submit"
            className="primary"
            disabled={!registry.trim() || !username || !password || state.kind === 'busy'}
          >
            {t('registries.logins.login')}
          </button>
        </div>
        {state.kind === 'busy' ? <p role="status">{t('registries.logins.loggingIn')}</p> : null}
        {state.kind === 'ok' ? (
          <p role="status" className="ok">
            {t('registries.logins.loggedIn', { registry: state.registry })}
          </p>
        ) : null}
        {state.kind === 'failed' ? <ErrorMessage error={state.error} lead={t('registries.logins.failed')} /> : null}
      </form>
      <h3 id="logins-heading">{t('registries.logins.list')}</h3>
      {logins.length === 0 ? <p className="muted">{t('registries.logins.none')}</p> : null}
      <ul className="logins" aria-labelledby="logins-heading">
        {logins.map((l) => (
          <li key={`${l.source}:${l.registry}`}>
            <span className="mono">{l.registry}</span> · {l.username} ·{' '}
            <span className="muted">{t(`registries.logins.source.${l.source}`)}</span>
            {l.source === 'lading' ? (
              <button
                type="button"
                className="small"
                aria-label={t('registries.logins.logoutOne', { registry: l.registry })}
                onClick={() => void api().call('registries.logout', { registry: l.registry }).then(refresh)}
              >
                {t('registries.logins.logout')}
              </button>
            ) : null}
          </li>
        ))}
      </ul>
    </div>
  );
}

import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiErrorData } from '../../../../shared/contract/errors';
import { toErrorData } from '../../api/errorData';
import { api } from '../../api/instance';
import { ErrorMessage } from '../../ui/ErrorMessage';

/** Mirror hosts for Docker Hub names, kept by the backend (every tab and the desktop app see the same list). */
export function MirrorsPanel() {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [state, setState] = useState<{ kind: 'idle' | 'saved' } | { kind: 'failed'; error: ApiErrorData }>({
    kind: 'idle',
  });
  useEffect(() => {
    void api()
      .call('registries.mirrors', {})
      .then(({ mirrors }) => setText(mirrors.join('\n')))
      .catch(() => {});
  }, []);
  return (
    <div className="panel-body">
      <form
        className="stack-form"
        aria-label={t('registries.mirrors.heading')}
        onSubmit={(e) => {
          e.preventDefault();
          const mirrors = text
            .split('\n')
            .map((l) => l.trim())
            .filter(Boolean);
          api()
            .call('registries.setMirrors', { mirrors })
            .then(
              (saved) => {
                setText(saved.mirrors.join('\n'));
                setState({ kind: 'saved' });
              },
              (err: unknown) => setState({ kind: 'failed', error: toErrorData(err) }),
            );
        }}
      >
        <p className="muted">{t('registries.mirrors.explain')}</p>
        <label>
          {t('registries.mirrors.hosts')}
          <textarea
            rows={5}
            value={text}
            spellCheck={false}
            onChange={(e) => {
              setText(e.target.value);
              setState({ kind: 'idle' });
            }}
          />
        </label>
        <div>
          <button type="submit" className="primary">
            {t('registries.mirrors.save')}
          </button>
        </div>
        {state.kind === 'saved' ? <p role="status">{t('registries.mirrors.saved')}</p> : null}
        {state.kind === 'failed' ? <ErrorMessage error={state.error} lead={t('registries.mirrors.failed')} /> : null}
      </form>
    </div>
  );
}

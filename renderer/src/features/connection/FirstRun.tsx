import { useTranslation } from 'react-i18next';
import { RetryButton } from './RetryButton';
import { TextWithCode } from '../../ui/Trans';
import type { ConnectionState } from '../../../../shared/contract/models';

/** No engine was ever reached: explain how to start one instead of showing an empty table. */
export function FirstRun({ state }: { state: ConnectionState }) {
  const { t } = useTranslation();
  return (
    <section className="first-run" aria-labelledby="first-run-title">
      <h2 id="first-run-title">{t('engine.firstRunTitle')}</h2>
      <p>{t('engine.firstRunBody', { host: state.host })}</p>
      <ul>
        <li>
          <TextWithCode k="engine.firstRunStartDocker" />
        </li>
        <li>
          <TextWithCode k="engine.firstRunStartPodman" />
        </li>
        <li>
          <TextWithCode k="engine.firstRunDockerHost" />
        </li>
        <li>
          <TextWithCode k="engine.firstRunTryDemo" />
        </li>
      </ul>
      {state.error ? <p className="error-details">{t('engine.lastError', { error: state.error })}</p> : null}
      <RetryButton />
    </section>
  );
}

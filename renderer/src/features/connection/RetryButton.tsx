import { useTranslation } from 'react-i18next';
import { api } from '../../api/instance';

/** Ask the backend to try the engine now instead of at the next backoff step. */
export function RetryButton() {
  const { t } = useTranslation();
  return (
    <button type="button" onClick={() => void api().call('engine.reconnect', {})}>
      {t('engine.reconnect')}
    </button>
  );
}

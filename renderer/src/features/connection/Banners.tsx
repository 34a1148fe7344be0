import { useTranslation } from 'react-i18next';
import { RetryButton } from './RetryButton';
import { useConnection } from '../../stores/connection';

/**
 * Shown above the content while something is down: the link to the backend
 * (serve mode) or the backend's link to the engine. The content below stays,
 * so nothing the user was looking at disappears.
 */
export function ConnectionBanners() {
  const { t } = useTranslation();
  const link = useConnection((s) => s.link);
  const engine = useConnection((s) => s.engine);

  if (link === 'closed') {
    return (
      <div className="banner banner-error" role="alert">
        <strong>{t('link.closed')}</strong> <span>{t('link.closedHint')}</span>
      </div>
    );
  }
  if (engine?.status === 'disconnected') {
    return (
      <div className="banner banner-error" role="alert" aria-label={t('engine.disconnectedTitle')}>
        <strong>{t('engine.disconnectedTitle')}</strong>{' '}
        <span>
          {t('engine.disconnectedBody', {
            host: engine.host,
            seconds: Math.ceil((engine.retryInMs ?? 0) / 1000),
          })}
        </span>
        {engine.error ? <div className="error-details">{t('engine.lastError', { error: engine.error })}</div> : null}
        <RetryButton />
      </div>
    );
  }
  return null;
}

import { useTranslation } from 'react-i18next';
import type { ApiErrorData } from '../../../shared/contract/errors';

/**
 * A failure as the user sees it: a headline (`lead`), one reason, then the
 * details in the engine's own words. The reason is the error code's sentence
 * unless the caller knows a more specific one (`reason`), which replaces it.
 */
export function ErrorMessage({ error, lead, reason }: { error: ApiErrorData; lead?: string; reason?: string }) {
  const { t } = useTranslation();
  return (
    <div role="alert" className="error">
      {lead ? <strong>{lead} </strong> : null}
      <span>{reason ?? t(`errors.${error.code}`)}</span>
      {error.message ? <div className="error-details">{t('errors.details', { message: error.message })}</div> : null}
    </div>
  );
}

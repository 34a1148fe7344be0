import { useTranslation } from 'react-i18next';
import type { ApiErrorData } from '../../../shared/contract/errors';

/** A failure as the user sees it: what happened (translated) and the engine's own words. */
export function ErrorMessage({ error, lead }: { error: ApiErrorData; lead?: string }) {
  const { t } = useTranslation();
  return (
    <div role="alert" className="error">
      {lead ? <strong>{lead} </strong> : null}
      <span>{t(`errors.${error.code}`)}</span>
      {error.message ? <div className="error-details">{t('errors.details', { message: error.message })}</div> : null}
    </div>
  );
}

import { useTranslation } from 'react-i18next';
import type { ApiErrorData } from '../../../shared/contract/errors';
import { errorSentence } from './errorSentence';

/**
 * A failure as the user sees it: what happened (translated) and the engine's
 * own words. A sentence for the specific kind of failure (a missing folder,
 * a named pipe, a URL's 404…) says everything, so no English details repeat it.
 */
export function ErrorMessage({ error, lead }: { error: ApiErrorData; lead?: string }) {
  const { i18n } = useTranslation();
  const { text, specific } = errorSentence(i18n, error);
  return (
    <div role="alert" className="error">
      {lead ? <strong>{lead} </strong> : null}
      <span>{text}</span>
      {error.message && !specific ? (
        <div className="error-details">{i18n.t('errors.details', { message: error.message })}</div>
      ) : null}
    </div>
  );
}

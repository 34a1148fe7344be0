import { useTranslation } from 'react-i18next';
import type { ApiErrorData } from '../../../shared/contract/errors';
import { errorSentence } from './errorSentence';

/**
 * A failure as the user sees it: a headline (`lead`), one reason, then the
 * details in the engine's own words. The reason is the error code's sentence
 * unless the caller knows a more specific one (`reason`), which replaces it.
 * A sentence for the specific kind of failure the backend named (a missing
 * folder, a named pipe, a URL's 404…) says everything, so no English
 * details repeat it.
 */
export function ErrorMessage({ error, lead, reason }: { error: ApiErrorData; lead?: string; reason?: string }) {
  const { i18n } = useTranslation();
  const { text, specific } = errorSentence(i18n, error);
  return (
    <div role="alert" className="error">
      {lead ? <strong>{lead} </strong> : null}
      <span>{reason ?? text}</span>
      {error.message && !specific ? (
        <div className="error-details">{i18n.t('errors.details', { message: error.message })}</div>
      ) : null}
    </div>
  );
}

import { useTranslation } from 'react-i18next';
import type { ApiErrorData } from '../../../shared/contract/errors';

/** String details (path, url, status…) for the sentence's placeholders. */
const placeholders = (details: Record<string, unknown> | undefined): Record<string, string> =>
  Object.fromEntries(Object.entries(details ?? {}).filter((e): e is [string, string] => typeof e[1] === 'string'));

/**
 * A failure as the user sees it: what happened (translated) and the engine's
 * own words. When the backend names what kind of thing failed
 * (`details.kind`: a missing file or folder, a folder where a file was
 * expected, a URL's server refusing…), the sentence for that kind is used
 * (`errors.<CODE>_<kind>`), with the path or URL in it; it says everything,
 * so no English details repeat it.
 */
export function ErrorMessage({ error, lead }: { error: ApiErrorData; lead?: string }) {
  const { t, i18n } = useTranslation();
  const kind = typeof error.details?.kind === 'string' ? error.details.kind : undefined;
  const specific = kind !== undefined && i18n.exists(`errors.${error.code}_${kind}`);
  return (
    <div role="alert" className="error">
      {lead ? <strong>{lead} </strong> : null}
      <span>
        {specific
          ? t(`errors.${error.code}`, { ...placeholders(error.details), context: kind })
          : t(`errors.${error.code}`)}
      </span>
      {error.message && !specific ? (
        <div className="error-details">{t('errors.details', { message: error.message })}</div>
      ) : null}
    </div>
  );
}

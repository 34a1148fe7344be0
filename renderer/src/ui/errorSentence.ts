import type { ApiErrorData } from '../../../shared/contract/errors';

/** The two i18next calls the sentence needs (an i18next instance has both). */
export interface Translator {
  t(key: string, options?: Record<string, unknown>): string;
  exists(key: string): boolean;
}

/** String details (path, url, status…) for the sentence's placeholders. */
const placeholders = (details: Record<string, unknown> | undefined): Record<string, string> =>
  Object.fromEntries(Object.entries(details ?? {}).filter((e): e is [string, string] => typeof e[1] === 'string'));

/**
 * The sentence for a failure. When the backend names what kind of thing
 * failed (`details.kind`: a missing file or folder, a folder where a file
 * was expected, a URL's server refusing…), the sentence for that kind is
 * used (`errors.<CODE>_<kind>`, i18next's context), with the path or URL in
 * it; `specific` then says it already tells everything.
 */
export const errorSentence = (i18n: Translator, error: ApiErrorData): { text: string; specific: boolean } => {
  const kind = typeof error.details?.kind === 'string' ? error.details.kind : undefined;
  if (kind !== undefined && i18n.exists(`errors.${error.code}_${kind}`)) {
    return { text: i18n.t(`errors.${error.code}`, { ...placeholders(error.details), context: kind }), specific: true };
  }
  return { text: i18n.t(`errors.${error.code}`), specific: false };
};

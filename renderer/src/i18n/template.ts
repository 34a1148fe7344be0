import type { TFunction } from 'i18next';

const MARK = '\u0000';

/**
 * A translation with one `{{name}}` placeholder as a plain function: i18next
 * resolves the key once, and each call only joins strings. For texts rendered
 * many times per frame (a label on every visible table row). Not for plurals:
 * the form would be fixed by the first call.
 */
export const template = (t: TFunction, key: string, param = 'name'): ((value: string) => string) => {
  const parts = t(key, { [param]: MARK }).split(MARK);
  return (value) => parts.join(value);
};

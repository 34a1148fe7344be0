import { useTranslation } from 'react-i18next';
import { LANGUAGES, setLanguage, type LanguageCode } from '../../i18n';

/** Switches the UI language at once; the choice is remembered in this browser/profile. */
export function LanguagePicker() {
  const { t, i18n } = useTranslation();
  return (
    <select
      className="language-picker"
      aria-label={t('app.language')}
      value={i18n.language}
      onChange={(e) => void setLanguage(e.target.value as LanguageCode)}
    >
      {LANGUAGES.map((l) => (
        <option key={l.code} value={l.code} lang={l.code}>
          {l.name}
        </option>
      ))}
    </select>
  );
}

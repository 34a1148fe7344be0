import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/instance';
import { LANGUAGES, setLanguage, type LanguageCode } from '../../i18n';
import { useHost } from '../../stores/host';

/** Switches the UI language at once; the choice is remembered in this browser/profile. */
export function LanguagePicker() {
  const { t, i18n } = useTranslation();
  const desktop = useHost((s) => s.info?.mode === 'desktop');
  const language = i18n.language as LanguageCode;
  // The desktop shell's menu speaks the language picked here, not the system's.
  useEffect(() => {
    if (desktop)
      api()
        .call('host.setLanguage', { language })
        .catch(() => undefined);
  }, [desktop, language]);
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

import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en } from './locales/en';
import { zhCN } from './locales/zh-CN';
import { cacheNumberFormats } from './format';
import { initialLanguage, type LanguageCode } from './language';

export { LANGUAGES, type LanguageCode } from './language';

const STORAGE_KEY = 'lading.language';

const readSaved = (): string | null => {
  try {
    return localStorage.getItem(STORAGE_KEY);
  } catch {
    return null; // storage can be disabled; the choice then lasts for the session
  }
};

export const setLanguage = async (code: LanguageCode): Promise<void> => {
  try {
    localStorage.setItem(STORAGE_KEY, code);
  } catch {
    // see readSaved
  }
  await i18next.changeLanguage(code);
};

/** One i18n layer for all UI text. */
export const initI18n = async (): Promise<typeof i18next> => {
  i18next.on('languageChanged', (lng) => {
    document.documentElement.lang = lng;
  });
  await i18next.use(initReactI18next).init({
    resources: { en: { translation: en }, 'zh-CN': { translation: zhCN } },
    lng: initialLanguage(readSaved(), navigator.languages),
    fallbackLng: 'en',
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  cacheNumberFormats(i18next);
  document.documentElement.lang = i18next.language;
  return i18next;
};

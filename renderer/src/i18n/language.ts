/** Which UI languages exist and which one to start in (no DOM here, so unit tests can import it). */
export const LANGUAGES = [
  { code: 'en', name: 'English' },
  { code: 'zh-CN', name: '简体中文' },
] as const;
export type LanguageCode = (typeof LANGUAGES)[number]['code'];

const isLanguage = (v: unknown): v is LanguageCode => LANGUAGES.some((l) => l.code === v);

/** The saved choice, else the browser's first Chinese or English preference, else English. */
export const initialLanguage = (saved: string | null, preferred: readonly string[]): LanguageCode => {
  if (isLanguage(saved)) return saved;
  for (const tag of preferred) {
    const lower = tag.toLowerCase();
    if (lower.startsWith('zh')) return 'zh-CN';
    if (lower.startsWith('en')) return 'en';
  }
  return 'en';
};

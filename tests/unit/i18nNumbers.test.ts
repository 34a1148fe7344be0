import i18next from 'i18next';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cacheNumberFormats } from '../../renderer/src/i18n/format';
import { en } from '../../renderer/src/i18n/locales/en';
import { zhCN } from '../../renderer/src/i18n/locales/zh-CN';

const instance = async (cached: boolean) => {
  const i18n = i18next.createInstance();
  await i18n.init({
    resources: { en: { translation: en }, 'zh-CN': { translation: zhCN } },
    lng: 'en',
    fallbackLng: 'en',
    interpolation: { escapeValue: false },
  });
  if (cached) cacheNumberFormats(i18n);
  return i18n;
};

/** The status line as a filter keystroke re-renders it, for a run of different counts. */
const statusLines = (i18n: Awaited<ReturnType<typeof instance>>, lng: string) =>
  Array.from({ length: 50 }, (_, i) => i18n.t('images.shown', { lng, shown: 12_400 - i * 37, total: 12_400 }));

afterEach(() => vi.restoreAllMocks());

describe('{{n, number}} in the UI strings', () => {
  it('prints what i18next prints, in both languages', async () => {
    const [plain, cached] = await Promise.all([instance(false), instance(true)]);
    for (const lng of ['en', 'zh-CN']) expect(statusLines(cached, lng)).toEqual(statusLines(plain, lng));
    expect(cached.t('images.count', { count: 10_000, rows: 12_400 })).toBe('10,000 images, 12,400 rows');
  });

  it('builds one number formatter per language, not one per status line', async () => {
    const i18n = await instance(true);
    const built = vi.spyOn(Intl, 'NumberFormat');
    statusLines(i18n, 'en');
    statusLines(i18n, 'zh-CN');
    expect(built.mock.calls.length).toBeLessThanOrEqual(2);
  });
});

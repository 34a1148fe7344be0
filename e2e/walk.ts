import type { Browser, Page } from '@playwright/test';
import { messages, type Lang, type Screen } from './screens';

/**
 * Opens each screen in turn on one page in `lang` (the language is set as a
 * user's choice is remembered, before the app starts) and hands it to `visit`.
 * Each screen starts from a fresh load of the images view.
 */
export const walkScreens = async (
  browser: Browser,
  url: string,
  lang: Lang,
  viewport: { width: number; height: number },
  list: readonly Screen[],
  visit: (screen: Screen, page: Page) => Promise<void>,
) => {
  const context = await browser.newContext({ viewport, locale: lang });
  // A string, not a function: this file is type-checked without the DOM library.
  await context.addInitScript(`localStorage.setItem('lading.language', ${JSON.stringify(lang)})`);
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  try {
    for (const screen of list) {
      await page.goto(url);
      await page.getByRole('grid').or(page.getByRole('searchbox')).first().waitFor();
      await screen.open(page, messages[lang]);
      await visit(screen, page);
    }
  } finally {
    await context.close();
  }
};

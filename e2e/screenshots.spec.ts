import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from './fixtures';
import { screens, type Lang } from './screens';
import { walkScreens } from './walk';

/**
 * Photographs of Lading, opt-in (the config only runs this file when
 * LADING_SCREENSHOTS is set):
 *   LADING_SCREENSHOTS=1    the README's set: screens marked `readme`, 1400×900,
 *                           English and Chinese, into docs/screenshots/
 *   LADING_SCREENSHOTS=all  every screen at 1024×700, 1400×900 and 1920×1080 in
 *                           both languages, into $LADING_SCREENSHOTS_DIR
 *                           (default /tmp/lading-screenshots), to look at
 *   LADING_SCREENS=id,id    only these screens (with either of the above), to
 *                           look again at what a change touched
 */
const all = process.env.LADING_SCREENSHOTS === 'all';
const dir = all ? (process.env.LADING_SCREENSHOTS_DIR ?? '/tmp/lading-screenshots') : 'docs/screenshots';
const sizes = all
  ? [
      { width: 1024, height: 700 },
      { width: 1400, height: 900 },
      { width: 1920, height: 1080 },
    ]
  : [{ width: 1400, height: 900 }];
const langs: Lang[] = ['en', 'zh-CN'];
const only = process.env.LADING_SCREENS?.split(',').filter(Boolean);

test.describe.configure({ timeout: 600_000 });

for (const lang of langs) {
  test(`screenshots in ${lang}`, async ({ browser, serve }) => {
    mkdirSync(dir, { recursive: true });
    for (const size of sizes) {
      const list = (all ? screens : screens.filter((s) => s.readme)).filter((s) => !only || only.includes(s.id));
      await walkScreens(browser, serve.url, lang, size, list, async (screen, page) => {
        const suffix = all ? `-${size.width}x${size.height}` : '';
        await page.screenshot({ path: join(dir, `${screen.id}${suffix}.${lang}.png`) });
      });
    }
  });
}

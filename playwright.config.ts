import { defineConfig } from '@playwright/test';
import { chromiumLaunchOptions } from './tests/support/chromium';

/**
 * e2e: Debian's Chromium against serve mode, with the real sandbox engine
 * (npm test starts it). Playwright cannot download browsers here.
 */
export default defineConfig({
  testDir: 'e2e',
  // Screenshots are taken on request only (LADING_SCREENSHOTS=1 or all; see the spec).
  testIgnore: process.env.LADING_SCREENSHOTS ? [] : ['screenshots.spec.ts'],
  workers: 1,
  fullyParallel: false,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  forbidOnly: !!process.env.CI,
  retries: 0,
  outputDir: 'test-results',
  reporter: [['list'], ['json', { outputFile: process.env.PLAYWRIGHT_JSON_OUTPUT_NAME ?? '.test-output/e2e.json' }]],
  use: {
    browserName: 'chromium',
    headless: true,
    viewport: { width: 1400, height: 900 },
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: chromiumLaunchOptions,
  },
});

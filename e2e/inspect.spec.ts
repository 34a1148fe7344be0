import type { Page } from '@playwright/test';
import { dockerCli } from '../tests/support/sandbox';
import { expect, test } from './fixtures';

const grid = (page: Page) => page.getByRole('grid', { name: 'Images' });
const rowOf = (page: Page, text: string) => grid(page).getByRole('row').filter({ hasText: text });
const filterTo = (page: Page, query: string) => page.getByRole('searchbox', { name: 'Filter images' }).fill(query);
/** The token URL first (it sets the cookie), then the screen. */
const openAt = async (page: Page, url: string, hash: string) => {
  await page.goto(url);
  await expect(grid(page)).toBeVisible();
  await page.goto(`${page.url().split('#')[0]}${hash}`);
};
const tabs = (page: Page) => page.getByRole('tablist', { name: 'Image sections' });

test('opens an image page from the table; tabs follow the arrow keys and the address', async ({
  page,
  serve,
  sandbox,
}) => {
  const id = (await dockerCli(sandbox, 'inspect', '-f', '{{.Id}}', 'fixture/app:2.0')).trim();
  await page.goto(serve.url);
  await filterTo(page, 'fixture/app');
  await rowOf(page, '2.0').click();
  await grid(page).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'fixture/app:2.0' })).toBeVisible();
  await expect(page).toHaveURL(new RegExp(`#image/${encodeURIComponent(id)}$`));
  const overview = page.getByRole('tabpanel', { name: 'Overview' });
  await expect(overview).toContainText(id);
  await expect(overview).toContainText('APP_MODE=production');
  await expect(overview).toContainText('8080/tcp 8443/tcp');

  await tabs(page).getByRole('tab', { name: 'Overview' }).focus();
  await page.keyboard.press('ArrowRight');
  await expect(tabs(page).getByRole('tab', { name: 'Layers' })).toHaveAttribute('aria-selected', 'true');
  await expect(tabs(page).getByRole('tab', { name: 'Layers' })).toBeFocused();
  await page.keyboard.press('End');
  await expect(tabs(page).getByRole('tab', { name: 'Inspect' })).toHaveAttribute('aria-selected', 'true');
  await expect(page).toHaveURL(/\/inspect$/);
  await page.goBack();
  await expect(tabs(page).getByRole('tab', { name: 'Layers' })).toHaveAttribute('aria-selected', 'true');

  // The row action and the details panel lead to the same page.
  await page.getByRole('link', { name: '← Images' }).click();
  await filterTo(page, 'fixture/web');
  await rowOf(page, 'fixture/web').getByRole('link', { name: 'Open the page of fixture/web:latest' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'fixture/web:latest' })).toBeVisible();
});

test('History shows the commands, links layers and reconstructs the Dockerfile', async ({ page, serve, sandbox }) => {
  const id = (await dockerCli(sandbox, 'inspect', '-f', '{{.Id}}', 'fixture/app:2.0')).trim();
  const cli = await dockerCli(sandbox, 'history', '--no-trunc', '--format', '{{.CreatedBy}}', 'fixture/app:2.0');
  await openAt(page, serve.url, `#image/${encodeURIComponent(id)}/history`);
  const table = page.getByRole('table', { name: 'Build history, newest step first' });
  const rows = table.getByRole('row');
  const expected = cli.split('\n').filter((l, i, all) => i < all.length - 1 || l !== '');
  await expect(rows).toHaveCount(expected.length + 1);
  await page.getByRole('button', { name: 'Full commands (--no-trunc)' }).click();
  for (const [i, createdBy] of expected.entries()) {
    await expect(
      rows
        .nth(i + 1)
        .getByRole('cell')
        .nth(3),
    ).toHaveText(createdBy);
  }
  await expect(rows.filter({ hasText: 'ENV APP_VERSION=2.0' })).toContainText('no layer');
  await rows
    .filter({ hasText: 'blob.bin' })
    .getByRole('link', { name: /Open layer \d+ in the layer explorer/ })
    .click();
  await expect(page).toHaveURL(/\/layers\/4$/);
  await expect(tabs(page).getByRole('tab', { name: 'Layers' })).toHaveAttribute('aria-selected', 'true');
  await page.goBack();
  const dockerfile = page.getByRole('region', { name: 'Reconstructed Dockerfile' });
  await expect(dockerfile).toContainText('ENV APP_VERSION=2.0 APP_HOME=/app APP_MODE=production');
  await expect(dockerfile).toContainText('RUN head -c 262144 /dev/zero > /app/data/blob.bin');
  await expect(dockerfile).toContainText('ENTRYPOINT ["sh", "-c"]');
  await expect(page.getByText(/best-effort reconstruction/)).toBeVisible();
});

import { readFileSync } from 'node:fs';
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

test('Inspect: search highlights and expands, copy path and value, filter, raw view, download, format box', async ({
  page,
  serve,
  sandbox,
  context,
}) => {
  test.setTimeout(120_000);
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const id = (await dockerCli(sandbox, 'inspect', '-f', '{{.Id}}', 'fixture/app:2.0')).trim();
  await openAt(page, serve.url, `#image/${encodeURIComponent(id)}/inspect`);
  const tree = page.getByRole('tree', { name: 'Inspect document' });
  const clipboard = () => page.evaluate('navigator.clipboard.readText()');

  // Everything folded: a search opens the way to its matches and marks them.
  await page.getByRole('button', { name: 'Collapse all' }).click();
  await expect(tree.getByRole('treeitem', { name: /^Config/ })).toHaveAttribute('aria-expanded', 'false');
  await expect(tree.getByRole('treeitem').filter({ hasText: 'image.version' })).toHaveCount(0);
  const search = page.getByRole('searchbox', { name: 'Search keys and values' });
  await search.fill('image.version');
  await expect(page.getByRole('status').filter({ hasText: '1 of 2 matches' })).toBeVisible();
  const hits = tree.getByRole('treeitem').filter({ has: page.locator('mark', { hasText: 'image.version' }) });
  // The first match is scrolled into view (rows are virtualized: the second may not be in the DOM yet).
  await expect(tree.getByRole('treeitem', { selected: true }).locator('mark')).toHaveText('image.version');
  await expect(tree.getByRole('treeitem', { selected: true })).toContainText('org.opencontainers.image.version: "2.0"');
  await expect(page.getByText('.ContainerConfig.Labels["org.opencontainers.image.version"]')).toBeVisible();
  await search.press('Enter');
  await expect(page.getByRole('status').filter({ hasText: '2 of 2 matches' })).toBeVisible();
  await page.getByRole('button', { name: 'Copy the selected path' }).click();
  await expect.poll(clipboard).toBe('.Config.Labels["org.opencontainers.image.version"]');
  await page.getByRole('button', { name: 'Copy the selected value' }).click();
  await expect.poll(clipboard).toBe('2.0');

  // Only matches: the rest of the document is filtered out.
  await page.getByRole('checkbox', { name: 'Only matches' }).check();
  await expect(tree.getByRole('treeitem').filter({ hasText: 'Architecture' })).toHaveCount(0);
  await expect(hits).toHaveCount(2);
  await page.getByRole('checkbox', { name: 'Only matches' }).uncheck();
  await search.fill('');

  // Keyboard: Home selects the root, ArrowDown the first key, Ctrl+Shift+C copies its path.
  await tree.focus();
  await page.keyboard.press('Home');
  await page.keyboard.press('ArrowDown');
  await expect(tree.getByRole('treeitem', { selected: true })).toContainText(`Id: "${id}"`);
  await page.keyboard.press('ControlOrMeta+Shift+c');
  await expect.poll(clipboard).toBe('.Id');
  await page.keyboard.press('ControlOrMeta+c');
  await expect.poll(clipboard).toBe(id);
  // ArrowRight on a folded list opens it; ArrowLeft closes it again.
  await page.keyboard.press('ArrowDown');
  await expect(tree.getByRole('treeitem', { selected: true })).toHaveAttribute('aria-expanded', 'false');
  await page.keyboard.press('ArrowRight');
  await expect(tree.getByRole('treeitem', { selected: true })).toHaveAttribute('aria-expanded', 'true');
  await expect(tree.getByRole('treeitem').filter({ hasText: '0: "fixture/app:2.0"' })).toHaveCount(1);
  await page.keyboard.press('ArrowLeft');
  await expect(tree.getByRole('treeitem').filter({ hasText: '0: "fixture/app:2.0"' })).toHaveCount(0);

  // Raw JSON view, and the download holds the same document.
  await page.getByRole('button', { name: 'Raw JSON' }).click();
  await expect(page.getByLabel('Raw inspect JSON')).toContainText('"Architecture": "amd64"');
  await expect(tree).toHaveCount(0);
  await page.getByRole('button', { name: 'Raw JSON' }).click();
  await expect(tree).toBeVisible();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download JSON' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe(`inspect-${id.slice(7, 19)}.json`);
  const saved = JSON.parse(readFileSync(await download.path(), 'utf8')) as { Id: string; RootFS: { Layers: string[] } };
  expect(saved.Id).toBe(id);
  expect(saved.RootFS.Layers).toHaveLength(5);

  // Format box: the same output as the CLI, computed here with the sandbox's docker.
  const template =
    '{{range $i, $e := .Config.Env}}{{$i}}:{{$e}} {{end}}{{json .Config.Labels}} {{.Config.ExposedPorts}}';
  const expected = (await dockerCli(sandbox, 'image', 'inspect', '-f', template, 'fixture/app:2.0')).replace(/\n$/, '');
  await page.getByRole('combobox', { name: 'Format template for docker image inspect -f' }).fill(template);
  await expect(page.getByLabel('Format result')).toHaveText(expected);
  await page.getByRole('combobox', { name: 'Format template for docker image inspect -f' }).fill('{{.Config}} {{.}}');
  await expect(page.getByRole('alert')).toContainText('Lading cannot evaluate this template exactly');
  await page.getByRole('combobox', { name: 'Format template for docker image inspect -f' }).fill('{{if .Os}}');
  await expect(page.getByRole('alert')).toContainText('The docker CLI would refuse this template');
});

test('Compare: opened from the selection, differences marked at field level', async ({ page, serve }) => {
  await page.goto(serve.url);
  await filterTo(page, 'fixture/app');
  await rowOf(page, '1.0').click();
  await rowOf(page, '2.0').click({ modifiers: ['ControlOrMeta'] });
  await page
    .getByRole('toolbar', { name: 'Image actions' })
    .getByRole('button', { name: 'Compare the selected images side by side' })
    .click();
  await expect(page.getByRole('heading', { level: 1, name: 'Compare 2 images' })).toBeVisible();
  const table = page.getByRole('table', { name: 'Images side by side' });
  const rowNamed = (name: string) =>
    table.getByRole('row').filter({ has: page.getByRole('rowheader', { name, exact: true }) });
  const cells = (name: string) => rowNamed(name).getByRole('cell');

  // Same label on both: nothing marked. A label that differs: only the second image's cell.
  await expect(cells('lading.fixture')).toHaveText(['app', 'app']);
  await expect(cells('lading.fixture').nth(1)).not.toHaveClass(/\bdiff\b/);
  await expect(cells('org.opencontainers.image.version')).toHaveText(['2.0', /^1\.0/]);
  await expect(cells('org.opencontainers.image.version').nth(1)).toHaveClass(/\bdiff\b/);
  await expect(cells('org.opencontainers.image.version').nth(1)).toContainText('(differs from the first image)');
  await expect(cells('org.opencontainers.image.version').nth(0)).not.toHaveClass(/\bdiff\b/);
  // An environment variable only one image has; the shared base layer is not a difference.
  await expect(cells('APP_MODE')).toHaveText(['production', /^\(none\)/]);
  await expect(cells('Layer 1').nth(1)).not.toHaveClass(/\bdiff\b/);
  // Layer 2 is WORKDIR /app in both: the same layer when both builds fall in one second.
  // Layer 3 writes each version's own VERSION file.
  await expect(cells('Layer 3').nth(1)).toHaveClass(/\bdiff\b/);

  // Only differences hides the rows that agree.
  await page.getByRole('checkbox', { name: 'Only differences' }).check();
  await expect(rowNamed('lading.fixture')).toHaveCount(0);
  await expect(rowNamed('APP_MODE')).toHaveCount(1);
  // Each column links to that image's page.
  await table
    .getByRole('columnheader')
    .getByRole('link', { name: /app:1\.0$/ })
    .click();
  await expect(page.getByRole('tablist', { name: 'Image sections' })).toBeVisible();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/app:1\.0$/);
});

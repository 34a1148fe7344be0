import type { Page } from '@playwright/test';
import { dockerCli } from '../tests/support/sandbox';
import { buildWasteImage } from '../tests/support/wasteImage';
import { expect, test } from './fixtures';

const IMAGE = 'e2e/layers-waste:1';

test.beforeAll(async ({ sandbox }) => {
  await buildWasteImage(sandbox, IMAGE);
});

test.afterAll(async ({ sandbox }) => {
  await dockerCli(sandbox, 'rmi', IMAGE).catch(() => '');
});

/** Opens the layer explorer of IMAGE, as a link from the image page does. */
const openLayers = async (page: Page, url: string, layer?: number) => {
  await page.goto(url);
  await expect(page.getByRole('grid', { name: 'Images' })).toBeVisible();
  const hash = `#image/${encodeURIComponent(IMAGE)}/layers${layer === undefined ? '' : `/${layer}`}`;
  await page.evaluate(`window.location.hash = ${JSON.stringify(hash)}`);
  await expect(page.getByRole('listbox', { name: 'Layers of this image' })).toBeVisible({ timeout: 60_000 });
};

const tree = (page: Page) => page.getByRole('tree');
const item = (page: Page, name: string) => tree(page).getByRole('treeitem', { name, exact: true });

test('shows a file added in layer 3 and deleted in layer 4 as wasted, with its explanation', async ({
  page,
  serve,
}) => {
  await openLayers(page, serve.url);
  const waste = page.getByRole('table', { name: 'Wasted paths' });
  await expect(waste.getByRole('row').filter({ hasText: '/tmpfile' })).toContainText(
    /Written in layer 3 by RUN head -c 1500 .*, deleted in layer 4\./,
  );
  await expect(page.getByRole('group', { name: 'Layer summary' })).toContainText('Wasted: 8 kB');

  const layers = page.getByRole('listbox', { name: 'Layers of this image' });
  await layers.getByRole('option', { name: /Layer 3/ }).click();
  await page.getByLabel('Only changes in this layer').check();
  await expect(item(page, 'tmpfile, added, wasted')).toBeVisible();

  await layers.getByRole('option', { name: /Layer 4/ }).click();
  await expect(item(page, 'tmpfile, deleted, wasted')).toBeVisible();
  // The opaque folder: /o/x from layer 2 is hidden, /o/y is new.
  await item(page, 'o, changed').click();
  await page.keyboard.press('ArrowRight');
  await expect(item(page, 'x, deleted, wasted')).toBeVisible();
  await expect(item(page, 'y, added')).toBeVisible();
});

test('filters by path and size, and opens a text file from the keyboard', async ({ page, serve }) => {
  await openLayers(page, serve.url, 5);
  await page.getByRole('searchbox', { name: 'Filter by path' }).fill('data');
  await expect(page.getByText('1 matching file', { exact: true })).toBeVisible();
  await expect(item(page, '/data/a')).toBeVisible();
  await page.getByRole('combobox', { name: 'Minimum size' }).selectOption({ label: '≥ 10 kB' });
  await expect(page.getByText('0 matching files')).toBeVisible();

  await page.getByRole('combobox', { name: 'Minimum size' }).selectOption({ label: 'Any size' });
  await page.getByRole('searchbox', { name: 'Filter by path' }).fill('/o/y');
  await expect(item(page, '/o/y')).toBeVisible();
  await tree(page).focus();
  await page.keyboard.press('Home');
  await page.keyboard.press('Enter');
  const viewer = page.getByRole('dialog', { name: '/o/y (layer 4)' });
  await expect(viewer.getByLabel('/o/y')).toHaveText('hi');
  await viewer.getByRole('button', { name: 'Close' }).click();
  await expect(viewer).toBeHidden();
});

test('names the images that share a layer', async ({ page, serve }) => {
  await openLayers(page, serve.url);
  const first = page.getByRole('listbox', { name: 'Layers of this image' }).getByRole('option', { name: /Layer 1/ });
  await first.getByText(/Also in \d+ other images?/).click();
  await expect(first).toContainText('fixture/busybox:1');
  // The top layer is this image's own.
  const last = page.getByRole('listbox', { name: 'Layers of this image' }).getByRole('option', { name: /Layer 5/ });
  await expect(last).toContainText('In no other local image');
});

import type { Page } from '@playwright/test';
import { dockerCli, throwawayImage } from '../tests/support/sandbox';
import { expect, test } from './fixtures';
import { clickAction, messages } from './screens';

const run = () => `e${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;

const grid = (page: Page) => page.getByRole('grid', { name: 'Images' });
const rowOf = (page: Page, text: string) => grid(page).getByRole('row').filter({ hasText: text });
const filterTo = (page: Page, query: string) => page.getByRole('searchbox', { name: 'Filter images' }).fill(query);

test('filters by dangling:true and by label, and says when a filter names no image', async ({ page, serve }) => {
  await page.goto(serve.url);
  await expect(rowOf(page, 'fixture/web')).toHaveCount(1);
  await filterTo(page, 'dangling:true');
  await expect(grid(page).getByRole('row')).toHaveCount(2); // header + the fixture's dangling image
  await expect(grid(page).getByRole('row').nth(1)).toContainText('<none>');
  await expect(grid(page).getByRole('row').nth(1)).toContainText('dangling');

  await filterTo(page, 'label:lading.fixture=web');
  await expect(grid(page).getByRole('row')).toHaveCount(2);
  await expect(rowOf(page, 'fixture/web')).toHaveCount(1);

  await filterTo(page, 'reference:fixture/busybox before:no/such:image');
  await expect(page.getByText('before: no image “no/such:image” here, so that part is ignored.')).toBeVisible();
  await expect(rowOf(page, 'fixture/busybox')).toHaveCount(3);
});

test('tags an image: an invalid reference is explained inline, a valid one appears in the table', async ({
  page,
  serve,
  sandbox,
}) => {
  const id = run();
  await page.goto(serve.url);
  await filterTo(page, 'fixture/web');
  await rowOf(page, 'fixture/web').click();
  await clickAction(page, messages.en, 'Tag…');
  const dialog = page.getByRole('dialog', { name: 'Tag fixture/web:latest' });
  const input = dialog.getByRole('textbox', { name: 'New reference (repository:tag)' });

  await input.fill(`e2e/My${id}:v1`);
  await expect(dialog.getByRole('alert')).toHaveText('Repository names must be lower-case.');
  await expect(dialog.getByRole('button', { name: 'Tag', exact: true })).toBeDisabled();
  await input.fill(`e2e/${id}:-v1`);
  await expect(dialog.getByRole('alert')).toHaveText('A tag uses A–Z, a–z, 0–9, _ . - and cannot start with . or -.');

  await input.fill(`e2e/${id}:v1`);
  await dialog.getByRole('button', { name: 'Tag', exact: true }).click();
  await expect(dialog.getByRole('status')).toHaveText(`Tagged fixture/web:latest as e2e/${id}:v1.`);
  await dialog.getByRole('button', { name: 'Close' }).click();
  await filterTo(page, `e2e/${id}`);
  await expect(rowOf(page, `e2e/${id}`)).toContainText('v1');
  expect((await dockerCli(sandbox, 'images', '-q', `e2e/${id}:v1`)).trim()).not.toBe('');
  await dockerCli(sandbox, 'rmi', `e2e/${id}:v1`);
});

test('removing an image a container uses names the container, then force removes it', async ({
  page,
  serve,
  sandbox,
}) => {
  const id = run();
  await throwawayImage(sandbox, `e2e/${id}-used:1`);
  await dockerCli(sandbox, 'create', '--name', `${id}-box`, '--network', 'none', `e2e/${id}-used:1`, 'true');
  try {
    await page.goto(serve.url);
    await filterTo(page, `e2e/${id}-used`);
    await expect(rowOf(page, `e2e/${id}-used`)).toContainText('In use by 1 container');
    await rowOf(page, `e2e/${id}-used`).click();
    await grid(page).press('Delete');

    const dialog = page.getByRole('dialog', { name: 'Remove an image' });
    await expect(dialog.getByRole('list', { name: 'What will happen' })).toContainText(
      `Used by container ${id}-box (created)`,
    );
    await dialog.getByRole('button', { name: 'Remove', exact: true }).click();
    const results = dialog.getByRole('list', { name: 'Results' });
    await expect(results).toContainText(`e2e/${id}-used:1 is used by container ${id}-box (created).`);
    await expect(dialog.getByRole('status')).toHaveText('0 removed, 1 refused.');
    await expect(rowOf(page, `e2e/${id}-used`)).toHaveCount(1);

    await dialog.getByRole('button', { name: 'Force remove' }).click();
    await expect(dialog.getByRole('status')).toHaveText('1 removed, 0 refused.');
    await dialog.getByRole('button', { name: 'Close' }).click();
    await expect(page.getByText(`No image matches “e2e/${id}-used”.`)).toBeVisible();
  } finally {
    await dockerCli(sandbox, 'rm', `${id}-box`);
  }
});

test('a bulk remove reports each image: some removed, some refused', async ({ page, serve, sandbox }) => {
  const id = run();
  await throwawayImage(sandbox, `e2e/${id}-bulk:free`);
  await throwawayImage(sandbox, `e2e/${id}-bulk:busy`);
  await dockerCli(sandbox, 'create', '--name', `${id}-bulk`, '--network', 'none', `e2e/${id}-bulk:busy`, 'true');
  try {
    await page.goto(serve.url);
    await filterTo(page, `e2e/${id}-bulk`);
    await rowOf(page, 'free').click();
    await rowOf(page, 'busy').click({ modifiers: ['ControlOrMeta'] });
    await expect(grid(page).getByRole('row', { selected: true })).toHaveCount(2);
    await clickAction(page, messages.en, 'Remove 2…');

    const dialog = page.getByRole('dialog', { name: 'Remove 2 images' });
    await dialog.getByRole('button', { name: 'Remove 2' }).click();
    await expect(dialog.getByRole('status')).toHaveText('1 removed, 1 refused.');
    const results = dialog.getByRole('list', { name: 'Results' });
    await expect(results.getByRole('listitem').filter({ hasText: 'free' })).toContainText('deleted');
    await expect(results.getByRole('listitem').filter({ hasText: 'busy' })).toContainText(
      `is used by container ${id}-bulk (created)`,
    );
    await dialog.getByRole('button', { name: 'Close' }).click();
    await expect(rowOf(page, 'free')).toHaveCount(0);
    await expect(rowOf(page, 'busy')).toHaveCount(1);
  } finally {
    await dockerCli(sandbox, 'rm', `${id}-bulk`);
    await dockerCli(sandbox, 'rmi', `e2e/${id}-bulk:busy`);
  }
});

test('the prune preview lists exactly what the prune then removes', async ({ page, serve, sandbox }) => {
  const id = run();
  const label = `lading.e2e=${id}`;
  // Building one tag twice leaves the first build dangling; do it twice for two dangling images.
  const first = await throwawayImage(sandbox, `e2e/${id}-prune:1`, { 'lading.e2e': id });
  const second = await throwawayImage(sandbox, `e2e/${id}-prune:1`, { 'lading.e2e': id });
  await throwawayImage(sandbox, `e2e/${id}-prune:1`, { 'lading.e2e': id });
  const short = (full: string) => full.replace('sha256:', '').slice(0, 12);

  await page.goto(serve.url);
  await clickAction(page, messages.en, 'Prune…');
  const dialog = page.getByRole('dialog', { name: 'Prune images' });
  await expect(dialog.getByRole('radio', { name: /Dangling images only/ })).toBeChecked();
  await dialog.getByRole('textbox', { name: /Only images with these labels/ }).fill(label);
  const preview = dialog.getByRole('list', { name: 'Images that will be removed' });
  await expect(preview.getByRole('listitem')).toHaveCount(2);
  const previewed = (await preview.getByRole('listitem').locator('code').allTextContents()).sort();
  expect(previewed).toEqual([short(first), short(second)].sort());

  await dialog.getByRole('button', { name: 'Prune', exact: true }).click();
  const removed = dialog.getByRole('list', { name: 'Images removed' });
  await expect(removed.getByRole('listitem')).toHaveCount(2);
  expect((await removed.getByRole('listitem').locator('code').allTextContents()).sort()).toEqual(previewed);
  await expect(dialog.getByRole('status')).toContainText('Removed 2 images');
  const left = await dockerCli(sandbox, 'images', '-q', '--filter', `label=${label}`);
  expect(left.trim().split('\n')).toHaveLength(1); // only the tagged build stays
  await dockerCli(sandbox, 'rmi', `e2e/${id}-prune:1`);
});

test('an image created and removed in a terminal appears and vanishes without a refresh', async ({
  page,
  serve,
  sandbox,
}) => {
  const id = run();
  await page.goto(serve.url);
  await expect(rowOf(page, 'fixture/web')).toHaveCount(1);
  await filterTo(page, `e2e/${id}`);
  await throwawayImage(sandbox, `e2e/${id}-live:1`);
  await expect(rowOf(page, `e2e/${id}-live`)).toHaveCount(1);
  await dockerCli(sandbox, 'rmi', `e2e/${id}-live:1`);
  await expect(rowOf(page, `e2e/${id}-live`)).toHaveCount(0);
});

test('multi-select by keyboard, details panel, and columns remembered after a reload', async ({ page, serve }) => {
  await page.goto(serve.url);
  await filterTo(page, 'fixture/busybox');
  await grid(page).focus();
  await page.keyboard.press('Home');
  await page.keyboard.press('Shift+ArrowDown');
  await expect(grid(page).getByRole('row', { selected: true })).toHaveCount(2);
  await page.keyboard.press('ControlOrMeta+a');
  await expect(grid(page).getByRole('row', { selected: true })).toHaveCount(3);
  await expect(page.getByRole('status').filter({ hasText: '3 selected' })).toBeVisible();
  // Save… starts from the selection.
  await clickAction(page, messages.en, 'Save images to an archive');
  const save = page.getByRole('dialog', { name: 'Save image to a file' });
  await expect(save.getByRole('textbox', { name: 'Images to save' })).toHaveValue(
    /^(fixture\/busybox:(1|latest|stable)\n?){3}$/,
  );
  await save.getByRole('button', { name: 'Cancel' }).click();
  await grid(page).focus();
  await page.keyboard.press('Escape');
  await expect(grid(page).getByRole('row', { selected: true })).toHaveCount(0);

  await clickAction(page, messages.en, 'Details');
  const details = page.getByRole('complementary', { name: 'Image details' });
  await expect(details).toContainText('fixture/busybox');
  await expect(details).toContainText(/linux\/(amd64|arm64)/);

  await page.getByRole('button', { name: 'Columns' }).click();
  const menu = page.getByRole('group', { name: 'Table columns' });
  await menu.getByRole('checkbox', { name: 'Digest' }).check();
  await menu.getByRole('checkbox', { name: 'Platform' }).uncheck();
  await menu.getByRole('button', { name: 'Move Tag earlier' }).click();
  await page.reload();
  await expect(page.getByRole('columnheader', { name: 'Digest' })).toBeVisible();
  await expect(page.getByRole('columnheader', { name: 'Platform' })).toHaveCount(0);
  await expect(page.getByRole('columnheader').first()).toHaveText('Tag');
  await page.getByRole('button', { name: 'Columns' }).click();
  await page.getByRole('group', { name: 'Table columns' }).getByRole('button', { name: 'Reset columns' }).click();
  await expect(page.getByRole('columnheader').first()).toHaveText('Repository');
});

test('disk usage is computed on demand and fills the unique size column', async ({ page, serve }) => {
  await page.goto(serve.url);
  await filterTo(page, 'fixture/big');
  await expect(rowOf(page, 'fixture/big')).toContainText('—');
  await clickAction(page, messages.en, 'Disk usage');
  const dialog = page.getByRole('dialog', { name: 'Disk usage of images' });
  await expect(dialog.getByText('Reclaimable')).toBeVisible();
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(rowOf(page, 'fixture/big')).toContainText(/3\d\d MB.*3\d\d MB/);
});

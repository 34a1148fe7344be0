import { readdirSync } from 'node:fs';
import { expect, test } from './fixtures';

/**
 * The tasks drawer: long operations of every tab, which outlive the tab
 * that started them. A save keeps going across a reload (the browser's
 * download manager holds the download, not the page) and is cancelled from
 * the drawer.
 */
test('a save keeps running across a reload and is cancelled from the drawer', async ({ page, serve }) => {
  await page.goto(serve.url);
  const tasksButton = page.getByRole('button', { name: /^Tasks/ });
  await expect(tasksButton).toHaveAccessibleName('Tasks');

  await page.getByRole('searchbox', { name: 'Filter images' }).fill('fixture/big:1');
  await page.getByRole('button', { name: 'Save fixture/big:1 to a file' }).click();
  const dialog = page.getByRole('dialog', { name: 'Save image to a file' });
  // gzip: a 317 MB save that lasts long enough to reload the page and cancel it.
  await dialog.getByRole('checkbox', { name: 'Compress with gzip (.tar.gz)' }).check();
  const downloading = page.waitForEvent('download');
  await dialog.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(dialog.getByRole('progressbar', { name: 'Download progress' })).toBeVisible();
  const download = await downloading;
  await expect(tasksButton).toHaveAccessibleName('Tasks, 1 running');

  await page.reload();
  // The new page finds the save still running.
  await expect(tasksButton).toHaveAccessibleName('Tasks, 1 running');
  await tasksButton.click();
  const drawer = page.getByRole('dialog', { name: 'Tasks' });
  await expect(drawer).toBeVisible();
  await expect(drawer.getByRole('heading', { name: 'Tasks' })).toBeFocused();
  const task = drawer.getByRole('listitem', { name: 'Save fixture/big:1' });
  const bar = task.getByRole('progressbar', { name: 'Progress of Save fixture/big:1' });
  await expect(bar).toBeVisible();
  // Progress moves after the reload: bytes, percent, speed.
  const first = Number(await bar.getAttribute('value'));
  await expect.poll(async () => Number(await bar.getAttribute('value')), { timeout: 30_000 }).toBeGreaterThan(first);
  await expect(task).toContainText(/of about .* · \d+ % · .*\/s/);

  await task.getByRole('button', { name: 'Cancel Save fixture/big:1' }).click();
  await expect(task.getByRole('status')).toContainText('Cancelled.');
  await expect(tasksButton).toHaveAccessibleName('Tasks');
  expect(await download.failure()).not.toBeNull();
  expect(readdirSync(serve.saveDir)).toEqual([]);

  // The outcome stays until cleared; Escape closes the drawer and focus returns to the button.
  await drawer.getByRole('button', { name: 'Clear finished' }).click();
  await expect(task).toHaveCount(0);
  await expect(drawer).toContainText('No tasks yet');
  await page.keyboard.press('Escape');
  await expect(drawer).toBeHidden();
  await expect(tasksButton).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(drawer).toBeVisible();
  await page.keyboard.press('Enter'); // the heading has focus: Enter does nothing there
  await drawer.getByRole('button', { name: 'Close tasks' }).click();
  await expect(drawer).toBeHidden();
});

test('a finished save stays in the drawer, in Chinese too', async ({ page, serve }) => {
  await page.goto(serve.url);
  await page.getByRole('searchbox', { name: 'Filter images' }).fill('fixture/app:1.0');
  await page.getByRole('button', { name: 'Save fixture/app:1.0 to a file' }).click();
  const dialog = page.getByRole('dialog', { name: 'Save image to a file' });
  const downloading = page.waitForEvent('download');
  await dialog.getByRole('button', { name: 'Save', exact: true }).click();
  await downloading;
  await expect(dialog.getByRole('status')).toContainText('Downloaded');
  await dialog.getByRole('button', { name: 'Close' }).click();

  await page.getByRole('combobox', { name: 'Language' }).selectOption('zh-CN');
  const tasksButton = page.getByRole('button', { name: '任务' });
  await tasksButton.click();
  const drawer = page.getByRole('dialog', { name: '任务' });
  const task = drawer.getByRole('listitem', { name: '保存 fixture/app:1.0' });
  await expect(task.getByRole('status')).toContainText('完成：fixture_app_1.0.tar');
  await expect(drawer.getByRole('button', { name: '清除已结束的' })).toBeEnabled();
});

test('a running save continues in the background: the dialog closes and the drawer shows it', async ({
  page,
  serve,
}) => {
  await page.goto(serve.url);
  await page.getByRole('searchbox', { name: 'Filter images' }).fill('fixture/big:1');
  await page.getByRole('button', { name: 'Save fixture/big:1 to a file' }).click();
  const dialog = page.getByRole('dialog', { name: 'Save image to a file' });
  await dialog.getByRole('checkbox', { name: 'Compress with gzip (.tar.gz)' }).check();
  const downloading = page.waitForEvent('download');
  await dialog.getByRole('button', { name: 'Save', exact: true }).click();
  const download = await downloading;
  await dialog.getByRole('button', { name: 'Continue in background' }).click();
  await expect(dialog).toBeHidden();
  const drawer = page.getByRole('dialog', { name: 'Tasks' });
  await expect(drawer.getByRole('heading', { name: 'Tasks' })).toBeFocused();
  const task = drawer.getByRole('listitem', { name: 'Save fixture/big:1' });
  await expect(task.getByRole('progressbar')).toBeVisible();
  await task.getByRole('button', { name: 'Cancel Save fixture/big:1' }).click();
  await expect(task.getByRole('status')).toContainText('Cancelled.');
  expect(await download.failure()).not.toBeNull();
});

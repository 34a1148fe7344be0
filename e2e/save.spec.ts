import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { readArchive } from '../tests/support/tarEntries';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

const openSaveDialog = async (page: Page, reference: string) => {
  await page.getByRole('searchbox', { name: 'Filter images' }).fill(reference);
  await page.getByRole('button', { name: `Save ${reference} to a file` }).click();
  const dialog = page.getByRole('dialog', { name: 'Save image to a file' });
  await expect(dialog).toBeVisible();
  return dialog;
};

test('saves an image to a file with a progress bar', async ({ page, serve }) => {
  await page.goto(serve.url);
  const dialog = await openSaveDialog(page, 'fixture/big:1');
  const path = dialog.getByRole('textbox', { name: 'File path' });
  await expect(path).toHaveValue(join(serve.saveDir, 'fixture_big_1.tar'));

  await dialog.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(dialog.getByRole('progressbar', { name: 'Save progress' })).toBeVisible();
  await expect(dialog.getByRole('status')).toContainText('Saved', { timeout: 60_000 });

  const file = join(serve.saveDir, 'fixture_big_1.tar');
  expect(statSync(file).size).toBeGreaterThan(300_000_000);
  expect((await readArchive(file)).repoTags).toEqual(['fixture/big:1']);
  expect(existsSync(`${file}.partial`)).toBe(false);
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(dialog).toBeHidden();
});

test('a cancelled save leaves no file behind', async ({ page, serve }) => {
  await page.goto(serve.url);
  const dialog = await openSaveDialog(page, 'fixture/big:1');
  await dialog.getByRole('button', { name: 'Save', exact: true }).click();
  await dialog.getByRole('button', { name: 'Cancel save' }).click();
  await expect(dialog.getByRole('status')).toHaveText('Save cancelled. No file was left behind.');
  expect(readdirSync(serve.saveDir)).toEqual([]);
});

test('a save onto an existing file asks first and says why it stopped', async ({ page, serve }) => {
  await page.goto(serve.url);
  const dialog = await openSaveDialog(page, 'fixture/app:2.0');
  await dialog.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(dialog.getByRole('status')).toContainText('Saved');
  await dialog.getByRole('button', { name: 'Close' }).click();

  const again = await openSaveDialog(page, 'fixture/app:2.0');
  await again.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(again.getByRole('alert')).toContainText('A file with that name already exists.');
  await again.getByRole('checkbox', { name: 'Replace the file if it exists' }).check();
  await again.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(again.getByRole('status')).toContainText('Saved');
  expect(readdirSync(serve.saveDir)).toEqual(['fixture_app_2.0.tar']);
});

import { createReadStream, createWriteStream, readdirSync, statSync } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import { readArchive } from '../tests/support/tarEntries';
import type { Download, Page } from '@playwright/test';
import { expect, test } from './fixtures';

/**
 * Serve mode: Save downloads the archive to the browser's computer,
 * streamed as the engine sends it, with progress and cancel. Nothing is
 * written on the server.
 */
const openSaveDialog = async (page: Page, reference: string) => {
  await page.getByRole('searchbox', { name: 'Filter images' }).fill(reference);
  await page.getByRole('button', { name: `Save ${reference} to a file` }).click();
  const dialog = page.getByRole('dialog', { name: 'Save image to a file' });
  await expect(dialog).toBeVisible();
  return dialog;
};

test('saves an image as a download, with a progress bar', async ({ page, serve }) => {
  await page.goto(serve.url);
  const dialog = await openSaveDialog(page, 'fixture/big:1');
  // A file name for the browser, not a path on the server.
  await expect(dialog.getByRole('textbox', { name: 'File name' })).toHaveValue('fixture_big_1.tar');
  await expect(dialog.getByRole('textbox', { name: 'File path' })).toHaveCount(0);

  const downloading = page.waitForEvent('download');
  await dialog.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(dialog.getByRole('progressbar', { name: 'Download progress' })).toBeVisible();
  const download: Download = await downloading;
  expect(download.suggestedFilename()).toBe('fixture_big_1.tar');
  await expect(dialog.getByRole('status')).toContainText('Downloaded', { timeout: 60_000 });

  const file = await download.path();
  expect(statSync(file).size).toBeGreaterThan(300_000_000);
  expect((await readArchive(file)).repoTags).toEqual(['fixture/big:1']);
  // Nothing on the server.
  expect(readdirSync(serve.saveDir)).toEqual([]);
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(dialog).toBeHidden();
});

test('gzip: the download is a .tar.gz of the image', async ({ page, serve }, testInfo) => {
  await page.goto(serve.url);
  const dialog = await openSaveDialog(page, 'fixture/app:2.0');
  await dialog.getByRole('checkbox', { name: 'Compress with gzip (.tar.gz)' }).check();
  await expect(dialog.getByRole('textbox', { name: 'File name' })).toHaveValue('fixture_app_2.0.tar.gz');
  const downloading = page.waitForEvent('download');
  await dialog.getByRole('button', { name: 'Save', exact: true }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe('fixture_app_2.0.tar.gz');
  await expect(dialog.getByRole('status')).toContainText('Downloaded');
  const tar = testInfo.outputPath('unzipped.tar');
  await pipeline(createReadStream(await download.path()), createGunzip(), createWriteStream(tar));
  expect((await readArchive(tar)).repoTags).toEqual(['fixture/app:2.0']);
});

test('a cancelled save stops the download and leaves nothing on the server', async ({ page, serve }) => {
  await page.goto(serve.url);
  const dialog = await openSaveDialog(page, 'fixture/big:1');
  const downloading = page.waitForEvent('download');
  await dialog.getByRole('button', { name: 'Save', exact: true }).click();
  // Bytes are flowing to the browser's download…
  await expect(dialog.getByText(/ of about /)).toBeVisible();
  const download = await downloading;
  await dialog.getByRole('button', { name: 'Cancel save' }).click();
  await expect(dialog.getByRole('status')).toHaveText('Download cancelled. Nothing was kept on the server.');
  // …and the browser marks it failed rather than keeping a truncated archive.
  expect(await download.failure()).not.toBeNull();
  expect(readdirSync(serve.saveDir)).toEqual([]);
});

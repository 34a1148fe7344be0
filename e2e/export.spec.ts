import { readdirSync, statSync } from 'node:fs';
import { readArchive } from '../tests/support/tarEntries';
import { expect, test } from './fixtures';
import { clickAction, messages } from './screens';

test('export a container’s file system: a flat tar downloaded to this computer', async ({ page, serve }) => {
  await page.goto(serve.url);
  await clickAction(page, messages.en, 'Export a container’s file system to a tar file');
  const dialog = page.getByRole('dialog', { name: 'Export a container’s file system' });
  const picker = dialog.getByRole('combobox', { name: 'Container' });
  await expect(picker.getByRole('option', { name: /lading-fixture-user \(fixture\/app:1\.0, created\)/ })).toHaveCount(
    1,
  );
  await picker.selectOption({ label: 'lading-fixture-user (fixture/app:1.0, created)' });
  await expect(dialog.getByRole('textbox', { name: 'File name' })).toHaveValue('lading-fixture-user-fs.tar');
  await expect(dialog.getByRole('textbox', { name: 'File path' })).toHaveCount(0);
  const downloading = page.waitForEvent('download');
  await dialog.getByRole('button', { name: 'Export', exact: true }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe('lading-fixture-user-fs.tar');
  await expect(dialog.getByRole('status')).toContainText('Downloaded');
  const file = await download.path();
  expect(statSync(file).size).toBeGreaterThan(0);
  const { names } = await readArchive(file);
  expect(names).toContain('bin/busybox');
  expect(names).not.toContain('manifest.json');
  expect(readdirSync(serve.saveDir)).toEqual([]);
});

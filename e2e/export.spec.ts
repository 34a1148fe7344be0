import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { readArchive } from '../tests/support/tarEntries';
import { expect, test } from './fixtures';

test('export a container’s file system to a flat tar', async ({ page, serve }) => {
  await page.goto(serve.url);
  await page.getByRole('button', { name: 'Export a container’s file system to a tar file' }).click();
  const dialog = page.getByRole('dialog', { name: 'Export a container’s file system' });
  const picker = dialog.getByRole('combobox', { name: 'Container' });
  await expect(picker.getByRole('option', { name: /lading-fixture-user \(fixture\/app:1\.0, created\)/ })).toHaveCount(
    1,
  );
  await picker.selectOption({ label: 'lading-fixture-user (fixture/app:1.0, created)' });
  const file = join(serve.saveDir, 'lading-fixture-user-fs.tar');
  await expect(dialog.getByRole('textbox', { name: 'File path' })).toHaveValue(file);
  await dialog.getByRole('button', { name: 'Export', exact: true }).click();
  await expect(dialog.getByRole('status')).toContainText('Exported');
  expect(statSync(file).size).toBeGreaterThan(0);
  expect(existsSync(`${file}.partial`)).toBe(false);
  const { names } = await readArchive(file);
  expect(names).toContain('bin/busybox');
  expect(names).not.toContain('manifest.json');
});

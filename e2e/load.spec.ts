import { copyFileSync, mkdtempSync, rmSync, statSync, truncateSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { dockerCli } from '../tests/support/sandbox';
import { expect, test } from './fixtures';

const REF = 'fixture/e2e-load:1';

const pickArchive = async (page: Page, file: string) => {
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Load images from an archive' }).click();
  await (await chooser).setFiles(file);
  return page.getByRole('dialog', { name: 'Load images from an archive' });
};

test.describe('load an archive from this computer (serve mode streams it to the server)', () => {
  let dir: string;
  let archive: string;

  test.beforeAll(async ({ sandbox }) => {
    dir = mkdtempSync(join(tmpdir(), 'lading-e2e-load-'));
    archive = join(dir, 'e2e-load.tar');
    await dockerCli(sandbox, 'tag', 'fixture/busybox:1', REF);
    await dockerCli(sandbox, 'save', '-o', archive, REF);
  });

  test.afterAll(async ({ sandbox }) => {
    await dockerCli(sandbox, 'rmi', REF).catch(() => '');
    rmSync(dir, { recursive: true, force: true });
  });

  test('a removed image comes back, and the table shows it', async ({ page, serve, sandbox }) => {
    await dockerCli(sandbox, 'rmi', REF);
    await page.goto(serve.url);
    const grid = page.getByRole('grid', { name: 'Images' });
    await expect(grid.getByRole('row').filter({ hasText: 'fixture/e2e-load' })).toHaveCount(0);

    const dialog = await pickArchive(page, archive);
    await expect(dialog.getByRole('status')).toContainText('Loaded 1 image:');
    await expect(dialog.getByRole('list', { name: 'Loaded images' })).toHaveText(REF);
    await dialog.getByRole('button', { name: 'Close' }).click();
    await expect(grid.getByRole('row').filter({ hasText: 'fixture/e2e-load' })).toHaveCount(1);
  });

  test('a truncated archive is refused with the reason, and nothing changes', async ({ page, serve, sandbox }) => {
    await dockerCli(sandbox, 'rmi', REF).catch(() => '');
    const truncated = join(dir, 'truncated.tar');
    copyFileSync(archive, truncated);
    truncateSync(truncated, Math.floor(statSync(archive).size / 2));
    // Sorted: images made in the same second list in no fixed order.
    const listing = async () =>
      (await dockerCli(sandbox, 'images', '--no-trunc', '--format', '{{.ID}} {{.Repository}}:{{.Tag}}'))
        .trim()
        .split('\n')
        .sort();
    const before = await listing();

    await page.goto(serve.url);
    const dialog = await pickArchive(page, truncated);
    const alert = dialog.getByRole('alert');
    await expect(alert).toContainText('The archive could not be loaded. The engine’s images are unchanged.');
    await expect(alert).toContainText('The archive is truncated: it ends before its last file.');
    await expect(alert).toContainText('The file is not a complete image archive');
    await expect(alert).toContainText(/unexpected EOF/i);
    expect(await listing()).toEqual(before);
  });
});

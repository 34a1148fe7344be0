import { execFile } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync, statSync, truncateSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Page } from '@playwright/test';
import { dockerCli } from '../tests/support/sandbox';
import { expect, test } from './fixtures';
import { clickAction, messages } from './screens';

const REF = 'fixture/e2e-load:1';
const run = promisify(execFile);

const pickArchive = async (page: Page, file: string) => {
  const chooser = page.waitForEvent('filechooser');
  await clickAction(page, messages.en, 'Load images from an archive');
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
    await expect(alert).toContainText('The file is truncated: it ends before the archive does');
    // One reason: the generic sentence would contradict the specific one.
    await expect(alert).not.toContainText('not a complete image archive');
    await expect(alert).toContainText(/unexpected EOF/i);
    expect(await listing()).toEqual(before);
  });

  test('the picker offers every format docker load reads, and zstd', async ({ page, serve }) => {
    await page.goto(serve.url);
    const accept = await page.getByLabel('Load images from an archive', { exact: true }).last().getAttribute('accept');
    for (const ext of ['.tar', '.tar.gz', '.tgz', '.tar.bz2', '.tbz2', '.tar.xz', '.txz', '.tar.zst']) {
      expect(accept?.split(',')).toContain(ext);
    }
  });

  for (const lang of ['en', 'zh-CN'] as const) {
    test(`a batch: an xz archive loads, a cut bzip2 one is refused, each saying only what is true of it (${lang})`, async ({
      page,
      serve,
      sandbox,
    }) => {
      await dockerCli(sandbox, 'rmi', REF).catch(() => '');
      const xz = join(dir, 'good.tar.xz');
      const bz2 = join(dir, 'cut.tar.bz2');
      await run('sh', ['-c', `xz -c '${archive}' > '${xz}' && bzip2 -c '${archive}' | head -c 4000 > '${bz2}'`]);

      await page.goto(serve.url);
      if (lang === 'zh-CN') await page.getByRole('combobox', { name: 'Language' }).selectOption('zh-CN');
      const title = lang === 'en' ? 'Load images from an archive' : '从归档文件载入镜像';
      const chooser = page.waitForEvent('filechooser');
      await page.getByRole('button', { name: title }).click();
      await (await chooser).setFiles([xz, bz2]);
      const dialog = page.getByRole('dialog', { name: title });

      const good = dialog.getByRole('region', { name: 'good.tar.xz' });
      await expect(good.getByRole('status')).toContainText(lang === 'en' ? 'Loaded 1 image:' : '已载入 1 个镜像');
      await expect(good.getByRole('list')).toHaveText(REF);
      const cut = dialog.getByRole('alert');
      if (lang === 'en') {
        await expect(cut).toContainText('This archive could not be loaded. Nothing from it was added to the engine.');
        await expect(cut).toContainText('The file is truncated');
      } else {
        await expect(cut).toContainText('无法载入这个归档，其中的内容都没有加入引擎。');
        await expect(cut).toContainText('文件不完整');
      }
      // Another file of the batch did change the engine's images.
      await expect(dialog).not.toContainText(lang === 'en' ? 'images are unchanged' : '镜像没有变化');
      await expect(dialog.getByRole('region', { name: 'cut.tar.bz2' })).toContainText('unexpected EOF');
      expect(await dockerCli(sandbox, 'images', '-q', REF)).not.toBe('');
    });
  }
});

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import tar from 'tar-stream';
import { dockerCli } from '../tests/support/sandbox';
import { expect, test } from './fixtures';
import { clickAction, messages } from './screens';

const REF = 'fixture/e2e-import:1';

test.describe('import a root file system tarball', () => {
  let dir: string;
  let rootfs: string;

  test.beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'lading-e2e-import-'));
    rootfs = join(dir, 'rootfs.tar');
    const pack = tar.pack();
    pack.entry({ name: 'hello.txt' }, 'hello\n');
    pack.finalize();
    const chunks: Buffer[] = [];
    for await (const c of pack) chunks.push(c as Buffer);
    writeFileSync(rootfs, Buffer.concat(chunks));
  });

  test.afterAll(async ({ sandbox }) => {
    await dockerCli(sandbox, 'rmi', REF).catch(() => '');
    rmSync(dir, { recursive: true, force: true });
  });

  test('import with --change \'CMD ["sh"]\' yields an image whose inspect shows that CMD', async ({
    page,
    serve,
    sandbox,
  }) => {
    await page.goto(serve.url);
    await clickAction(page, messages.en, 'Import a root file system tarball as an image');
    const dialog = page.getByRole('dialog', { name: 'Import a root file system as an image' });
    await dialog.getByLabel('Tarball').setInputFiles(rootfs);
    await dialog.getByRole('textbox', { name: 'Repository:tag' }).fill(REF);
    await dialog.getByRole('textbox', { name: 'Commit message' }).fill('imported in e2e');

    const changes = dialog.getByRole('textbox', { name: 'Changes (--change)' });
    await changes.fill('RUN echo no');
    await expect(dialog.getByRole('alert')).toContainText('Line 1: “RUN echo no” is not one of');
    await expect(dialog.getByRole('button', { name: 'Import', exact: true })).toBeDisabled();
    await changes.fill('CMD ["sh"]');
    await expect(dialog.getByRole('alert')).toHaveCount(0);
    await dialog.getByRole('button', { name: 'Import', exact: true }).click();

    const status = dialog.getByRole('status');
    await expect(status).toContainText(`as ${REF}.`);
    await expect(status).toContainText('1 layer and one history step');
    await expect(status.getByRole('table', { name: 'History of the new image' }).getByRole('row')).toHaveCount(1);
    await expect(status.getByRole('table', { name: 'History of the new image' })).toContainText('imported in e2e');
    await expect(status.getByRole('definition')).toHaveText('["sh"]');

    const inspect = JSON.parse(await dockerCli(sandbox, 'image', 'inspect', REF)) as { Config: { Cmd: string[] } }[];
    expect(inspect[0]?.Config.Cmd).toEqual(['sh']);
  });
});

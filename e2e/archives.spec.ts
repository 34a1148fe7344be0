import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Page } from '@playwright/test';
import { readArchive } from '../tests/support/tarEntries';
import { dockerCli } from '../tests/support/sandbox';
import { dropFiles } from './drop';
import { expect, test } from './fixtures';
import { clickAction, messages } from './screens';

const run = promisify(execFile);
const A = 'fixture/e2e-pair-a:1';
const B = 'fixture/e2e-pair-b:1';
const OCI = 'fixture/e2e-oci:1';

const rowsOf = (page: Page, repo: string) =>
  page.getByRole('grid', { name: 'Images' }).getByRole('row').filter({ hasText: repo });

test.describe('archives: save several, drop to load, OCI, bad files', () => {
  let dir: string;

  test.beforeAll(async ({ sandbox }) => {
    dir = mkdtempSync(join(tmpdir(), 'lading-e2e-archives-'));
    // Two distinct images (B adds a label on top of A's layer).
    await dockerCli(sandbox, 'tag', 'fixture/busybox:1', A);
    writeFileSync(join(dir, 'Dockerfile'), 'FROM fixture/busybox:1\nLABEL e2e=pair-b\n');
    await dockerCli(sandbox, 'build', '-q', '-t', B, dir);
    await run('skopeo', [
      'copy',
      '--src-tls-verify=false',
      `docker://${sandbox.registry}/team/app:1.0`,
      `oci-archive:${join(dir, 'app-oci.tar')}:${OCI}`,
    ]);
  });

  test.afterAll(async ({ sandbox }) => {
    for (const ref of [A, B, OCI]) await dockerCli(sandbox, 'rmi', ref).catch(() => '');
    rmSync(dir, { recursive: true, force: true });
  });

  test('save two images to one archive, remove them, drop the archive: both are back with their tags', async ({
    page,
    serve,
    sandbox,
  }) => {
    await page.goto(serve.url);
    await clickAction(page, messages.en, 'Save images to an archive');
    const save = page.getByRole('dialog', { name: 'Save image to a file' });
    await save.getByRole('textbox', { name: 'Images to save' }).fill(`${A}\n${B}`);
    await expect(save.getByRole('textbox', { name: 'File name' })).toHaveValue('fixture_e2e-pair-a_1_and_1_more.tar');
    // Serve mode: the archive downloads to this computer.
    const downloading = page.waitForEvent('download');
    await save.getByRole('button', { name: 'Save', exact: true }).click();
    const archive = await (await downloading).path();
    await expect(save.getByRole('status')).toContainText('Downloaded');
    await save.getByRole('button', { name: 'Close' }).click();
    expect((await readArchive(archive)).repoTags.sort()).toEqual([A, B]);

    await dockerCli(sandbox, 'rmi', A, B);
    await expect(rowsOf(page, 'fixture/e2e-pair')).toHaveCount(0);

    const load = await dropFiles(page, [archive]);
    await expect(load.getByRole('status')).toContainText('Loaded 2 images:');
    const loaded = load.getByRole('list', { name: 'Loaded images' }).getByRole('listitem');
    // The engine reports them in the archive's order, which `docker save` does not fix.
    await expect(loaded).toHaveCount(2);
    expect((await loaded.allTextContents()).sort()).toEqual([A, B].sort());
    await load.getByRole('button', { name: 'Close' }).click();
    await expect(rowsOf(page, 'fixture/e2e-pair')).toHaveCount(2);
    expect(
      (await dockerCli(sandbox, 'images', '--format', '{{.Repository}}:{{.Tag}}', 'fixture/e2e-pair-*'))
        .trim()
        .split('\n')
        .sort(),
    ).toEqual([A, B].sort());
  });

  test('a skopeo-made OCI archive loads on the 20.10 engine, named from its annotation', async ({
    page,
    serve,
    sandbox,
  }) => {
    await dockerCli(sandbox, 'rmi', OCI).catch(() => '');
    await page.goto(serve.url);
    const chooser = page.waitForEvent('filechooser');
    await clickAction(page, messages.en, 'Load images from an archive');
    await (await chooser).setFiles(join(dir, 'app-oci.tar'));
    const load = page.getByRole('dialog', { name: 'Load images from an archive' });
    await expect(load.getByRole('status')).toContainText('Loaded 1 image:');
    await expect(load.getByRole('list', { name: 'Loaded images' })).toHaveText(OCI);
    await load.getByRole('button', { name: 'Close' }).click();
    await expect(rowsOf(page, 'fixture/e2e-oci')).toHaveCount(1);
  });

  test('dropping a zip and a random file names each problem and changes nothing', async ({ page, serve, sandbox }) => {
    const zip = join(dir, 'images.zip');
    writeFileSync(zip, Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.alloc(2048, 7)]));
    const random = join(dir, 'notes.tar');
    writeFileSync(random, Buffer.from(Array.from({ length: 8192 }, (_, i) => (i * 31 + 7) % 256)));
    const listing = async () =>
      (await dockerCli(sandbox, 'images', '-a', '--no-trunc', '-q')).trim().split('\n').sort();
    const before = await listing();

    await page.goto(serve.url);
    const load = await dropFiles(page, [zip, random]);
    await expect(load.getByRole('region', { name: 'images.zip' }).getByRole('alert')).toContainText(
      'This is a zip file.',
    );
    await expect(load.getByRole('region', { name: 'notes.tar' }).getByRole('alert')).toContainText(
      'This file is not a tar archive.',
    );
    expect(await listing()).toEqual(before);
    await load.getByRole('button', { name: 'Close' }).click();
    await expect(load).toBeHidden();
  });
});

import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dockerCli } from '../tests/support/sandbox';
import { dropFromDisk, textFileTransfer } from './drop';
import { expect, test } from './fixtures';

const REPO = 'lading-e2e/built';

test.describe('build an image from a folder', () => {
  test.afterAll(async ({ sandbox }) => {
    for (const tag of ['1', '2', 'up1', 'up2', 'drop'])
      await dockerCli(sandbox, 'rmi', `${REPO}:${tag}`).catch(() => '');
  });

  test('pick the context under the files root, edit the Dockerfile, build, see cached steps and the image', async ({
    page,
    serve,
    sandbox,
  }) => {
    test.setTimeout(180_000);
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(e.message));
    const nonce = `${Date.now()}`;
    // The context lives in the files root (serve mode's save directory).
    const ctx = join(serve.saveDir, 'app');
    mkdirSync(ctx);
    writeFileSync(join(ctx, 'Dockerfile'), 'FROM fixture/busybox:1\nRUN echo first\n');
    writeFileSync(join(ctx, '.dockerignore'), 'secret.txt\n');
    writeFileSync(join(ctx, 'hello.txt'), 'hello\n');
    writeFileSync(join(ctx, 'secret.txt'), 'stays home\n');

    await page.goto(serve.url);
    await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Build' }).click();
    const form = page.getByRole('form', { name: 'Build an image' });

    // The folder browser lists the files root; open "app" and use it.
    await form.getByRole('button', { name: 'Browse…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Choose the context folder' });
    await dialog.getByRole('button', { name: 'Open app' }).click();
    await expect(dialog.getByText(ctx, { exact: true })).toBeVisible();
    await dialog.getByRole('button', { name: 'Use this folder' }).click();
    await expect(form.getByRole('textbox', { name: 'Context folder' })).toHaveValue(ctx);

    // What the context sends, counted before sending: Dockerfile, .dockerignore, hello.txt.
    await expect(form.getByRole('status', { name: 'Context folder' })).toContainText('Sends files: 3, folders: 0');
    await expect(form.getByRole('status', { name: 'Context folder' })).toContainText(
      'Left out by .dockerignore: 1 (rules: 1)',
    );

    // The editor opens the Dockerfile; rewrite it and see a lint warning for an untagged base.
    const editor = page.getByRole('textbox', { name: 'Dockerfile text' });
    await expect(editor).toContainText('RUN echo first');
    await editor.click();
    await page.keyboard.press('Control+a');
    await page.keyboard.type('FROM fixture/busybox\n');
    await expect(page.getByRole('list', { name: 'Warnings' })).toContainText('fixture/busybox has no tag');
    await page.keyboard.press('Control+a');
    await page.keyboard.type(
      `FROM fixture/busybox:1\nRUN echo "fresh ${nonce}"\nCOPY . /app/\nRUN ls /app\nCMD ["sh"]\n`,
    );
    await expect(page.getByRole('list', { name: 'Warnings' })).not.toContainText('no tag');
    await page.getByRole('button', { name: 'Save Dockerfile' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Saved' })).toContainText(join(ctx, 'Dockerfile'));
    expect(readFileSync(join(ctx, 'Dockerfile'), 'utf8')).toContain(`fresh ${nonce}`);

    await form.getByRole('textbox', { name: 'Tags (-t)' }).fill(`${REPO}:1`);
    await form.getByRole('button', { name: 'Build', exact: true }).click();

    const log = page.getByRole('region', { name: 'Build log' });
    const step = (n: number) => log.getByRole('listitem').filter({ hasText: `Step ${n}/5` });
    await expect(page.getByRole('status').filter({ hasText: 'Built' })).toContainText(`Tagged ${REPO}:1`, {
      timeout: 90_000,
    });
    await expect(log.getByRole('listitem')).toHaveCount(5);
    await expect(step(2)).toContainText(`fresh ${nonce}`);
    await expect(step(2)).not.toContainText('cached');
    await step(4).getByText('RUN ls /app').click();
    await expect(step(4)).toContainText('hello.txt');
    await expect(step(4)).not.toContainText('secret.txt');

    // A second build: the same steps come from the cache.
    await form.getByRole('textbox', { name: 'Tags (-t)' }).fill(`${REPO}:2`);
    await form.getByRole('button', { name: 'Build', exact: true }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Built' })).toContainText(`Tagged ${REPO}:2`, {
      timeout: 90_000,
    });
    await expect(page.getByRole('status').filter({ hasText: 'Built' })).toContainText(
      '4 of 5 steps came from the cache',
    );
    for (const n of [2, 3, 4, 5]) await expect(step(n)).toContainText('cached');

    // The new image lands in the table.
    await page.getByRole('button', { name: 'Show in Images' }).click();
    const grid = page.getByRole('grid', { name: 'Images' });
    await expect(grid.getByRole('row').filter({ hasText: REPO }).filter({ hasText: '2' }).first()).toBeVisible();
    expect((await dockerCli(sandbox, 'images', '-q', `${REPO}:2`)).trim()).not.toBe('');
    expect(problems).toEqual([]);
  });

  test('a failing RUN shows the failing step and its output', async ({ page, serve }) => {
    test.setTimeout(120_000);
    const ctx = join(serve.saveDir, 'broken');
    mkdirSync(ctx);
    writeFileSync(
      join(ctx, 'Dockerfile'),
      `FROM fixture/busybox:1\nRUN echo "about to fail ${Date.now()}" && exit 7\nCMD ["sh"]\n`,
    );
    await page.goto(serve.url);
    await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Build' }).click();
    const form = page.getByRole('form', { name: 'Build an image' });
    await form.getByRole('textbox', { name: 'Context folder' }).fill(ctx);
    await expect(page.getByRole('textbox', { name: 'Dockerfile text' })).toContainText('exit 7');
    await form.getByRole('button', { name: 'Build', exact: true }).click();

    const alert = page.getByRole('alert').filter({ hasText: 'The build failed.' });
    await expect(alert).toContainText('Step 2/3 failed: RUN echo', { timeout: 90_000 });
    await expect(alert).toContainText('non-zero code: 7');
    const failed = page
      .getByRole('region', { name: 'Build log' })
      .getByRole('listitem')
      .filter({ hasText: 'Step 2/3' });
    await expect(failed).toContainText('failed');
    await expect(failed).toContainText('about to fail');
  });

  test('a folder from this computer (Upload folder…): .dockerignore applied in the browser, -f inside it, cached steps', async ({
    page,
    serve,
  }) => {
    test.setTimeout(180_000);
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(e.message));
    const nonce = `${Date.now()}`;
    // Outside the files roots: only the browser can send it.
    const ctx = join(mkdtempSync(join(tmpdir(), 'lading-e2e-upload-')), 'webapp');
    mkdirSync(join(ctx, 'build'), { recursive: true });
    mkdirSync(join(ctx, 'sub'));
    // The Dockerfile lies in an ignored folder: the CLI sends it anyway (and so must we).
    writeFileSync(join(ctx, '.dockerignore'), '# not for the image\nsecret.txt\nbuild\n');
    writeFileSync(
      join(ctx, 'build', 'app.Dockerfile'),
      `FROM fixture/busybox:1\nCOPY . /app/\nRUN echo "nonce ${nonce}" && ls -R /app\nCMD ["sh"]\n`,
    );
    writeFileSync(join(ctx, 'hello.txt'), 'hello\n');
    writeFileSync(join(ctx, 'secret.txt'), 'stays home\n');
    writeFileSync(join(ctx, 'sub', 'nested.txt'), 'nested\n');

    await page.goto(serve.url);
    await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Build' }).click();
    const form = page.getByRole('form', { name: 'Build an image' });
    await expect(form.getByRole('button', { name: 'Upload folder…' })).toBeVisible();
    await form.getByLabel('Folder from this computer').setInputFiles(ctx);
    await expect(form.getByText('webapp/', { exact: true })).toBeVisible();
    await expect(form.getByRole('textbox', { name: 'Context folder' })).toHaveCount(0);

    // -f names a file inside the folder; counted in the browser before anything is sent.
    await form.getByRole('textbox', { name: 'Dockerfile (-f)' }).fill('build/app.Dockerfile');
    const summary = form.getByRole('status', { name: 'Context folder' });
    await expect(summary).toContainText('Sends files: 4, folders: 1');
    await expect(summary).toContainText('Left out by .dockerignore: 1 (rules: 2)');
    await expect(page.getByRole('textbox', { name: 'Dockerfile text' })).toContainText(`nonce ${nonce}`);
    await expect(page.getByRole('button', { name: 'Save Dockerfile' })).toBeDisabled();

    await form.getByRole('textbox', { name: 'Tags (-t)' }).fill(`${REPO}:up1`);
    await form.getByRole('button', { name: 'Build', exact: true }).click();
    const built = page.getByRole('status').filter({ hasText: 'Built' });
    await expect(built).toContainText(`Tagged ${REPO}:up1`, { timeout: 90_000 });
    const log = page.getByRole('region', { name: 'Build log' });
    const step = (n: number) => log.getByRole('listitem').filter({ hasText: `Step ${n}/4` });
    await step(3).getByText('RUN echo').click();
    await expect(step(3)).toContainText('hello.txt');
    await expect(step(3)).toContainText('nested.txt');
    await expect(step(3)).not.toContainText('secret.txt');

    // A second upload of the same folder: the engine takes every step from its cache.
    await form.getByRole('textbox', { name: 'Tags (-t)' }).fill(`${REPO}:up2`);
    await form.getByRole('button', { name: 'Build', exact: true }).click();
    await expect(built).toContainText(`Tagged ${REPO}:up2`, { timeout: 90_000 });
    await expect(built).toContainText('3 of 4 steps came from the cache');

    // Back to a folder on the server.
    await form.getByRole('button', { name: 'Use a folder on the server instead' }).click();
    await expect(form.getByRole('textbox', { name: 'Context folder' })).toBeVisible();
    expect(problems).toEqual([]);
  });

  test('a folder dropped from disk: read through its entries in the browser, .dockerignore applied, built', async ({
    page,
    serve,
  }) => {
    test.setTimeout(120_000);
    const nonce = `${Date.now()}`;
    const ctx = join(mkdtempSync(join(tmpdir(), 'lading-e2e-drop-')), 'dropped');
    mkdirSync(join(ctx, 'src', 'deep'), { recursive: true });
    mkdirSync(join(ctx, 'cache'));
    writeFileSync(join(ctx, '.dockerignore'), 'cache\n**/*.tmp\n');
    writeFileSync(
      join(ctx, 'Dockerfile'),
      `FROM fixture/busybox:1\nCOPY . /app/\nRUN echo "drop ${nonce}" && ls -R /app\n`,
    );
    writeFileSync(join(ctx, 'src', 'main.sh'), 'echo hi\n');
    writeFileSync(join(ctx, 'src', 'deep', 'leaf.txt'), 'leaf\n');
    writeFileSync(join(ctx, 'src', 'deep', 'scratch.tmp'), 'tmp\n');
    // More than one readEntries batch (Chromium hands out 100 at a time).
    for (let i = 0; i < 130; i++) writeFileSync(join(ctx, 'cache', `c${i}.bin`), 'x');

    await page.goto(serve.url);
    await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Build' }).click();
    const form = page.getByRole('form', { name: 'Build an image' });
    await expect(form.getByRole('button', { name: 'Upload folder…' })).toBeVisible();
    await dropFromDisk(page, [ctx]);
    await expect(form.getByText('dropped/', { exact: true })).toBeVisible();
    // .dockerignore, Dockerfile, src/main.sh, src/deep/leaf.txt; folders src and src/deep; cache and scratch.tmp left out.
    const summary = form.getByRole('status', { name: 'Context folder' });
    await expect(summary).toContainText('Sends files: 4, folders: 2');
    await expect(summary).toContainText('Left out by .dockerignore: 2 (rules: 2)');

    await form.getByRole('textbox', { name: 'Tags (-t)' }).fill(`${REPO}:drop`);
    await form.getByRole('button', { name: 'Build', exact: true }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Built' })).toContainText(`Tagged ${REPO}:drop`, {
      timeout: 90_000,
    });
    const step = page.getByRole('region', { name: 'Build log' }).getByRole('listitem').filter({ hasText: 'Step 3/3' });
    await step.getByText('RUN echo').click();
    await expect(step).toContainText(`drop ${nonce}`);
    await expect(step).toContainText('leaf.txt');
    await expect(step).not.toContainText('scratch.tmp');
    await expect(step).not.toContainText('c1.bin');
  });

  test('dropping a file, not a folder, on the build view says what to drop', async ({ page, serve }) => {
    await page.goto(serve.url);
    await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Build' }).click();
    const view = page.locator('.build-view');
    const dataTransfer = await textFileTransfer(page, 'Dockerfile', 'FROM x');
    await view.dispatchEvent('dragenter', { dataTransfer });
    await expect(page.getByRole('region', { name: 'Drop a folder to build from it' })).toBeVisible();
    // The window's archive drop zone stays out of it.
    await expect(page.getByRole('region', { name: 'Drop image archives to load them' })).toBeHidden();
    await view.dispatchEvent('dragover', { dataTransfer });
    await view.dispatchEvent('drop', { dataTransfer });
    await expect(page.getByRole('region', { name: 'Drop a folder to build from it' })).toBeHidden();
    await expect(page.getByRole('alert')).toHaveText(
      'Drop a folder here to build from it; to load image archives, drop them on the Images page.',
    );
    await expect(page.getByRole('dialog', { name: 'Load images from an archive' })).toHaveCount(0);
  });
});

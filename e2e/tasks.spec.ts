import { readdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dockerCli } from '../tests/support/sandbox';
import { expect, test } from './fixtures';
import { clickAction, messages } from './screens';

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

/**
 * A loopback web server that trickles a 64 MB tarball (zeros: a valid empty
 * tar) at about 1 MB/s, so an import from its URL runs for a minute: long
 * enough, under any load, to find it from a second tab and cancel it there.
 */
const trickleServer = async (size = 64 * 1024 * 1024): Promise<{ url: string; server: Server }> => {
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'Content-Type': 'application/x-tar', 'Content-Length': String(size) });
    let sent = 0;
    const timer = setInterval(() => {
      const n = Math.min(128 * 1024, size - sent);
      sent += n;
      res.write(Buffer.alloc(n));
      if (sent >= size) {
        clearInterval(timer);
        res.end();
      }
    }, 125);
    res.on('close', () => clearInterval(timer));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/rootfs.tar`, server };
};

test('a second tab finds an import running and cancels it', async ({ page, serve, sandbox }) => {
  const web = await trickleServer();
  try {
    await page.goto(serve.url);
    await clickAction(page, messages.en, 'Import a root file system tarball as an image');
    const dialog = page.getByRole('dialog', { name: 'Import a root file system as an image' });
    await dialog.getByRole('radio', { name: 'A URL the engine downloads' }).check();
    await dialog.getByRole('textbox', { name: 'URL' }).fill(web.url);
    await dialog.getByRole('textbox', { name: 'Repository:tag' }).fill('fixture/e2e-slow-import:1');
    await dialog.getByRole('button', { name: 'Import', exact: true }).click();
    await expect(dialog.getByRole('progressbar', { name: 'Import progress' })).toBeVisible();

    const second = await page.context().newPage();
    await second.goto(serve.url);
    const button = second.getByRole('button', { name: 'Tasks, 1 running' });
    await button.click();
    const task = second.getByRole('listitem', { name: 'Import fixture/e2e-slow-import:1' });
    const bar = task.getByRole('progressbar', { name: 'Progress of Import fixture/e2e-slow-import:1' });
    await expect(bar).toBeVisible();
    await expect.poll(async () => Number(await bar.getAttribute('value')), { timeout: 30_000 }).toBeGreaterThan(0);
    await expect(task).toContainText(/of 67.1 MB · \d+ % · .* left/);
    await task.getByRole('button', { name: 'Cancel Import fixture/e2e-slow-import:1' }).click();
    await expect(task.getByRole('status')).toContainText('Cancelled.');
    // What the engine still does: it cannot stop a URL download; Lading removes the image if it comes.
    await expect(task).toContainText('Docker Engine cannot stop a download from a URL');
    // The first tab hears of it too.
    await expect(dialog.getByRole('status')).toContainText('Import cancelled.');
    await expect(dialog.getByRole('status')).toContainText('Lading removes that image when it arrives');
    await second.close();
  } finally {
    // Docker 20.10 goes on downloading a URL import after a cancel (Lading
    // would remove the image it makes): cut the download rather than wait.
    web.server.closeAllConnections();
    web.server.close();
    await dockerCli(sandbox, 'rmi', 'fixture/e2e-slow-import:1').catch(() => '');
  }
});

test('long work that ends while the tab is in the background is notified, in the UI language', async ({
  page,
  serve,
  sandbox,
}) => {
  // Record notifications instead of showing them; the page already has the user's permission.
  await page.addInitScript(`{
    window.__notes = [];
    window.Notification = class {
      static permission = 'granted';
      constructor(title, options) { window.__notes.push({ title, body: options.body }); }
    };
  }`);
  const web = await trickleServer(8 * 1024 * 1024);
  try {
    await page.goto(serve.url);
    await page.getByRole('combobox', { name: 'Language' }).selectOption('zh-CN');
    await page.getByRole('button', { name: '把根文件系统 tar 包导入为镜像' }).click();
    const dialog = page.getByRole('dialog', { name: '把根文件系统导入为镜像' });
    await dialog.getByRole('radio', { name: '由引擎下载的 URL' }).check();
    await dialog.getByRole('textbox', { name: 'URL' }).fill(web.url);
    await dialog.getByRole('textbox', { name: '仓库:标签' }).fill('fixture/e2e-notify:1');
    await dialog.getByRole('button', { name: '导入', exact: true }).click();
    await expect(dialog.getByRole('progressbar')).toBeVisible();
    // Another tab comes to the front: this one is in the background now. (Playwright
    // makes every page think it has focus unless told not to.)
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Emulation.setFocusEmulationEnabled', { enabled: false });
    const other = await page.context().newPage();
    await other.bringToFront();
    await expect
      .poll(() => page.evaluate('window.__notes'), { timeout: 60_000 })
      .toEqual([{ title: '导入 fixture/e2e-notify:1 已完成', body: expect.stringMatching(/^用时 \d+秒。$/) }]);
    await other.close();
  } finally {
    web.server.closeAllConnections();
    web.server.close();
    await dockerCli(sandbox, 'rmi', 'fixture/e2e-notify:1').catch(() => '');
  }
});

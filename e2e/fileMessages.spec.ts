import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test } from './fixtures';
import { clickAction, messages } from './screens';

/**
 * Failures a person can understand: an import URL that answers 404 gets
 * one sentence with the status and the URL, in English and Chinese, and
 * the server's HTML page is not shown.
 */
test.describe('import from a URL that answers 404', () => {
  let web: Server;
  let url: string;

  test.beforeAll(async () => {
    web = createServer((_req, res) => {
      res.writeHead(404, { 'Content-Type': 'text/html' });
      res.end('<html><body><h1>Not Found</h1><p>The requested URL was not found.</p></body></html>');
    });
    await new Promise<void>((resolve) => web.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(web.address() as AddressInfo).port}/rootfs.tar`;
  });

  test.afterAll(() => new Promise<void>((resolve) => web.close(() => resolve())));

  for (const { lang, button, dialogName, fromUrl, field, start, sentence } of [
    {
      lang: 'en',
      button: 'Import a root file system tarball as an image',
      dialogName: 'Import a root file system as an image',
      fromUrl: 'A URL the engine downloads',
      field: 'URL',
      start: 'Import',
      sentence: (u: string) => `The server answered 404 Not Found for ${u}.`,
    },
    {
      lang: 'zh-CN',
      button: '把根文件系统 tar 包导入为镜像',
      dialogName: '把根文件系统导入为镜像',
      fromUrl: '由引擎下载的 URL',
      field: 'URL',
      start: '导入',
      sentence: (u: string) => `服务器对 ${u} 的回答是 404 Not Found。`,
    },
  ]) {
    test(`says so in one sentence (${lang})`, async ({ page, serve }) => {
      await page.goto(serve.url);
      if (lang !== 'en') await page.getByRole('combobox', { name: 'Language' }).selectOption(lang);
      // The toolbar moves what does not fit into its More menu.
      await clickAction(page, messages[lang === 'en' ? 'en' : 'zh-CN'], button);
      const dialog = page.getByRole('dialog', { name: dialogName });
      await dialog.getByRole('radio', { name: fromUrl }).check();
      await dialog.getByRole('textbox', { name: field, exact: true }).fill(url);
      await dialog.getByRole('button', { name: start, exact: true }).click();
      const alert = dialog.getByRole('alert');
      await expect(alert).toContainText(sentence(url));
      await expect(alert).not.toContainText('<html');
      await expect(alert).not.toContainText('Something went wrong');
    });
  }
});

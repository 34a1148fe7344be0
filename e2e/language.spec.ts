import { expect, test } from './fixtures';

test('switches the whole UI to Simplified Chinese and remembers it after a reload', async ({ page, serve }) => {
  await page.goto(serve.url);
  await expect(page.getByRole('grid', { name: 'Images' })).toBeVisible();
  await page.getByRole('combobox', { name: 'Language' }).selectOption('zh-CN');
  await expect(page.getByRole('grid', { name: '镜像' })).toBeVisible();
  await expect(page.getByRole('searchbox', { name: '筛选镜像' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');

  await page.reload();
  await expect(page.getByRole('grid', { name: '镜像' })).toBeVisible();
  await page.getByRole('combobox', { name: '语言' }).selectOption('en');
  await expect(page.getByRole('grid', { name: 'Images' })).toBeVisible();
});

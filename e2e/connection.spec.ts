import { dockerCli, sandboxCommand } from '../tests/support/sandbox';
import { expect, startServe, test } from './fixtures';

test('shows a banner while the engine is down and the table again when it is back', async ({
  page,
  serve,
  sandbox,
}) => {
  await page.goto(serve.url);
  const grid = page.getByRole('grid', { name: 'Images' });
  await expect(grid.getByRole('row').filter({ hasText: 'fixture/web' })).toHaveCount(1);

  await sandboxCommand('engine-stop');
  let restarted = false;
  try {
    const banner = page.getByRole('alert', { name: 'The engine is not answering' });
    await expect(banner).toBeVisible();
    await expect(banner).toContainText(sandbox.dockerHost);
    // What the user was looking at stays on screen.
    await expect(grid.getByRole('row').filter({ hasText: 'fixture/web' })).toHaveCount(1);

    await sandboxCommand('engine-start');
    restarted = true;
    await expect(banner).toBeHidden();
    await expect(page.getByRole('status', { name: 'Engine' })).toContainText('Docker 20.10');
    // A change made while Lading was not listening shows after the reconnect.
    await dockerCli(sandbox, 'tag', 'fixture/web:latest', 'fixture/while-away:1');
    await expect(grid.getByRole('row').filter({ hasText: 'fixture/while-away' })).toHaveCount(1);
  } finally {
    if (!restarted) await sandboxCommand('engine-start');
    await dockerCli(sandbox, 'rmi', 'fixture/while-away:1').catch(() => '');
  }
});

test('explains how to start an engine when none is found', async ({ page }) => {
  const instance = await startServe('unix:///tmp/lading-no-engine-here.sock');
  try {
    await page.goto(instance.url);
    await expect(page.getByRole('heading', { name: 'No container engine found' })).toBeVisible();
    await expect(page.getByText('sudo systemctl start docker')).toBeVisible();
    await expect(page.getByText('npm run demo')).toBeVisible();
    await expect(page.getByRole('button', { name: 'Retry now' })).toBeVisible();
  } finally {
    await instance.stop();
  }
});

test('refuses a browser that does not hold the token', async ({ page, serve }) => {
  const noToken = new URL(serve.url);
  noToken.search = '';
  const response = await page.goto(noToken.toString());
  expect(response?.status()).toBe(401);
  await expect(page.getByRole('heading', { name: 'This Lading server needs its token' })).toBeVisible();
  await expect(page.getByRole('grid', { name: 'Images' })).toHaveCount(0);
});

test('the token travels as a cookie, so a reload and a second tab keep working', async ({ page, serve, context }) => {
  await page.goto(serve.url);
  await expect(page.getByRole('grid', { name: 'Images' })).toBeVisible();
  expect(page.url()).not.toContain('token');
  await page.reload();
  await expect(page.getByRole('grid', { name: 'Images' })).toBeVisible();
  const second = await context.newPage();
  await second.goto(new URL(serve.url).origin + '/');
  await expect(second.getByRole('grid', { name: 'Images' })).toBeVisible();
});

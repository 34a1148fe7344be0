import type { Page } from '@playwright/test';
import { dockerCli, throwawayImage } from '../tests/support/sandbox';
import { expect, test } from './fixtures';
import { clickAction, messages } from './screens';

const run = () => `e${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;

const imagesGrid = (page: Page) => page.getByRole('grid', { name: 'Images' });
const containersTable = (page: Page) => page.getByRole('table', { name: 'Containers' });
const containerRow = (page: Page, name: string) => containersTable(page).getByRole('row').filter({ hasText: name });

/** A container that stops at once on `docker stop` (a shell as PID 1 ignores SIGTERM otherwise). */
const QUICK_STOP = 'trap "exit 0" TERM; sleep 600 & wait';

test('runs an image with an env file and a published port, and reads its log line', async ({
  page,
  serve,
  sandbox,
}) => {
  const name = run();
  try {
    await page.goto(serve.url);
    await page.getByRole('searchbox', { name: 'Filter images' }).fill('reference:fixture/busybox:1');
    await imagesGrid(page).getByRole('row').filter({ hasText: 'fixture/busybox' }).click();
    await clickAction(page, messages.en, 'Run…');
    const dialog = page.getByRole('dialog', { name: 'Run fixture/busybox:1' });
    await dialog.getByRole('textbox', { name: 'Name (--name)' }).fill(name);
    await dialog
      .getByRole('textbox', { name: 'Command' })
      .fill(`sh -c 'echo "greeting=$GREETING single=$SINGLE"; ${QUICK_STOP}'`);

    // A bad port is explained next to its field and blocks the run.
    await dialog.getByRole('button', { name: 'Add port' }).click();
    const port = dialog.getByRole('textbox', { name: 'Port 1' });
    await port.fill('70000:80');
    await expect(dialog.getByText('Host port “70000” is not a port or range (0–65535).')).toBeVisible();
    await expect(dialog.getByRole('button', { name: 'Run', exact: true })).toBeDisabled();
    await port.fill('127.0.0.1:18181:80');

    // An env file with a bad line: its line number is named; then a good one, quotes kept as the CLI keeps them.
    const envFile = dialog.getByLabel('Env file (--env-file)');
    await envFile.setInputFiles({ name: 'env_file', mimeType: 'text/plain', buffer: Buffer.from('OK=1\nBAD KEY=2\n') });
    await expect(dialog.getByText('Line 2: the name “BAD KEY” contains a space or tab.')).toBeVisible();
    await envFile.setInputFiles({
      name: 'env_file',
      mimeType: 'text/plain',
      buffer: Buffer.from('# settings\nGREETING="hello world"\nSINGLE=\'x y\'\n'),
    });
    await expect(dialog.getByText('env_file: 2 variables.')).toBeVisible();
    await dialog.getByRole('radio', { name: 'Show its log' }).check();
    await dialog.getByRole('button', { name: 'Run', exact: true }).click();

    // "Show its log": the containers view opens on the new container's log.
    const log = page.getByRole('log', { name: `Log lines of ${name}` });
    await expect(log).toContainText('greeting="hello world" single=\'x y\'', { timeout: 30_000 });
    // The bridge-less engine binds nothing: the column shows the configured binding.
    await expect(containerRow(page, name)).toContainText('127.0.0.1:18181->80/tcp');
    await expect(containerRow(page, name)).toContainText('(configured)');
    await expect(containerRow(page, name)).toContainText('Running');
    const bindings = await dockerCli(sandbox, 'inspect', '-f', '{{json .HostConfig.PortBindings}}', name);
    expect(JSON.parse(bindings)).toEqual({ '80/tcp': [{ HostIp: '127.0.0.1', HostPort: '18181' }] });

    // The same host port again is refused before anything is created: the first container holds it.
    await page.goto(`${serve.url.replace(/\?.*$/, '')}#images`);
    await page.getByRole('searchbox', { name: 'Filter images' }).fill('reference:fixture/busybox:1');
    await imagesGrid(page).getByRole('row').filter({ hasText: 'fixture/busybox' }).click();
    await clickAction(page, messages.en, 'Run…');
    const again = page.getByRole('dialog', { name: 'Run fixture/busybox:1' });
    await again.getByRole('button', { name: 'Add port' }).click();
    await again.getByRole('textbox', { name: 'Port 1' }).fill('18181:80');
    await expect(again.getByText(`Port 18181 is already published by container ${name}.`)).toBeVisible();
    await again.getByRole('button', { name: 'Cancel' }).click();
  } finally {
    await dockerCli(sandbox, 'rm', '-f', name).catch(() => {});
  }
});

test('runs from a row’s Run button and from the image page, and reads each log line', async ({
  page,
  serve,
  sandbox,
}) => {
  const fromRow = run();
  const fromPage = run();
  try {
    await page.goto(serve.url);
    await page.getByRole('searchbox', { name: 'Filter images' }).fill('reference:fixture/busybox:1');
    const row = imagesGrid(page).getByRole('row').filter({ hasText: 'fixture/busybox' });

    // The row's own Run button (an icon with a full name), detached: the dialog says it started.
    await row.getByRole('button', { name: 'Run a container from fixture/busybox:1' }).click();
    const dialog = page.getByRole('dialog', { name: 'Run fixture/busybox:1' });
    await dialog.getByRole('textbox', { name: 'Name (--name)' }).fill(fromRow);
    await dialog.getByRole('textbox', { name: 'Command' }).fill(`sh -c 'echo "row says hi"; ${QUICK_STOP}'`);
    await dialog.getByRole('button', { name: 'Run', exact: true }).click();
    await expect(dialog.getByRole('status')).toHaveText(`Started ${fromRow}.`, { timeout: 30_000 });
    await dialog.getByRole('button', { name: 'Show its log' }).click();
    await expect(page.getByRole('log', { name: `Log lines of ${fromRow}` })).toContainText('row says hi', {
      timeout: 30_000,
    });

    // The image page's header has Run too; "Show its log" opens the log at once.
    await page.goto(`${serve.url.replace(/\?.*$/, '')}#images`);
    await page.getByRole('searchbox', { name: 'Filter images' }).fill('reference:fixture/busybox:1');
    await row.getByRole('link', { name: 'Open the page of fixture/busybox:1' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'fixture/busybox:1' })).toBeVisible();
    await page.getByRole('button', { name: 'Run a container from fixture/busybox:1' }).click();
    const again = page.getByRole('dialog', { name: 'Run fixture/busybox:1' });
    await again.getByRole('textbox', { name: 'Name (--name)' }).fill(fromPage);
    await again.getByRole('textbox', { name: 'Command' }).fill(`sh -c 'echo "page says hi"; ${QUICK_STOP}'`);
    await again.getByRole('radio', { name: 'Show its log' }).check();
    await again.getByRole('button', { name: 'Run', exact: true }).click();
    await expect(page.getByRole('log', { name: `Log lines of ${fromPage}` })).toContainText('page says hi', {
      timeout: 30_000,
    });
    await expect(containerRow(page, fromPage)).toContainText('Running');
  } finally {
    await dockerCli(sandbox, 'rm', '-f', fromRow, fromPage).catch(() => {});
  }
});

test('diff lists a created file; commit with author, message and CMD shows in inspect and history', async ({
  page,
  serve,
  sandbox,
}) => {
  const name = run();
  const reference = `e2e/${name}:1`;
  await dockerCli(
    sandbox,
    'run',
    '-d',
    '--name',
    name,
    'fixture/busybox:1',
    'sh',
    '-c',
    `echo made > /created-by-e2e.txt; ${QUICK_STOP}`,
  );
  try {
    await page.goto(serve.url);
    await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Containers' }).click();
    await page.getByRole('searchbox', { name: 'Filter containers' }).fill(name);
    await containerRow(page, name)
      .getByRole('button', { name: `Changes in ${name}` })
      .click();
    const panel = page.getByRole('region', { name: `Changes in ${name}` });
    const list = panel.getByRole('list', { name: 'Changed paths' });
    await expect(list).toContainText('/created-by-e2e.txt');
    await panel.getByRole('searchbox', { name: 'Filter paths' }).fill('created-by');
    await expect(list.getByRole('listitem')).toHaveCount(1);
    await expect(list.getByRole('listitem')).toContainText('A');

    await panel.getByRole('button', { name: 'Commit…' }).click();
    const dialog = page.getByRole('dialog', { name: `Commit ${name} as a new image` });
    await expect(dialog.getByRole('checkbox', { name: 'Pause the container while committing (-p)' })).toBeChecked();
    await dialog.getByRole('textbox', { name: 'Repository:tag (optional)' }).fill(reference);
    await dialog.getByRole('textbox', { name: 'Author (-a)' }).fill('Jane Doe <jane@example.com>');
    await dialog.getByRole('textbox', { name: 'Message (-m)' }).fill('keep the made file');
    const changes = dialog.getByRole('textbox', { name: 'Changes (-c), one instruction per line' });
    await changes.fill('RUN echo no');
    await expect(dialog.getByText('Line 1 (“RUN echo no”) is not one of')).toBeVisible();
    await changes.fill('CMD ["cat", "/created-by-e2e.txt"]');
    await dialog.getByRole('button', { name: 'Commit', exact: true }).click();

    await expect(dialog.getByRole('status')).toContainText(`Committed as ${reference}`, { timeout: 30_000 });
    const facts = dialog.getByRole('definition');
    await expect(facts.nth(0)).toHaveText('Jane Doe <jane@example.com>');
    await expect(facts.nth(1)).toHaveText('keep the made file');
    await expect(facts.nth(2)).toHaveText('["cat","/created-by-e2e.txt"]');
    const history = dialog.getByRole('table', { name: 'History of the new image' });
    await expect(history.getByRole('row').nth(1)).toContainText('keep the made file');

    // The new image is in the images table, and its details say the same.
    await dialog.getByRole('button', { name: 'Show in images' }).click();
    const row = imagesGrid(page)
      .getByRole('row')
      .filter({ hasText: `e2e/${name}` });
    await expect(row).toHaveCount(1);
    await row.click();
    await clickAction(page, messages.en, 'Details');
    const details = page.getByRole('complementary', { name: 'Image details' });
    await expect(details).toContainText('keep the made file');
    await expect(details).toContainText('["cat","/created-by-e2e.txt"]');
    const inspected = await dockerCli(sandbox, 'inspect', '-f', '{{.Author}}|{{json .Config.Cmd}}', reference);
    expect(inspected.trim()).toBe('Jane Doe <jane@example.com>|["cat","/created-by-e2e.txt"]');
  } finally {
    await dockerCli(sandbox, 'rm', '-f', name).catch(() => {});
    await dockerCli(sandbox, 'rmi', reference).catch(() => {});
  }
});

test('stops, starts and removes a container; images and containers link to each other', async ({
  page,
  serve,
  sandbox,
}) => {
  const name = run();
  const image = `e2e/${name}-img:1`;
  await throwawayImage(sandbox, image);
  await dockerCli(sandbox, 'run', '-d', '--name', name, image, 'sh', '-c', QUICK_STOP);
  try {
    await page.goto(serve.url);
    await page.getByRole('searchbox', { name: 'Filter images' }).fill(image);
    await imagesGrid(page)
      .getByRole('row')
      .filter({ hasText: `e2e/${name}-img` })
      .getByRole('link', { name: 'In use by 1 container' })
      .click();
    // The containers of that image only.
    await expect(page.getByText(`Image: ${image}`)).toBeVisible();
    await expect(containersTable(page).getByRole('row')).toHaveCount(2);
    const row = containerRow(page, name);
    await expect(row).toContainText('Running');

    await row.getByRole('button', { name: `Stop ${name}` }).click();
    await expect(row).toContainText('Exited', { timeout: 30_000 });
    await row.getByRole('button', { name: `Start ${name}` }).click();
    await expect(row).toContainText('Running', { timeout: 30_000 });

    // And back: the container's image link opens the images table filtered to it.
    await row.getByRole('link', { name: image }).click();
    await expect(
      imagesGrid(page)
        .getByRole('row')
        .filter({ hasText: `e2e/${name}-img` }),
    ).toHaveCount(1);
    await page.goBack();

    await containerRow(page, name)
      .getByRole('button', { name: `Remove ${name}` })
      .click();
    const dialog = page.getByRole('dialog', { name: `Remove ${name}?` });
    await expect(dialog).toContainText('is running');
    await dialog.getByRole('button', { name: 'Stop and remove' }).click();
    await expect(containerRow(page, name)).toHaveCount(0, { timeout: 30_000 });
  } finally {
    await dockerCli(sandbox, 'rm', '-f', name).catch(() => {});
    await dockerCli(sandbox, 'rmi', image).catch(() => {});
  }
});

test('the containers view in Simplified Chinese', async ({ page, serve, sandbox }) => {
  const name = run();
  await dockerCli(sandbox, 'run', '-d', '--name', name, 'fixture/busybox:1', 'sh', '-c', `echo 你好; ${QUICK_STOP}`);
  try {
    await page.goto(serve.url);
    await page.getByRole('combobox', { name: 'Language' }).selectOption('zh-CN');
    await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '容器' }).click();
    const table = page.getByRole('table', { name: '容器' });
    await expect(table.getByRole('columnheader', { name: '名称' })).toBeVisible();
    const row = table.getByRole('row').filter({ hasText: name });
    await expect(row).toContainText('运行中');
    await row.getByRole('button', { name: `${name} 的日志` }).click();
    await expect(page.getByRole('log', { name: `${name} 的日志行` })).toContainText('你好');
    await expect(page.getByRole('checkbox', { name: '持续跟踪' })).toBeChecked();
    await row.getByRole('button', { name: `${name} 中的变更` }).click();
    // The shell changed no file: the diff says so.
    await expect(page.getByRole('region', { name: `${name} 中的变更` })).toContainText('没有变更');
  } finally {
    await page
      .getByRole('combobox', { name: messages['zh-CN'].app.language })
      .selectOption('en', { timeout: 5000 })
      .catch(() => {});
    await dockerCli(sandbox, 'rm', '-f', name).catch(() => {});
  }
});

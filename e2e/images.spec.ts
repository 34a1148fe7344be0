import { dockerCli } from '../tests/support/sandbox';
import { expect, test } from './fixtures';

test('shows the sandbox engine’s images in the table, with in-use and dangling markers', async ({ page, serve }) => {
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') problems.push(m.text());
  });
  page.on('pageerror', (e) => problems.push(e.message));
  await page.goto(serve.url);
  const grid = page.getByRole('grid', { name: 'Images' });
  await expect(grid).toBeVisible();

  const row = (text: string) => grid.getByRole('row').filter({ hasText: text });
  await expect(row('fixture/layers')).toContainText('many');
  for (const tag of ['1', 'latest', 'stable']) {
    await expect(
      grid
        .getByRole('row')
        .filter({ hasText: 'fixture/busybox' })
        .filter({ has: page.getByRole('gridcell', { name: tag, exact: true }) }),
    ).toHaveCount(1);
  }
  await expect(row('fixture/app').filter({ hasText: '1.0' }).first()).toContainText('In use by 1 container');
  await expect(grid.getByRole('row').filter({ has: page.getByText('dangling', { exact: true }) })).toHaveCount(1);
  await expect(grid.getByRole('row').filter({ has: page.getByText('dangling', { exact: true }) })).toContainText(
    '<none>',
  );

  // The engine badge names the engine and its API version.
  await expect(page.getByRole('status', { name: 'Engine' })).toContainText('Docker 20.10');
  // The token does not stay in the address bar.
  expect(new URL(page.url()).searchParams.get('token')).toBeNull();
  // No CSP violation, failed request (favicon included) or script error on the way.
  expect(problems).toEqual([]);
});

test('the filter box narrows the rows and says how many are shown', async ({ page, serve }) => {
  await page.goto(serve.url);
  const grid = page.getByRole('grid', { name: 'Images' });
  await expect(grid.getByRole('row').filter({ hasText: 'fixture/web' })).toHaveCount(1);
  await page.getByRole('searchbox', { name: 'Filter images' }).fill('fixture/app');
  await expect(grid.getByRole('row').filter({ hasText: 'fixture/web' })).toHaveCount(0);
  await expect(grid.getByRole('row').filter({ hasText: 'fixture/app' })).toHaveCount(2);
  await expect(page.getByText(/^2 of \d+ shown$/)).toBeVisible();
  await page.getByRole('searchbox', { name: 'Filter images' }).fill('no-such-image-anywhere');
  await expect(page.getByText('No image matches “no-such-image-anywhere”.')).toBeVisible();
});

test('Ctrl+click adds to the selection made just before, also on rows that did not change with the filter', async ({
  page,
  serve,
}) => {
  await page.goto(serve.url);
  const grid = page.getByRole('grid', { name: 'Images' });
  const box = page.getByRole('searchbox', { name: 'Filter images' });
  const rows = grid.getByRole('row').filter({ hasText: 'fixture/busybox' });
  await box.fill('fixture/busybo');
  await expect(rows).toHaveCount(3);
  // The third row is drawn the same before and after the first click: what it
  // does on a click must still see the selection that click made.
  await rows.nth(0).click();
  await rows.nth(2).click({ modifiers: ['ControlOrMeta'] });
  await expect(grid.getByRole('row', { selected: true })).toHaveCount(2);
  await expect(rows.nth(1)).toHaveAttribute('aria-selected', 'false');
  // One more character keeps the same rows in place; the middle one joins.
  await box.press('End');
  await box.press('x');
  await expect(page.getByText(/^3 of \d+ shown · 2 selected$/)).toBeVisible();
  await rows.nth(1).click({ modifiers: ['ControlOrMeta'] });
  await expect(grid.getByRole('row', { selected: true })).toHaveCount(3);
  await expect(page.getByText(/^3 of \d+ shown · 3 selected$/)).toBeVisible();
});

test('one row per image: the toggle shows its state, and the filter keeps working on grouped rows', async ({
  page,
  serve,
}) => {
  await page.goto(serve.url);
  const grid = page.getByRole('grid', { name: 'Images' });
  const busybox = grid.getByRole('row').filter({ hasText: 'fixture/busybox' });
  // The toggle sits in the toolbar's More menu at this width.
  const toggle = async (checked: boolean) => {
    await page.getByRole('button', { name: 'More' }).click();
    const item = page.getByRole('menuitemcheckbox', { name: 'One row per image' });
    await expect(item).toHaveAttribute('aria-checked', String(!checked));
    await item.click();
    await page.getByRole('button', { name: 'More' }).click();
    await expect(item).toHaveAttribute('aria-checked', String(checked));
    await page.keyboard.press('Escape');
  };
  const box = page.getByRole('searchbox', { name: 'Filter images' });
  await box.fill('fixture/busybox');
  await expect(busybox).toHaveCount(3);
  await toggle(true);
  await expect(busybox).toHaveCount(1);
  await box.click();
  await box.press('End');
  await box.pressSequentially(' stable');
  await expect(busybox).toHaveCount(1);
  await expect(busybox).toContainText('latest');
  await toggle(false);
  await expect(busybox).toHaveCount(1);
  await expect(busybox).not.toContainText('latest');
});

test('a row’s action buttons show their icons in the text colour, also in a high-contrast mode', async ({
  page,
  serve,
}) => {
  await page.goto(serve.url);
  const controls = [
    page.getByRole('button', { name: 'Save fixture/web:latest to a file' }),
    page.getByRole('link', { name: 'Open the page of fixture/web:latest' }),
  ];
  for (const forcedColors of ['none', 'active'] as const) {
    await page.emulateMedia({ forcedColors });
    for (const control of controls) {
      await expect(control).toBeVisible();
      // The icon is a CSS mask over its background: painted in the control's
      // text colour, not in the control's own background (where it would vanish).
      const paint = await control.evaluate((el) => {
        const icon = el.querySelector('.icon');
        // This file is typechecked without the DOM library: the page's own
        // window is reached through the element.
        const view = el.ownerDocument.defaultView;
        const c = view?.getComputedStyle(el);
        const i = icon ? view?.getComputedStyle(icon) : undefined;
        return { text: c?.color, background: c?.backgroundColor, icon: i?.backgroundColor, mask: i?.maskImage ?? '' };
      });
      expect(paint.mask, forcedColors).toContain('data:image/svg+xml');
      expect(paint.icon, forcedColors).toBe(paint.text);
      expect(paint.icon, forcedColors).not.toBe(paint.background);
    }
  }
});

test('sorts by a column from its header and by keyboard moves the active row', async ({ page, serve }) => {
  await page.goto(serve.url);
  const grid = page.getByRole('grid', { name: 'Images' });
  await page.getByRole('searchbox', { name: 'Filter images' }).fill('fixture/busybox');
  await expect(grid.getByRole('row')).toHaveCount(4); // header + 3 tags
  await page.getByRole('button', { name: 'Tag', exact: true }).click();
  await expect(page.getByRole('columnheader', { name: 'Tag' })).toHaveAttribute('aria-sort', 'ascending');
  const tags = grid.getByRole('row').locator('[role="gridcell"]:nth-child(2)');
  await expect(tags).toHaveText(['1', 'latest', 'stable']);
  await page.getByRole('button', { name: 'Tag', exact: true }).click();
  await expect(tags).toHaveText(['stable', 'latest', '1']);

  await grid.focus();
  await page.keyboard.press('End');
  await expect(grid.getByRole('row', { selected: true })).toContainText('1');
  await page.keyboard.press('Home');
  await expect(grid.getByRole('row', { selected: true })).toContainText('stable');
  // "/" jumps back to the filter box.
  await page.keyboard.press('/');
  await expect(page.getByRole('searchbox', { name: 'Filter images' })).toBeFocused();
});

test('an image tagged in a terminal appears without a refresh', async ({ page, serve, sandbox }) => {
  await page.goto(serve.url);
  const grid = page.getByRole('grid', { name: 'Images' });
  await expect(grid.getByRole('row').filter({ hasText: 'fixture/web' })).toHaveCount(1);
  await dockerCli(sandbox, 'tag', 'fixture/web:latest', 'fixture/terminal:live');
  try {
    await expect(grid.getByRole('row').filter({ hasText: 'fixture/terminal' })).toContainText('live');
  } finally {
    await dockerCli(sandbox, 'rmi', 'fixture/terminal:live');
  }
  await expect(grid.getByRole('row').filter({ hasText: 'fixture/terminal' })).toHaveCount(0);
});

test('at 1024 px the ID, Created, Status and Platform cells show their whole text, in English and Chinese', async ({
  page,
  serve,
}) => {
  await page.setViewportSize({ width: 1024, height: 700 });
  await page.goto(serve.url);
  for (const [language, gridName, headers] of [
    ['en', 'Images', ['Image ID', 'Created', 'Status', 'Platform']],
    ['zh-CN', '镜像', ['镜像 ID', '创建时间', '状态', '平台']],
  ] as const) {
    if (language !== 'en') await page.getByRole('combobox', { name: 'Language' }).selectOption(language);
    const grid = page.getByRole('grid', { name: gridName });
    const row = grid.getByRole('row').filter({ hasText: 'fixture/app' }).first();
    await expect(row).toBeVisible();
    const names = await grid.getByRole('columnheader').allInnerTexts();
    for (const header of headers) {
      const index = names.findIndex((n) => n.replace(/[▲▼]/g, '').trim() === header);
      expect(index, `${header} is a column`).toBeGreaterThanOrEqual(0);
      const cell = row.getByRole('gridcell').nth(index);
      await expect(cell).not.toHaveText('…'); // the platform arrives after the row
      // Clipped text (an ellipsis) is wider than its cell.
      const clipped = await cell.evaluate((el) => el.scrollWidth > el.clientWidth);
      expect(clipped, `${header} cell of fixture/app clipped (${language}): “${await cell.innerText()}”`).toBe(false);
    }
  }
});

test('the first screen shows while the whole list is on its way, and the grid says it is busy until then', async ({
  page,
  serve,
}) => {
  // Hold the reply to images.list (the backend's own reply, passed on later) to see the page in between.
  let listCall: number | null = null;
  let release = () => {};
  const released = new Promise<void>((resolve) => (release = resolve));
  await page.routeWebSocket(/./, (ws) => {
    const server = ws.connectToServer();
    ws.onMessage((m) => {
      const msg = JSON.parse(String(m)) as { type?: string; method?: string; id?: number };
      if (msg.type === 'call' && msg.method === 'images.list') listCall = msg.id ?? null;
      server.send(m);
    });
    server.onMessage((m) => {
      const msg = JSON.parse(String(m)) as { type?: string; id?: number };
      if (msg.type === 'reply' && msg.id === listCall) void released.then(() => ws.send(m));
      else ws.send(m);
    });
  });
  await page.goto(serve.url);
  const grid = page.getByRole('grid', { name: 'Images' });
  await expect(grid.getByRole('row').filter({ hasText: 'fixture/web' })).toHaveCount(1);
  await expect(page.getByRole('status').filter({ hasText: /^Loading \d+ images…$/ })).toBeVisible();
  await expect(grid).toHaveAttribute('aria-busy', 'true');
  expect(listCall).not.toBeNull();

  release();
  await expect(page.getByRole('status').filter({ hasText: /^\d+ images, \d+ rows$/ })).toBeVisible();
  await expect(grid).not.toHaveAttribute('aria-busy', 'true');
  await expect(grid.getByRole('row').filter({ hasText: 'fixture/busybox' })).toHaveCount(3);
});

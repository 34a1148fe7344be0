import { expect, test } from './fixtures';
import { clickAction, filterTo, messages, rowOf, selectRow, type Lang } from './screens';

/** The checkable parts of "a finished look", at the smallest window Lading supports. */
const m = messages.en;

test.use({ viewport: { width: 1024, height: 700 } });

test('at 1024×700: the toolbar keeps one row with a keyboard More menu, details never push Actions off screen', async ({
  page,
  serve,
}) => {
  await page.goto(serve.url);
  const grid = page.getByRole('grid', { name: m.images.tableLabel });
  await expect(rowOf(page, m, 'fixture/web')).toHaveCount(1);

  // No focus outline on the first row before anything is focused.
  const active = grid.locator('.grid-row.active');
  await expect(active).toHaveCSS('outline-style', 'none');

  // One row of buttons; what does not fit is in More, reachable by keyboard.
  const toolbar = page.getByRole('toolbar', { name: m.images.actionsLabel });
  const more = toolbar.getByRole('button', { name: m.ui.more });
  const box = await toolbar.boundingBox();
  const moreBox = await more.boundingBox();
  expect(box && moreBox && box.height).toBeLessThan((moreBox?.height ?? 0) * 1.5);
  await more.focus();
  await page.keyboard.press('Enter');
  const menu = page.getByRole('menu', { name: m.ui.more });
  await expect(menu.getByRole('menuitem').first()).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(menu.getByRole('menuitem').nth(1)).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(menu).toHaveCount(0);
  await expect(more).toBeFocused();

  // Shift+click selects a range without painting a text selection.
  await rowOf(page, m, 'fixture/web').click();
  await rowOf(page, m, 'fixture/layers').click({ modifiers: ['Shift'] });
  expect(await page.evaluate('String(getSelection())')).toBe('');

  // The details toggle looks on when on, and the Actions column stays inside the window.
  await clickAction(page, m, m.images.details.toggle);
  await expect(page.getByRole('complementary', { name: m.images.details.title })).toBeVisible();
  const actionsHeader = grid.getByRole('columnheader', { name: m.images.col.actions, exact: true });
  const actions = await actionsHeader.boundingBox();
  expect(actions).not.toBeNull();
  expect((actions?.x ?? 0) + (actions?.width ?? 0)).toBeLessThanOrEqual(1024);
  for (const name of [m.images.col.size, m.images.col.status, m.images.col.platform]) {
    // A header's name also holds its resizer's label.
    const b = await grid.getByRole('columnheader', { name: new RegExp(`^${name}`) }).boundingBox();
    expect((b?.x ?? 0) + (b?.width ?? 0), name).toBeLessThanOrEqual(1024);
  }
});

for (const lang of ['en', 'zh-CN'] as Lang[]) {
  test(`at 1024×700 in ${lang}: the header keeps one row, the language picker its own width`, async ({
    page,
    serve,
  }) => {
    const l = messages[lang];
    await page.addInitScript(`localStorage.setItem('lading.language', ${JSON.stringify(lang)})`);
    await page.goto(serve.url);
    const nav = page.getByRole('navigation', { name: l.app.mainNavigation });
    const links = nav.getByRole('link');
    await expect(links.first()).toBeVisible();
    const linkHeight = (await links.first().boundingBox())?.height ?? 0;
    // No link breaks onto a second line, and the links sit side by side.
    for (const link of await links.all()) {
      const b = await link.boundingBox();
      expect(b?.height, await link.innerText()).toBeLessThan(linkHeight * 1.5);
    }
    const navBox = await nav.boundingBox();
    expect(navBox?.height).toBeLessThan(linkHeight * 1.5);
    const tasks = page.getByRole('banner').getByRole('button').first();
    const tasksBox = await tasks.boundingBox();
    expect(tasksBox?.height).toBeLessThan(linkHeight * 2);
    const picker = await page.getByRole('combobox', { name: l.app.language }).boundingBox();
    expect(picker?.width).toBeLessThan(200);
  });
}

test('errors in the error colour; a mistyped prune label is explained; Clear filter; Ctrl+C copies each ID once', async ({
  page,
  serve,
  context,
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto(serve.url);
  const danger = await page.evaluate('getComputedStyle(document.documentElement).getPropertyValue("--danger").trim()');
  const toRgb = async (color: string) =>
    page.evaluate(`(() => { const e = document.createElement('i'); e.style.color = ${JSON.stringify(color)};
      document.body.append(e); const c = getComputedStyle(e).color; e.remove(); return c; })()`);

  await selectRow(page, m, 'fixture/web');
  await clickAction(page, m, m.images.tagAction);
  const tag = page.getByRole('dialog');
  await tag.getByRole('textbox').fill('Not/Valid');
  await expect(tag.getByRole('alert')).toHaveCSS('color', (await toRgb(String(danger))) as string);
  await page.keyboard.press('Escape');

  await clickAction(page, m, m.images.pruneDialog.button);
  const prune = page.getByRole('dialog', { name: m.images.pruneDialog.title });
  await prune.getByRole('textbox', { name: m.images.pruneDialog.labels }).fill('label=team');
  await expect(prune.getByRole('alert')).toHaveText(
    '“label=team”: type only the label, KEY or KEY=VALUE, without “label=” or “--filter”.',
  );
  await expect(prune.getByText(m.images.pruneDialog.nothing)).toHaveCount(0);
  await prune.getByRole('textbox', { name: m.images.pruneDialog.labels }).fill('team:web');
  await expect(prune.getByRole('alert')).toContainText('separate key and value with “=”');
  await page.keyboard.press('Escape');

  await filterTo(page, m, 'no-such-image-anywhere');
  await page.getByRole('button', { name: m.images.clearFilter }).click();
  await expect(page.getByRole('searchbox', { name: m.images.filterLabel })).toHaveValue('');
  await expect(rowOf(page, m, 'fixture/web')).toHaveCount(1);

  // Three tag rows of one image: one ID copied.
  await filterTo(page, m, 'fixture/busybox');
  const grid = page.getByRole('grid', { name: m.images.tableLabel });
  await expect(grid.getByRole('row')).toHaveCount(4);
  await grid.getByRole('row').nth(1).click();
  await grid
    .getByRole('row')
    .nth(3)
    .click({ modifiers: ['Shift'] });
  await page.keyboard.press('ControlOrMeta+c');
  await expect(grid.getByRole('status')).toHaveText('Copied 1 ID');
  const copied = String(await page.evaluate('navigator.clipboard.readText()'));
  expect(copied).toMatch(/^sha256:[0-9a-f]{64}$/);
});

test('the page without a token is a styled 401 in both languages', async ({ page, serve }) => {
  const bare = new URL(serve.url);
  bare.search = '';
  const response = await page.goto(bare.toString());
  expect(response?.status()).toBe(401);
  await expect(page.getByRole('heading', { name: 'This Lading server needs its token' })).toBeVisible();
  await expect(page.getByRole('heading', { name: '此 Lading 服务器需要令牌' })).toBeVisible();
  await expect(page.locator('main')).toHaveCSS('border-radius', '12px');
});

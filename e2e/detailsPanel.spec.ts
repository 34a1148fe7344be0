import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { clickAction, messages, selectRow } from './screens';

const m = messages.en;

/** Selects fixture/app's row and shows its details panel. */
const open = async (page: Page) => {
  await selectRow(page, m, 'fixture/app');
  await clickAction(page, m, m.images.details.toggle);
  const panel = page.getByRole('complementary', { name: m.images.details.title });
  await expect(panel).toContainText('fixture/app');
  return { panel, edge: panel.getByRole('separator', { name: m.images.details.resize }) };
};
const widthOf = async (l: Locator) => Math.round((await l.boundingBox())?.width ?? 0);

test('the details panel is resized by keyboard and mouse, remembered after a reload, and reset by a double-click', async ({
  page,
  serve,
}) => {
  await page.goto(serve.url);
  const { panel, edge } = await open(page);
  expect(await widthOf(panel)).toBe(360);
  await expect(edge).toHaveAttribute('title', m.images.details.resizeHint);

  // ← widens (the edge moves left), Shift takes bigger steps, → narrows.
  await edge.focus();
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('Shift+ArrowLeft');
  await expect(edge).toHaveAttribute('aria-valuenow', '456');
  expect(await widthOf(panel)).toBe(456);
  await page.keyboard.press('ArrowRight');
  await expect(edge).toHaveAttribute('aria-valuenow', '440');
  await page.keyboard.press('Home');
  expect(await widthOf(panel)).toBe(280);

  // Dragging the edge 150 px to the left widens the panel by as much; the table gives the room.
  const grid = page.getByRole('grid', { name: m.images.tableLabel });
  const gridBefore = await widthOf(grid);
  const box = await edge.boundingBox();
  if (!box) throw new Error('no edge');
  await page.mouse.move(box.x + box.width / 2, box.y + 100);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2 - 75, box.y + 100, { steps: 3 });
  await page.mouse.move(box.x + box.width / 2 - 150, box.y + 100, { steps: 3 });
  await page.mouse.up();
  expect(await widthOf(panel)).toBe(430);
  expect(await widthOf(grid)).toBe(gridBefore - 150);

  await page.reload();
  const again = await open(page);
  expect(await widthOf(again.panel)).toBe(430);
  await again.edge.dblclick();
  expect(await widthOf(again.panel)).toBe(360);
  await expect(again.edge).toHaveAttribute('aria-valuenow', '360');
});

test.describe('at 1024×700, where the panel lies over the table', () => {
  test.use({ viewport: { width: 1024, height: 700 } });
  test('the widest panel leaves part of the table in view; scrolled, its edge still spans it', async ({
    page,
    serve,
  }) => {
    await page.goto(serve.url);
    const { panel, edge } = await open(page);
    await edge.focus();
    await page.keyboard.press('End');
    await expect(edge).toHaveAttribute('aria-valuenow', '960');
    const grid = await page.getByRole('grid', { name: m.images.tableLabel }).boundingBox();
    const over = await panel.boundingBox();
    expect(over && grid && over.x - grid.x).toBeGreaterThanOrEqual(155);
    expect((over?.x ?? 0) + (over?.width ?? 0)).toBeLessThanOrEqual(1024);

    // Narrowest, its text runs past the bottom: scrolled to its end, the panel still has its edge from top to bottom.
    await edge.focus();
    await page.keyboard.press('Home');
    await panel.getByText(m.images.details.labels, { exact: true }).scrollIntoViewIfNeeded();
    await expect(panel.getByText('lading.fixture=app')).toBeInViewport();
    const [p, e] = [await panel.boundingBox(), await edge.boundingBox()];
    expect(e && p && Math.abs(Math.round(e.y - p.y))).toBeLessThanOrEqual(1);
    expect(e && p && Math.abs(Math.round(p.y + p.height - (e.y + e.height)))).toBeLessThanOrEqual(1);
  });
});

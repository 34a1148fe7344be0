import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { en } from '../renderer/src/i18n/locales/en';
import type { Localized } from '../renderer/src/i18n/locales/localized';
import { zhCN } from '../renderer/src/i18n/locales/zh-CN';
import { pushMultiPlatform } from '../tests/support/registryPush';
import { dockerCli, sandboxEnv } from '../tests/support/sandbox';
import { textFileTransfer } from './drop';
import { expect } from './fixtures';

/**
 * Every screen and dialog of Lading, for the tests that walk them all
 * (zhLeftovers.spec.ts renders each in zh-CN and looks for English left
 * over; screenshots.spec.ts photographs them). Add yours here: a name and
 * how to open it from a freshly loaded page showing the images view, in the
 * page's language (`m` holds that language's strings, so one `open` serves
 * both). `open` resolves once the screen shows what a user would see.
 */
export interface Screen {
  id: string;
  open(page: Page, m: Messages): Promise<void>;
  /** Photographed for the README (keep this set small). */
  readme?: boolean;
}

export type Messages = Localized<typeof en>;
export type Lang = 'en' | 'zh-CN';
export const messages: Record<Lang, Messages> = { en, 'zh-CN': zhCN };

/** Fills `{{name}}` placeholders of a locale string (i18next's syntax, formats dropped). */
export const fill = (text: string, vars: Record<string, string | number>): string =>
  text.replace(/\{\{\s*(\w+)(?:\s*,[^}]*)?\}\}/g, (_, k: string) => String(vars[k] ?? ''));

/** A name that is either plural form of a string (Chinese has only `_other`). */
export const plural = (one: string, other: string, vars: Record<string, string | number>): RegExp => {
  const esc = (t: string) => fill(t, vars).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`^(?:${esc(one)}|${esc(other)})$`);
};

const grid = (page: Page, m: Messages) => page.getByRole('grid', { name: m.images.tableLabel });
export const rowOf = (page: Page, m: Messages, text: string) =>
  grid(page, m).getByRole('row').filter({ hasText: text });

/** Types into the images filter box. */
export const filterTo = (page: Page, m: Messages, query: string) =>
  page.getByRole('searchbox', { name: m.images.filterLabel }).fill(query);

/**
 * Clicks an images-toolbar action by its accessible name: the button when
 * it fits in the row, else the entry in the toolbar's "More" menu. The row
 * is measured again when fonts arrive, so an action may move between the
 * two while the page settles: each attempt looks afresh, and the whole is
 * retried until one click lands.
 */
export const clickAction = async (page: Page, m: Messages, name: string) => {
  const toolbar = page.getByRole('toolbar', { name: m.images.actionsLabel });
  const button = toolbar.getByRole('button', { name, exact: true });
  const menu = page.getByRole('menu', { name: m.ui.more });
  // Toggles are menuitemcheckbox entries.
  const entry = menu
    .getByRole('menuitem', { name, exact: true })
    .or(menu.getByRole('menuitemcheckbox', { name, exact: true }));
  await expect(async () => {
    if (await button.isVisible()) return button.click({ timeout: 2_000 });
    if (!(await menu.isVisible())) await toolbar.getByRole('button', { name: m.ui.more }).click({ timeout: 2_000 });
    await entry.click({ timeout: 2_000 });
  }).toPass({ timeout: 20_000 });
};

/** Selects the first row showing `text` (after filtering to it). */
export const selectRow = async (page: Page, m: Messages, text: string) => {
  await filterTo(page, m, text);
  await rowOf(page, m, text).first().click();
};

/** fixture/app:2.0's own page, through the toolbar's Open. */
const openAppPage = async (page: Page, m: Messages) => {
  await filterTo(page, m, 'fixture/app');
  await rowOf(page, m, '2.0').click();
  await clickAction(page, m, m.image.compare.openSelected);
};

/** A small build context folder on this machine, made once, for the Upload folder… screens. */
let uploadDir: string | undefined;
const uploadFolder = (): string => {
  if (uploadDir) return uploadDir;
  const dir = join(mkdtempSync(join(tmpdir(), 'lading-screens-')), 'webapp');
  mkdirSync(join(dir, 'src'), { recursive: true });
  writeFileSync(join(dir, 'Dockerfile'), 'FROM fixture/busybox:1\nCOPY . /app/\nCMD ["sh"]\n');
  writeFileSync(join(dir, '.dockerignore'), 'secret.txt\n');
  writeFileSync(join(dir, 'secret.txt'), 'x\n');
  writeFileSync(join(dir, 'src', 'main.sh'), 'echo hi\n');
  return (uploadDir = dir);
};

const dialog = (page: Page, name: string | RegExp) => page.getByRole('dialog', { name });

/** The sandbox's fixture container (created, never started, on fixture/app:1.0). */
const FIXTURE_CONTAINER = 'lading-fixture-user';

/** Opens the containers view from the navigation; resolves with the fixture container's row. */
const openContainers = async (page: Page, m: Messages) => {
  await page
    .getByRole('navigation', { name: m.app.mainNavigation })
    .getByRole('link', { name: m.app.containers })
    .click();
  const row = page
    .getByRole('table', { name: m.containers.tableLabel })
    .getByRole('row')
    .filter({ hasText: FIXTURE_CONTAINER });
  await expect(row).toHaveCount(1);
  return row;
};

/**
 * A loopback web server for one download: an empty 2 MB tarball (zeros) sent
 * at about 640 kB/s, then it closes (`sent` resolves). A URL import of it can
 * be cancelled mid-way; the engine then finishes it and Lading removes the
 * image it makes.
 */
const trickleTar = async (size = 2 * 1024 * 1024): Promise<{ url: string; sent: Promise<void> }> => {
  let done!: () => void;
  const sent = new Promise<void>((r) => (done = r));
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'Content-Type': 'application/x-tar', 'Content-Length': String(size) });
    let sent = 0;
    const timer = setInterval(() => {
      const n = Math.min(32 * 1024, size - sent);
      sent += n;
      res.write(Buffer.alloc(n));
      if (sent >= size) {
        clearInterval(timer);
        res.end();
      }
    }, 50);
    res.on('close', () => {
      clearInterval(timer);
      server.close();
      done();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/rootfs.tar`, sent };
};

export const screens: Screen[] = [
  {
    id: 'registries-search',
    open: async (page, m) => {
      await page.getByRole('link', { name: m.app.registries }).click();
      await expect(page.getByRole('tab', { name: m.registries.tab.search, selected: true })).toBeVisible();
    },
  },
  {
    id: 'registries-logins',
    open: async (page, m) => {
      await page.getByRole('link', { name: m.app.registries }).click();
      await page.getByRole('tab', { name: m.registries.tab.logins }).click();
      await expect(page.getByText(m.registries.logins.storage.memory)).toBeVisible();
    },
  },
  {
    id: 'pull-dialog',
    open: async (page, m) => {
      await clickAction(page, m, m.registries.actions.pullLabel);
      await expect(dialog(page, m.registries.pull.heading)).toBeVisible();
    },
  },
  {
    id: 'images',
    open: async (page, m) => {
      await expect(rowOf(page, m, 'fixture/web')).toHaveCount(1);
    },
  },
  {
    id: 'images-details',
    readme: true,
    open: async (page, m) => {
      await selectRow(page, m, 'fixture/app');
      await clickAction(page, m, m.images.details.toggle);
      await expect(page.getByRole('complementary', { name: m.images.details.title })).toContainText('fixture/app');
      await expect(page.getByText(m.images.details.loading)).toHaveCount(0);
    },
  },
  {
    id: 'filter-problems',
    open: async (page, m) => {
      await filterTo(page, m, 'fixture before:no/such:image dangling:maybe');
      await expect(page.locator('#images-filter-help')).toHaveClass(/field-error/);
    },
  },
  {
    id: 'no-match',
    open: async (page, m) => {
      await filterTo(page, m, 'no-such-image-anywhere');
      await expect(grid(page, m)).toHaveCount(0);
    },
  },
  {
    id: 'columns-menu',
    open: async (page, m) => {
      await page.getByRole('button', { name: m.images.columns.button }).click();
      await expect(page.getByRole('group', { name: m.images.columns.label })).toBeVisible();
    },
  },
  {
    id: 'tag-dialog',
    open: async (page, m) => {
      await selectRow(page, m, 'fixture/web');
      await clickAction(page, m, m.images.tagAction);
      const d = dialog(page, fill(m.images.tagDialog.title, { source: 'fixture/web:latest' }));
      await d.getByRole('textbox').fill('Not/Valid');
      await expect(d.getByRole('alert')).toBeVisible();
    },
  },
  {
    id: 'remove-dialog',
    readme: true,
    open: async (page, m) => {
      await selectRow(page, m, 'fixture/app');
      await clickAction(page, m, m.images.removeAction);
      const { title_one, title_other } = m.images.removeDialog;
      const d = dialog(page, plural(title_one, title_other, { count: 1 }));
      await expect(d.getByRole('list', { name: m.images.removeDialog.planLabel })).toBeVisible();
    },
  },
  {
    id: 'prune-dialog',
    open: async (page, m) => {
      await clickAction(page, m, m.images.pruneDialog.button);
      await expect(dialog(page, m.images.pruneDialog.title)).toBeVisible();
    },
  },
  {
    id: 'prune-label-problem',
    open: async (page, m) => {
      await clickAction(page, m, m.images.pruneDialog.button);
      const d = dialog(page, m.images.pruneDialog.title);
      await d.getByRole('textbox', { name: m.images.pruneDialog.labels }).fill('label=team');
      await expect(d.getByRole('alert')).toBeVisible();
    },
  },
  {
    id: 'filter-hint',
    open: async (page, m) => {
      await filterTo(page, m, 'is:dangling');
      await expect(page.locator('#images-filter-help')).toHaveClass(/field-hint/);
    },
  },
  {
    id: 'disk-usage-dialog',
    open: async (page, m) => {
      await clickAction(page, m, m.images.df.button);
      const d = dialog(page, m.images.df.title);
      await expect(d.getByText(m.images.df.reclaimable)).toBeVisible();
    },
  },
  {
    id: 'save-dialog',
    open: async (page, m) => {
      await selectRow(page, m, 'fixture/web');
      await clickAction(page, m, m.save.buttonLabel);
      await expect(dialog(page, m.save.title)).toBeVisible();
    },
  },
  {
    id: 'import-dialog',
    open: async (page, m) => {
      await clickAction(page, m, m.archives.import.buttonLabel);
      await expect(dialog(page, m.archives.import.title)).toBeVisible();
    },
  },
  {
    id: 'export-dialog',
    open: async (page, m) => {
      await clickAction(page, m, m.archives.export.buttonLabel);
      const d = dialog(page, m.archives.export.title);
      await expect(d.getByRole('combobox', { name: m.archives.export.container })).toContainText('lading-fixture');
    },
  },
  {
    id: 'containers',
    readme: true,
    open: async (page, m) => {
      await openContainers(page, m);
    },
  },
  {
    id: 'container-logs',
    open: async (page, m) => {
      const row = await openContainers(page, m);
      await row.getByRole('button', { name: fill(m.containers.logsNamed, { name: FIXTURE_CONTAINER }) }).click();
      await expect(
        page.getByRole('region', { name: fill(m.containers.logsOf, { name: FIXTURE_CONTAINER }) }),
      ).toContainText(m.containers.logStopped);
    },
  },
  {
    id: 'container-diff',
    open: async (page, m) => {
      const row = await openContainers(page, m);
      await row.getByRole('button', { name: fill(m.containers.diffNamed, { name: FIXTURE_CONTAINER }) }).click();
      await expect(
        page.getByRole('region', { name: fill(m.containers.diffOf, { name: FIXTURE_CONTAINER }) }),
      ).toContainText(m.containers.diffEmpty);
    },
  },
  {
    id: 'commit-dialog',
    open: async (page, m) => {
      const row = await openContainers(page, m);
      await row.getByRole('button', { name: fill(m.containers.commitNamed, { name: FIXTURE_CONTAINER }) }).click();
      const d = dialog(page, fill(m.containers.commitDialog.title, { name: FIXTURE_CONTAINER }));
      await d.getByRole('textbox', { name: m.containers.commitDialog.changes }).fill('RUN echo');
      await expect(d.getByRole('alert')).toBeVisible();
    },
  },
  {
    id: 'remove-container-dialog',
    open: async (page, m) => {
      const row = await openContainers(page, m);
      await row.getByRole('button', { name: fill(m.containers.removeNamed, { name: FIXTURE_CONTAINER }) }).click();
      await expect(dialog(page, fill(m.containers.removeDialog.title, { name: FIXTURE_CONTAINER }))).toBeVisible();
    },
  },
  {
    id: 'run-dialog',
    readme: true,
    open: async (page, m) => {
      await selectRow(page, m, 'fixture/web');
      await clickAction(page, m, m.containers.run.action);
      const d = dialog(page, fill(m.containers.run.title, { image: 'fixture/web:latest' }));
      await d.getByRole('button', { name: m.containers.run.addPort }).click();
      await d.getByRole('textbox', { name: fill(m.containers.run.portN, { n: 1 }) }).fill('70000:80');
      await expect(d.getByRole('alert')).toBeVisible();
    },
  },
  {
    id: 'build',
    open: async (page, m) => {
      await clickAction(page, m, m.build.toolbar);
      await expect(page.getByRole('form', { name: m.build.title })).toBeVisible();
      await expect(page.getByRole('textbox', { name: m.build.editorLabel })).toBeVisible();
    },
  },
  {
    id: 'build-folder-dialog',
    open: async (page, m) => {
      await clickAction(page, m, m.build.toolbar);
      await page.getByRole('form', { name: m.build.title }).getByRole('button', { name: m.build.browse }).click();
      await expect(
        dialog(page, m.build.folderDialog.title).getByRole('button', { name: m.build.folderDialog.choose }),
      ).toBeEnabled();
    },
  },
  {
    // A folder from this computer (serve mode's Upload folder…), counted in the browser.
    id: 'build-uploaded-folder',
    open: async (page, m) => {
      await clickAction(page, m, m.build.toolbar);
      const form = page.getByRole('form', { name: m.build.title });
      await form.getByLabel(m.build.folder.uploadLabel).setInputFiles(uploadFolder());
      await expect(form.getByText('webapp/', { exact: true })).toBeVisible();
      await expect(form.getByRole('status', { name: m.build.context })).toBeVisible();
      await expect(page.getByRole('textbox', { name: m.build.editorLabel })).toContainText('COPY');
    },
  },
  {
    // Dragging something over the build view, and what a dropped file (not a folder) is told.
    id: 'build-folder-drop',
    open: async (page, m) => {
      await clickAction(page, m, m.build.toolbar);
      const view = page.locator('.build-view');
      const dataTransfer = await textFileTransfer(page, 'Dockerfile', 'FROM x');
      await view.dispatchEvent('dragenter', { dataTransfer });
      await view.dispatchEvent('dragover', { dataTransfer });
      await expect(page.getByRole('region', { name: m.build.folder.dropRegion })).toBeVisible();
    },
  },
  {
    id: 'build-folder-problem',
    open: async (page, m) => {
      await clickAction(page, m, m.build.toolbar);
      const view = page.locator('.build-view');
      const dataTransfer = await textFileTransfer(page, 'Dockerfile', 'FROM x');
      await view.dispatchEvent('dragenter', { dataTransfer });
      await view.dispatchEvent('drop', { dataTransfer });
      await expect(page.getByRole('alert').filter({ hasText: m.build.folder.notFolder })).toBeVisible();
    },
  },
  {
    id: 'image-overview',
    open: async (page, m) => {
      await openAppPage(page, m);
      await expect(page.getByRole('tabpanel', { name: m.image.tab.overview })).toContainText('APP_MODE=production');
    },
  },
  {
    id: 'image-history',
    open: async (page, m) => {
      await openAppPage(page, m);
      await page.getByRole('tab', { name: m.image.tab.history }).click();
      await expect(page.getByRole('region', { name: m.image.history.dockerfileTitle })).toContainText('RUN head');
    },
  },
  {
    id: 'image-inspect',
    open: async (page, m) => {
      await openAppPage(page, m);
      await page.getByRole('tab', { name: m.image.tab.inspect }).click();
      await page.getByRole('searchbox', { name: m.image.inspect.search }).fill('image.version');
      await expect(page.getByRole('tree', { name: m.image.inspect.treeLabel }).locator('mark').first()).toBeVisible();
    },
  },
  {
    id: 'compare',
    open: async (page, m) => {
      await filterTo(page, m, 'fixture/app');
      // Near the row's left edge: at 1920 px the middle of fixture/app:1.0 is its "in use" link.
      await rowOf(page, m, '1.0').click({ position: { x: 8, y: 8 } });
      await rowOf(page, m, '2.0').click({ modifiers: ['ControlOrMeta'], position: { x: 8, y: 8 } });
      await clickAction(page, m, m.image.compare.actionLabel);
      await expect(page.getByRole('table', { name: m.image.compare.tableLabel })).toContainText('APP_MODE');
    },
  },
  {
    id: 'image-layers',
    open: async (page, m) => {
      await page.evaluate(`window.location.hash = '#image/fixture%2Fweb%3Alatest/layers'`);
      await expect(page.getByRole('listbox', { name: m.layers.listLabel })).toBeVisible({ timeout: 60_000 });
      await expect(page.getByRole('tree').getByRole('treeitem').first()).toBeVisible();
    },
  },
  {
    // The tasks drawer with a finished save in it (a download in serve mode).
    id: 'tasks-drawer',
    open: async (page, m) => {
      await selectRow(page, m, 'fixture/web');
      await clickAction(page, m, m.save.buttonLabel);
      const d = dialog(page, m.save.title);
      await d.getByRole('button', { name: m.save.start, exact: true }).click();
      await expect(d.getByRole('status')).toBeVisible();
      await d.getByRole('button', { name: m.save.close, exact: true }).click();
      await page.getByRole('button', { name: m.tasks.buttonLabel, exact: true }).click();
      const drawer = dialog(page, m.tasks.title);
      await expect(drawer.getByRole('listitem').first().getByRole('status')).toBeVisible();
    },
  },
  {
    // A pull asking for a platform the manifest list lacks: its one sentence.
    id: 'pull-platform-missing',
    open: async (page, m) => {
      const { registry } = sandboxEnv();
      await pushMultiPlatform(registry, 'screens/multi', '1', ['linux/amd64', 'linux/arm64'], 'screens');
      await page.getByRole('link', { name: m.app.registries }).click();
      const form = page.getByRole('form', { name: m.registries.pull.heading });
      await form.getByRole('textbox', { name: m.registries.pull.reference }).fill(`${registry}/screens/multi:1`);
      await form.getByRole('textbox', { name: m.registries.pull.platform }).fill('linux/s390x');
      await form.getByRole('button', { name: m.registries.pull.button, exact: true }).click();
      await expect(page.getByRole('alert').filter({ hasText: 'linux/s390x' })).toBeVisible();
    },
  },
  {
    // A URL import cancelled mid-download: what the engine still does, in the dialog.
    id: 'import-url-cancelled',
    open: async (page, m) => {
      const web = await trickleTar();
      await clickAction(page, m, m.archives.import.buttonLabel);
      const d = dialog(page, m.archives.import.title);
      await d.getByRole('radio', { name: m.archives.import.fromUrl }).check();
      await d.getByRole('textbox', { name: 'URL' }).fill(web.url);
      await d.getByRole('textbox', { name: m.archives.import.reference }).fill('screens/url-import:1');
      await d.getByRole('button', { name: m.archives.import.start, exact: true }).click();
      // Cancelled once the engine is downloading (a request closed before that starts nothing).
      const bar = d.getByRole('progressbar');
      await expect.poll(async () => Number(await bar.getAttribute('value'))).toBeGreaterThan(0);
      await d.getByRole('button', { name: m.archives.import.cancelImport }).click();
      await expect(d.getByRole('status')).toContainText(m.tasks.afterCancel.urlImport);
      // The engine finishes the download anyway; nothing may be left for later screens and tests.
      await web.sent;
      const env = sandboxEnv();
      await expect
        .poll(() => dockerCli(env, 'images', '-q', 'screens/url-import').then((out) => out.trim()), { timeout: 30_000 })
        .toBe('');
    },
  },
];

import { pushMultiPlatform, pushSyntheticImage } from '../tests/support/registryPush';
import { dockerBuild, dockerCli } from '../tests/support/sandbox';
import { startSearchServer } from '../tests/support/searchServer';
import { expect, startServe, test } from './fixtures';

const run = `p${Date.now().toString(36)}`;

test('a pull keeps running across a page reload and is cancelled from the drawer', async ({ page, serve, sandbox }) => {
  test.setTimeout(240_000);
  // Two fresh 20 MB layers in the sandbox registry, not on the engine.
  const inRegistry = `${sandbox.registry}/${run}/slow:1`;
  await dockerBuild(
    sandbox,
    inRegistry,
    `FROM fixture/busybox:1\nRUN head -c 20000000 /dev/urandom > /a # ${run}\nRUN head -c 20000000 /dev/urandom > /b`,
  );
  await dockerCli(sandbox, 'push', inRegistry);
  await dockerCli(sandbox, 'rmi', inRegistry);
  // The registry behind a loopback pass-through that sends blobs at 150 kB/s:
  // each 20 MB layer takes over two minutes, so the pull surely still runs after the reload.
  const slow = await startSearchServer({ registry: sandbox.registry, blobBytesPerSecond: 150_000 });
  const ref = `${slow.host}/${run}/slow:1`;
  try {
    await page.goto(serve.url);
    const tasksButton = page.getByRole('button', { name: /^Tasks/ });
    await page.getByRole('link', { name: 'Registries' }).click();
    await page.getByRole('textbox', { name: 'Image to pull' }).fill(ref);
    await page.getByRole('button', { name: 'Pull', exact: true }).click();
    const card = page.getByRole('region', { name: `Pull ${ref}` });
    const layers = card.getByRole('table', { name: `Layers of ${ref}` });
    // Per-layer rows: a layer downloading with its bytes so far of its size.
    await expect(layers.getByRole('row').filter({ hasText: 'Downloading' }).first()).toContainText(/ of | \/ /, {
      timeout: 60_000,
    });
    await expect(layers.getByRole('row').filter({ hasText: 'Already exists' })).toHaveCount(1);
    await expect(tasksButton).toHaveAccessibleName('Tasks, 1 running');

    await page.reload();
    // The new page finds the pull still running, in the drawer.
    await expect(tasksButton).toHaveAccessibleName('Tasks, 1 running');
    await tasksButton.click();
    const drawer = page.getByRole('dialog', { name: 'Tasks' });
    const task = drawer.getByRole('listitem', { name: `Pull ${ref}` });
    const bar = task.getByRole('progressbar', { name: `Progress of Pull ${ref}` });
    await expect(bar).toBeVisible();
    // Bytes keep coming after the reload.
    const first = Number((await bar.getAttribute('value')) ?? 0);
    await expect.poll(async () => Number(await bar.getAttribute('value')), { timeout: 60_000 }).toBeGreaterThan(first);
    await expect(task).toContainText(/ of .* · \d+ %/);
    expect(slow.blobs.some((b) => b.state === 'open')).toBe(true);

    await task.getByRole('button', { name: `Cancel Pull ${ref}` }).click();
    await expect(task.getByRole('status')).toContainText('Cancelled.');
    await expect(tasksButton).toHaveAccessibleName('Tasks');
    // The engine stopped downloading: it hung up on every blob it had open.
    await expect.poll(() => slow.blobs.filter((b) => b.state === 'open').length, { timeout: 30_000 }).toBe(0);
    expect(slow.blobs.some((b) => b.state === 'closed')).toBe(true);
    // Nothing was left: not in the table, not in `docker images`.
    await page.keyboard.press('Escape');
    await page.getByRole('link', { name: 'Images' }).click();
    await page.getByRole('searchbox', { name: 'Filter images' }).fill(`${run}/slow`);
    await expect(page.getByRole('grid', { name: 'Images' }).getByRole('row').filter({ hasText: run })).toHaveCount(0);
    expect((await dockerCli(sandbox, 'images', '-q', `${slow.host}/${run}/slow`)).trim()).toBe('');
  } finally {
    await slow.close();
    await dockerCli(sandbox, 'rmi', ref).catch(() => '');
  }
});

test('pull one platform of a multi-platform image (中文): the table shows its platform', async ({
  page,
  serve,
  sandbox,
}) => {
  const repo = `${run}/multi`;
  const ref = `${sandbox.registry}/${repo}:1`;
  await pushMultiPlatform(sandbox.registry, repo, '1', ['linux/amd64', 'linux/arm64'], run);
  try {
    await page.goto(serve.url);
    await page.getByRole('combobox', { name: 'Language' }).selectOption('zh-CN');
    await page.getByRole('link', { name: '镜像仓库' }).click();
    const form = page.getByRole('form', { name: '拉取镜像' });
    await form.getByRole('textbox', { name: '要拉取的镜像' }).fill(ref);
    // A platform the manifest list does not have: one clear sentence.
    await form.getByRole('textbox', { name: '平台' }).fill('linux/s390x');
    await form.getByRole('button', { name: '拉取', exact: true }).click();
    const card = page.getByRole('region', { name: `拉取 ${ref}` });
    await expect(card.getByRole('alert')).toContainText(`${ref} 没有平台 linux/s390x 的镜像`);
    await card.getByRole('button', { name: `移除 ${ref}` }).click();

    // The form empties after a start: ask again, for arm64.
    await form.getByRole('textbox', { name: '要拉取的镜像' }).fill(ref);
    await form.getByRole('textbox', { name: '平台' }).fill('linux/arm64');
    await form.getByRole('button', { name: '拉取', exact: true }).click();
    await expect(card.getByRole('status')).toContainText(`已拉取 ${ref}`);
    await card.getByRole('button', { name: '在镜像列表中查看' }).click();
    await page.getByRole('searchbox', { name: '筛选镜像' }).fill(repo);
    const row = page.getByRole('grid', { name: '镜像' }).getByRole('row').filter({ hasText: repo });
    await expect(row).toHaveCount(1);
    await expect(row).toContainText('linux/arm64');
  } finally {
    await dockerCli(sandbox, 'rmi', ref).catch(() => '');
  }
});

test('pull through Podman: the layer rows, then the digest and the row in the table', async ({ page, sandbox }) => {
  const serve = await startServe(sandbox.podmanHost as string);
  const repo = `${run}/pod`;
  const ref = `${sandbox.registry}/${repo}:1`;
  const pushed = await pushSyntheticImage(sandbox.registry, repo, 'linux/amd64', `${run}-pod`, '1');
  const podman = { ...sandbox, dockerHost: sandbox.podmanHost as string };
  try {
    await page.goto(serve.url);
    await expect(page.getByText(/Podman/).first()).toBeVisible();
    await page.getByRole('link', { name: 'Registries' }).click();
    await page.getByRole('textbox', { name: 'Image to pull' }).fill(ref);
    await page.getByRole('button', { name: 'Pull', exact: true }).click();
    const card = page.getByRole('region', { name: `Pull ${ref}` });
    await expect(card.getByRole('status')).toContainText(`Pulled ${ref}.`);
    await expect(card).toContainText(`Digest: ${sandbox.registry}/${repo}@${pushed.manifestDigest}`);
    // One layer, done; Podman's config blob is not shown as a layer.
    const layers = card.getByRole('table', { name: `Layers of ${ref}` });
    await expect(layers.getByRole('row')).toHaveCount(2);
    await expect(layers.getByRole('row').nth(1)).toContainText('Done');
    await card.getByRole('button', { name: 'Show in the images table' }).click();
    await page.getByRole('searchbox', { name: 'Filter images' }).fill(repo);
    await expect(page.getByRole('grid', { name: 'Images' }).getByRole('row').filter({ hasText: repo })).toHaveCount(1);
  } finally {
    await serve.stop();
    await dockerCli(podman, 'rmi', ref).catch(() => '');
  }
});

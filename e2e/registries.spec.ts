import { dockerBuild, dockerCli } from '../tests/support/sandbox';
import { startSearchServer } from '../tests/support/searchServer';
import { expect, test } from './fixtures';
import { clickAction, messages } from './screens';

const run = `e${Date.now().toString(36)}`;

test('search a registry host → pull with live layer rows → the row in the images table', async ({
  page,
  serve,
  sandbox,
}) => {
  test.setTimeout(180_000);
  // An image with two fresh layers in the sandbox registry, not on the engine.
  const inRegistry = `${sandbox.registry}/${run}/app:latest`;
  await dockerBuild(
    sandbox,
    inRegistry,
    `FROM fixture/busybox:1\nRUN head -c 4000000 /dev/urandom > /a # ${run}\nRUN head -c 3000000 /dev/urandom > /b`,
  );
  await dockerCli(sandbox, 'push', inRegistry);
  await dockerCli(sandbox, 'rmi', inRegistry);
  // The search host answers the v1 search API and passes /v2/ to the sandbox registry, slowly enough to watch.
  const hub = await startSearchServer({
    registry: sandbox.registry,
    blobBytesPerSecond: 1_500_000,
    results: [
      { name: `${run}/app`, description: 'The e2e app image.', star_count: 7, is_official: false, is_automated: false },
      { name: `${run}/other`, description: 'Another one.', star_count: 70, is_official: true, is_automated: false },
    ],
  });
  const pulled = `${hub.host}/${run}/app:latest`;
  try {
    await page.goto(serve.url);
    await page.getByRole('link', { name: 'Registries' }).click();
    await page.getByRole('searchbox', { name: 'Search term' }).fill(`${hub.host}/${run}`);
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    const results = page.getByRole('table', { name: 'Search results' });
    await expect(results.getByRole('row')).toHaveCount(3);
    // Sorted by stars, most first; a click on the header reverses it.
    await expect(results.getByRole('row').nth(1)).toContainText(`${run}/other`);
    await results.getByRole('button', { name: 'Sort by Stars' }).click();
    await expect(results.getByRole('row').nth(1)).toContainText(`${run}/app`);

    await results.getByRole('button', { name: `Pull ${run}/app` }).click();
    const card = page.getByRole('region', { name: `Pull ${pulled}` });
    const layers = card.getByRole('table', { name: `Layers of ${pulled}` });
    // While it runs: a layer downloading with its bytes, and the overall bar.
    await expect(layers.getByRole('row').filter({ hasText: 'Downloading' }).first()).toBeVisible();
    await expect(card.getByRole('progressbar', { name: `Progress of ${pulled}` })).toBeVisible();
    await expect(card.getByRole('status')).toContainText(`Pulled ${pulled}.`, { timeout: 60_000 });
    await expect(card).toContainText(`Digest: ${hub.host}/${run}/app@sha256:`);
    await expect(layers.getByRole('row').filter({ hasText: 'Done' })).toHaveCount(2);
    await expect(layers.getByRole('row').filter({ hasText: 'Already exists' })).toHaveCount(1);

    await card.getByRole('button', { name: 'Show in the images table' }).click();
    await page.getByRole('searchbox', { name: 'Filter images' }).fill(`${run}/app`);
    await expect(
      page
        .getByRole('grid', { name: 'Images' })
        .getByRole('row')
        .filter({ hasText: `${run}/app` }),
    ).toHaveCount(1);
  } finally {
    await hub.close();
    await dockerCli(sandbox, 'rmi', pulled).catch(() => '');
  }
});

test('push to the login registry: refused, then accepted after login (中文)', async ({ page, serve, sandbox }) => {
  test.setTimeout(120_000);
  const registry = sandbox.authRegistry as string;
  const source = `${run}/push:1`;
  await dockerBuild(sandbox, source, `FROM fixture/busybox:1\nLABEL run=${run}`);
  const target = `${registry}/${run}/push:1`;
  try {
    await page.goto(serve.url);
    await page.getByRole('combobox', { name: 'Language' }).selectOption('zh-CN');
    await page.getByRole('link', { name: '镜像仓库' }).click();
    await page.getByRole('tab', { name: '推送' }).click();
    await page.getByRole('combobox', { name: '本地镜像' }).selectOption(source);
    await page.getByRole('textbox', { name: '推送为' }).fill(target);
    await expect(page.getByText(`这个镜像没有 ${registry} 的标签`)).toBeVisible();
    await page.getByRole('button', { name: '标记并推送' }).click();
    const refused = page.getByRole('region', { name: `推送 ${target}` });
    await expect(refused.getByRole('alert')).toContainText(`推送 ${target} 失败。`);
    await expect(refused.getByRole('alert')).toContainText(`${registry} 拒绝了请求：请先登录`);
    await refused.getByRole('button', { name: `移除 ${target}` }).click();

    await page.getByRole('tab', { name: '登录' }).click();
    await expect(page.getByText('登录只保存在这个 Lading 服务运行期间')).toBeVisible();
    const form = page.getByRole('form', { name: '登录' });
    await form.getByRole('textbox', { name: '仓库地址' }).fill(registry);
    await form.getByRole('textbox', { name: '用户名' }).fill(sandbox.authUser as string);
    await form.getByLabel('密码').fill('wrong-password');
    await form.getByRole('button', { name: '登录' }).click();
    await expect(form.getByRole('alert')).toContainText('登录未被接受。');
    await form.getByLabel('密码').fill(sandbox.authPassword as string);
    await form.getByRole('button', { name: '登录' }).click();
    await expect(form.getByRole('status')).toContainText(`已登录 ${registry}。`);
    await expect(page.getByRole('list', { name: '已保存的登录' })).toContainText(sandbox.authUser as string);

    await page.getByRole('tab', { name: '推送' }).click();
    await page.getByRole('combobox', { name: '本地镜像' }).selectOption(target);
    await page.getByRole('textbox', { name: '推送为' }).fill(target);
    await page.getByRole('button', { name: '推送', exact: true }).click();
    const accepted = page.getByRole('region', { name: `推送 ${target}` });
    await expect(accepted.getByRole('status')).toContainText(`已推送 ${target}。`);
    await expect(accepted).toContainText('摘要：sha256:');
  } finally {
    await dockerCli(sandbox, 'rmi', source, target).catch(() => '');
  }
});

test('browse the sandbox registry: repositories, a tag, its manifest facts, then pull it', async ({
  page,
  serve,
  sandbox,
}) => {
  await page.goto(serve.url);
  await page.getByRole('link', { name: 'Registries' }).click();
  await page.getByRole('tab', { name: 'Browse' }).click();
  await page.getByRole('textbox', { name: 'Registry' }).fill(sandbox.registry);
  await page.getByRole('button', { name: 'Show repositories' }).click();
  const repos = page.getByRole('list', { name: 'Repositories' });
  await repos.getByRole('button', { name: 'team/app', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Tags of team/app' })).toBeVisible();
  await page.getByRole('combobox', { name: 'Tag' }).selectOption('1.0');
  const facts = page.getByRole('definition').filter({ hasText: 'sha256:' });
  await expect(facts).toBeVisible();
  await expect(page.getByRole('term').filter({ hasText: 'Platform' })).toBeVisible();
  await page.getByRole('button', { name: `Pull ${sandbox.registry}/team/app:1.0` }).click();
  await expect(
    page.getByRole('region', { name: `Pull ${sandbox.registry}/team/app:1.0` }).getByRole('status'),
  ).toContainText(/Pulled|already up to date/);
});

test('Update in the images toolbar reports a changed tag; a Hub name comes through the mirrors', async ({
  page,
  serve,
  sandbox,
}) => {
  test.setTimeout(120_000);
  const ref = `${sandbox.registry}/${run}/upd:1`;
  // The registry gets a newer image under the tag than the engine has.
  const oldId = await dockerBuild(sandbox, ref, `FROM fixture/busybox:1\nLABEL v=old-${run}`);
  await dockerCli(sandbox, 'push', ref);
  await dockerCli(sandbox, 'tag', ref, `${run}-keep:old`);
  const newId = await dockerBuild(sandbox, ref, `FROM fixture/busybox:1\nLABEL v=new-${run}`);
  await dockerCli(sandbox, 'push', ref);
  await dockerCli(sandbox, 'tag', oldId, ref);
  const short = (id: string) => id.replace(/^sha256:/, '').slice(0, 12);
  try {
    await page.goto(serve.url);
    await page.getByRole('searchbox', { name: 'Filter images' }).fill(`${run}/upd`);
    await page
      .getByRole('grid', { name: 'Images' })
      .getByRole('row')
      .filter({ hasText: `${run}/upd` })
      .click();
    await clickAction(page, messages.en, 'Update the selected images from their registries');
    const dialog = page.getByRole('dialog', { name: 'Update 1 image' });
    await expect(dialog.getByRole('list', { name: 'Changed' })).toContainText(
      `${ref}: ${short(oldId)} → ${short(newId)}`,
      { timeout: 60_000 },
    );
    await dialog.getByRole('button', { name: 'Close' }).click();

    // Mirrors: a dead one first, then the sandbox registry; the image keeps its Docker Hub name.
    await page.getByRole('link', { name: 'Registries' }).click();
    await page.getByRole('tab', { name: 'Mirrors' }).click();
    await page.getByRole('textbox', { name: 'Mirror hosts, one per line' }).fill(`127.0.0.1:1\n${sandbox.registry}`);
    await page.getByRole('button', { name: 'Save mirrors' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Saved.' })).toBeVisible();
    await page.getByRole('textbox', { name: 'Image to pull' }).fill(`${run}/upd:1`);
    await page.getByRole('button', { name: 'Pull', exact: true }).click();
    const card = page.getByRole('region', { name: `Pull ${run}/upd:1` });
    // The engine already holds these layers (Update fetched them): done either way, under the Hub name.
    await expect(card.getByRole('status')).toContainText(
      new RegExp(`(Pulled ${run}/upd:1\\.|${run}/upd:1 is already up to date\\.)`),
    );
    await expect(card.getByRole('status')).toContainText(`Served by the mirror ${sandbox.registry}.`);
    await expect(card).toContainText('Mirror 127.0.0.1:1 failed');
    expect(await dockerCli(sandbox, 'image', 'inspect', '--format', '{{.Id}}', `${run}/upd:1`)).toContain(newId);
  } finally {
    await dockerCli(sandbox, 'rmi', '-f', ref, `${run}-keep:old`, `${run}/upd:1`, oldId, newId).catch(() => '');
  }
});

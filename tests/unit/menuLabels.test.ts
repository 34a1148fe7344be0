import { describe, expect, it } from 'vitest';
import { menuLabelsFor, zhCNMenuLabels } from '../../electron/shell/menuLabels';
import { appHandlers } from '../../electron/api/handlers/app';
import type { HandlerDeps } from '../../electron/api/handlers/deps';
import type { HostServices } from '../../electron/api/hostServices';
import type { RequestContext } from '../../electron/api/types';
import { api } from '../../shared/contract/api';

// The handler reads no context; a session is required by its type only.
const ctx = { session: { id: 'test' } } as unknown as RequestContext;

describe('application menu labels', () => {
  // The MenuLabels type makes a missing label a compile error.
  it('has no English word left in the Chinese labels', () => {
    for (const [key, label] of Object.entries(zhCNMenuLabels)) {
      expect(label.replace(/Lading/g, ''), key).not.toMatch(/[A-Za-z]{2,}/);
    }
  });
  it('picks Chinese for Simplified Chinese system locales only', () => {
    for (const l of ['zh-CN', 'zh', 'zh-Hans-CN', 'zh_CN']) expect(menuLabelsFor(l), l).toBe(zhCNMenuLabels);
    for (const l of ['en-US', 'de', 'zh-TW']) expect(menuLabelsFor(l), l).toBeUndefined();
  });
});

describe('the menu follows the language picked in the app', () => {
  const handlersFor = (host: HostServices) =>
    // Only `host` is read by these handlers; the rest of the deps would need a backend.
    appHandlers({ host } as unknown as HandlerDeps);
  const info = { mode: 'desktop' } as HostServices['info'];

  it('hands the language to the desktop shell', async () => {
    const picked: string[] = [];
    const h = handlersFor({ info, setLanguage: (l) => picked.push(l) });
    expect(await h['host.setLanguage']({ language: 'zh-CN' }, ctx)).toEqual({ applied: true });
    expect(await h['host.setLanguage']({ language: 'en' }, ctx)).toEqual({ applied: true });
    expect(picked).toEqual(['zh-CN', 'en']);
    // What the shell then installs for each of them.
    expect(menuLabelsFor(picked[0]!)).toBe(zhCNMenuLabels);
    expect(menuLabelsFor(picked[1]!)).toBeUndefined();
  });
  it('says nothing was applied where there is no menu (serve mode)', async () => {
    const h = handlersFor({ info: { ...info, mode: 'serve' } });
    expect(await h['host.setLanguage']({ language: 'zh-CN' }, ctx)).toEqual({ applied: false });
  });
  it('refuses a language the UI does not have', () => {
    const method = api['host.setLanguage'];
    expect(method.args.safeParse({ language: 'zh-CN' }).success).toBe(true);
    for (const language of ['de', 'zh-TW', '', 'en; rm -rf /']) {
      expect(method.args.safeParse({ language }).success, language).toBe(false);
    }
  });
});

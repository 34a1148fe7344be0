import { describe, expect, it } from 'vitest';
import { menuLabelsFor, zhCNMenuLabels } from '../../electron/shell/menuLabels';

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

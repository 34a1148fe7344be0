import { describe, expect, it } from 'vitest';
import { initialLanguage } from '../../renderer/src/i18n/language';

describe('initialLanguage', () => {
  it('keeps a saved choice', () => {
    expect(initialLanguage('zh-CN', ['en-US'])).toBe('zh-CN');
    expect(initialLanguage('en', ['zh-CN'])).toBe('en');
  });
  it('follows the first Chinese or English browser preference', () => {
    expect(initialLanguage(null, ['zh-TW', 'en'])).toBe('zh-CN');
    expect(initialLanguage(null, ['de-DE', 'en-GB', 'zh-CN'])).toBe('en');
    expect(initialLanguage(null, ['fr'])).toBe('en');
  });
  it('ignores a saved value it does not know', () => {
    expect(initialLanguage('klingon', ['zh-Hans-CN'])).toBe('zh-CN');
  });
});

import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { template } from '../../renderer/src/i18n/template';

describe('translation templates for texts drawn on every row', () => {
  it('gives what t() gives, in both languages, for any value', async () => {
    const i18n = i18next.createInstance();
    await i18n.init({
      lng: 'en',
      interpolation: { escapeValue: false },
      resources: {
        en: { translation: { saveNamed: 'Save {{name}} to a file', runNamed: 'Run a container from {{image}}' } },
        'zh-CN': { translation: { saveNamed: '将 {{name}} 保存到文件', runNamed: '从 {{image}} 运行一个容器' } },
      },
    });
    for (const lng of ['en', 'zh-CN']) {
      await i18n.changeLanguage(lng);
      const save = template(i18n.t, 'saveNamed');
      const run = template(i18n.t, 'runNamed', 'image');
      for (const value of ['busybox:latest', 'a$&b $1 {{name}}', '', 'registry:5000/team/app:1.0']) {
        expect(save(value)).toBe(i18n.t('saveNamed', { name: value }));
        expect(run(value)).toBe(i18n.t('runNamed', { image: value }));
      }
    }
  });
});

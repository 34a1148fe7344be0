import i18next from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { en } from '../../renderer/src/i18n/locales/en';
import { zhCN } from '../../renderer/src/i18n/locales/zh-CN';
import { errorSentence } from '../../renderer/src/ui/errorSentence';
import type { ApiErrorData } from '../../shared/contract/errors';

const i18n = i18next.createInstance();
beforeAll(async () => {
  await i18n.init({
    resources: { en: { translation: en }, 'zh-CN': { translation: zhCN } },
    lng: 'en',
    fallbackLng: 'en',
    interpolation: { escapeValue: false },
  });
});

/** Every kind of file or URL failure the backend names, with what it puts in details. */
const failures: [ApiErrorData, string][] = [
  [{ code: 'NOT_A_FILE', message: '', details: { path: '/d', kind: 'folder' } }, '/d is a folder, not a file.'],
  [{ code: 'NOT_A_FILE', message: '', details: { path: '/p', kind: 'fifo' } }, '/p is a named pipe, not a file.'],
  [{ code: 'NOT_A_FILE', message: '', details: { path: '/s', kind: 'socket' } }, '/s is a socket, not a file.'],
  [{ code: 'NOT_A_FILE', message: '', details: { path: '/z', kind: 'device' } }, '/z is a device, not a file.'],
  [{ code: 'NOT_FOUND', message: '', details: { path: '/x.tar', kind: 'file' } }, 'There is no file at /x.tar.'],
  [{ code: 'NOT_FOUND', message: '', details: { path: '/no', kind: 'folder' } }, 'The folder /no does not exist.'],
  [
    { code: 'NOT_FOUND', message: '', details: { kind: 'url', url: 'http://h/x', status: '404 Not Found' } },
    'The server answered 404 Not Found for http://h/x.',
  ],
  [
    {
      code: 'ENGINE_ERROR',
      message: '',
      details: { kind: 'urlUnreachable', url: 'http://h/x', reason: 'connection refused' },
    },
    'The engine could not reach http://h/x (connection refused).',
  ],
  [
    { code: 'PERMISSION_DENIED', message: '', details: { path: '/x', kind: 'read' } },
    'You do not have permission to read /x.',
  ],
  [
    { code: 'PERMISSION_DENIED', message: '', details: { path: '/x', kind: 'outsideRoots', roots: '/srv' } },
    'This server reads and writes files only inside /srv; /x is outside.',
  ],
];

describe('a sentence for each kind of file failure', () => {
  it('in English, with the path or URL in it', async () => {
    await i18n.changeLanguage('en');
    for (const [error, sentence] of failures)
      expect(errorSentence(i18n, error)).toEqual({ text: sentence, specific: true });
  });

  it('in Chinese, every one translated and filled in', async () => {
    await i18n.changeLanguage('zh-CN');
    for (const [error] of failures) {
      const { text, specific } = errorSentence(i18n, error);
      expect(specific).toBe(true);
      expect(text).not.toContain('{{');
      expect(text).toMatch(/[\u4e00-\u9fff]/);
      for (const v of Object.values(error.details ?? {})) {
        if (v !== error.details?.kind) expect(text).toContain(v as string);
      }
    }
  });

  it('an unknown kind falls back to the code’s sentence', async () => {
    await i18n.changeLanguage('en');
    expect(errorSentence(i18n, { code: 'NOT_FOUND', message: 'no such image', details: { kind: 'image' } })).toEqual({
      text: 'Not found.',
      specific: false,
    });
  });
});

import i18next from 'i18next';
import { PassThrough } from 'node:stream';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  DownloadRegistry,
  MAX_PENDING_DOWNLOADS,
  MAX_PENDING_DOWNLOADS_PER_SESSION,
} from '../../electron/api/downloads';
import { MAX_PENDING_UPLOADS, MAX_PENDING_UPLOADS_PER_SESSION, UploadRegistry } from '../../electron/api/uploads';
import { en } from '../../renderer/src/i18n/locales/en';
import { zhCN } from '../../renderer/src/i18n/locales/zh-CN';
import { errorSentence } from '../../renderer/src/ui/errorSentence';
import { type ApiError } from '../../shared/contract/errors';

/** uploads.create and downloads.create are bounded: a token holder cannot pile up entries without end. */
const refusal = (fn: () => unknown): ApiError => {
  try {
    fn();
  } catch (err) {
    return err as ApiError;
  }
  throw new Error('not refused');
};
const signal = () => new AbortController().signal;

describe('upload caps', () => {
  it('at most 8 pending per session and 64 in all; taking one frees a place', async () => {
    expect([MAX_PENDING_UPLOADS_PER_SESSION, MAX_PENDING_UPLOADS]).toEqual([8, 64]);
    const reg = new UploadRegistry();
    const ids = Array.from({ length: 8 }, (_, i) => reg.create('s1', `f${i}.tar`, 1));
    const err = refusal(() => reg.create('s1', 'one-too-many.tar', 1));
    expect(err).toMatchObject({ code: 'CONFLICT', details: { kind: 'tooManyUploads', limit: '8' } });
    // Another session still may; an upload taken by an operation no longer counts.
    expect(reg.create('s2', 'a.tar', 1)).toMatch(/^[0-9a-f-]{36}$/);
    void reg.take(ids[0] as string, 's1', signal()).catch(() => {});
    expect(reg.create('s1', 'now.tar', 1)).toMatch(/^[0-9a-f-]{36}$/);

    const all = new UploadRegistry();
    for (let s = 0; s < 8; s++) for (let i = 0; i < 8; i++) all.create(`s${s}`, 'x.tar', 1);
    expect(refusal(() => all.create('s-new', 'x.tar', 1))).toMatchObject({
      code: 'CONFLICT',
      details: { kind: 'tooManyUploads', limit: '64' },
    });
  });

  it('an unused upload expires (60 s by default), and a body waiting for it is cut', async () => {
    const reg = new UploadRegistry(30);
    const id = reg.create('s1', 'a.tar', 1);
    const body = new PassThrough();
    reg.attach(id, body);
    await new Promise((r) => setTimeout(r, 80));
    expect(reg.has(id)).toBe(false);
    expect(body.destroyed).toBe(true);
    await expect(reg.take(id, 's1', signal())).rejects.toMatchObject({ code: 'NOT_FOUND' });
    // Expired ones free their places.
    for (let i = 0; i < 8; i++) reg.create('s1', 'x.tar', 1);
    await new Promise((r) => setTimeout(r, 80));
    expect(reg.create('s1', 'x.tar', 1)).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('a taken upload does not expire under its operation', async () => {
    const reg = new UploadRegistry(30);
    const id = reg.create('s1', 'a.tar', 1);
    const taken = reg.take(id, 's1', signal());
    await new Promise((r) => setTimeout(r, 80));
    const body = new PassThrough();
    expect(reg.attach(id, body)).toBe(true);
    expect((await taken).body).toBe(body);
  });
});

describe('download caps', () => {
  it('at most 8 pending per session and 64 in all; a fetched or taken one frees a place', () => {
    expect([MAX_PENDING_DOWNLOADS_PER_SESSION, MAX_PENDING_DOWNLOADS]).toEqual([8, 64]);
    const reg = new DownloadRegistry();
    const ids = Array.from({ length: 8 }, () => reg.create('s1', 'x.tar'));
    expect(refusal(() => reg.create('s1', 'x.tar'))).toMatchObject({
      code: 'CONFLICT',
      details: { kind: 'tooManyDownloads', limit: '8' },
    });
    expect(reg.create('s2', 'x.tar')).toMatch(/^[0-9a-f-]{36}$/);
    void reg.take(ids[0] as string, 's1', signal()).catch(() => {});
    expect(reg.create('s1', 'x.tar')).toMatch(/^[0-9a-f-]{36}$/);

    const all = new DownloadRegistry();
    for (let s = 0; s < 8; s++) for (let i = 0; i < 8; i++) all.create(`s${s}`, 'x.tar');
    expect(refusal(() => all.create('s-new', 'x.tar'))).toMatchObject({
      code: 'CONFLICT',
      details: { kind: 'tooManyDownloads', limit: '64' },
    });
  });
});

describe('the refusal, as the user reads it', () => {
  const i18n = i18next.createInstance();
  beforeAll(async () => {
    await i18n.init({
      resources: { en: { translation: en }, 'zh-CN': { translation: zhCN } },
      lng: 'en',
      fallbackLng: 'en',
      interpolation: { escapeValue: false },
    });
  });

  it('names the limit, in English and Chinese', async () => {
    const up = refusal(() => {
      const reg = new UploadRegistry();
      for (let i = 0; i < 9; i++) reg.create('s', 'x.tar', 1);
    }).toJSON();
    const down = refusal(() => {
      const reg = new DownloadRegistry();
      for (let i = 0; i < 9; i++) reg.create('s', 'x.tar');
    }).toJSON();
    await i18n.changeLanguage('en');
    expect(errorSentence(i18n, up)).toEqual({
      text: 'Too many files are waiting to upload (8 at most). Wait for one to finish, then try again.',
      specific: true,
    });
    expect(errorSentence(i18n, down).text).toBe(
      'Too many downloads are waiting to start (8 at most). Wait for one to start, then try again.',
    );
    await i18n.changeLanguage('zh-CN');
    expect(errorSentence(i18n, up).text).toBe('等待上传的文件太多（最多 8 个）。请等其中一个完成后再试。');
    expect(errorSentence(i18n, down).text).toBe('等待开始的下载太多（最多 8 个）。请等其中一个开始后再试。');
  });
});

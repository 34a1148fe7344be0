import { mkdtempSync, rmSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { contentDisposition, DownloadRegistry } from '../../electron/api/downloads';
import { partialPathFor } from '../../electron/engine/archives/atomicFile';
import { urlRefusal } from '../../electron/engine/archives/import';
import { toApiError } from '../../electron/engine/errors';
import { fileError } from '../../electron/engine/files/kinds';
import { checkInsideRoots } from '../../electron/engine/files/roots';
import { ApiError } from '../../shared/contract/errors';
import { archiveMethods } from '../../shared/contract/methods/archives';
import { isAbsolutePathOn } from '../../shared/contract/absolutePath';
import { AbsolutePath } from '../../shared/contract/schemas';

describe('absolute paths, as the main side’s platform reads them', () => {
  it('C:\\x.tar and \\\\srv\\x.tar are relative names on Linux', () => {
    expect(AbsolutePath.safeParse('C:\\x.tar').success).toBe(process.platform === 'win32');
    expect(AbsolutePath.safeParse('\\\\srv\\share\\x.tar').success).toBe(process.platform === 'win32');
    expect(isAbsolutePathOn('C:\\x.tar', 'linux')).toBe(false);
    expect(isAbsolutePathOn('\\\\srv\\share\\x.tar', 'linux')).toBe(false);
    expect(isAbsolutePathOn('/home/a/x.tar', 'linux')).toBe(true);
  });

  it('on Windows, drive and UNC paths are absolute and a bare / is not', () => {
    expect(isAbsolutePathOn('C:\\x.tar', 'win32')).toBe(true);
    expect(isAbsolutePathOn('\\\\srv\\share\\x.tar', 'win32')).toBe(true);
    expect(isAbsolutePathOn('\\\\srv', 'win32')).toBe(false);
  });

  it('a NUL byte is never a path', () => {
    expect(AbsolutePath.safeParse('/tmp/x\0.tar').success).toBe(false);
  });
});

describe('save and export take exactly one target', () => {
  const save = archiveMethods['images.save'].args;
  it('path or download, not both, not neither', () => {
    const download = '6f1c2a5e-8d7b-4c3a-9e2f-1a2b3c4d5e6f';
    expect(save.safeParse({ references: ['a'], path: '/tmp/a.tar' }).success).toBe(true);
    expect(save.safeParse({ references: ['a'], download }).success).toBe(true);
    expect(save.safeParse({ references: ['a'], path: '/tmp/a.tar', download }).success).toBe(false);
    expect(save.safeParse({ references: ['a'] }).success).toBe(false);
  });
  it('a download name has no folders', () => {
    const create = archiveMethods['downloads.create'].args;
    expect(create.safeParse({ name: 'a.tar' }).success).toBe(true);
    expect(create.safeParse({ name: '../a.tar' }).success).toBe(false);
    expect(create.safeParse({ name: 'a\\b.tar' }).success).toBe(false);
  });
});

describe('temporary file names', () => {
  it('are new each time, in the target’s folder, ending in .partial', () => {
    const a = partialPathFor('/data/x.tar');
    const b = partialPathFor('/data/x.tar');
    expect(a).not.toBe(b);
    expect(dirname(a)).toBe('/data');
    expect(a).toMatch(/^\/data\/x\.tar\.[0-9a-f]{12}\.partial$/);
  });
});

describe('sentences for file and engine failures', () => {
  it('an unreadable file, a missing folder, a read-only disk', () => {
    const eacces = Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' });
    expect(fileError(eacces, '/a/x.tar', 'read')).toMatchObject({
      code: 'PERMISSION_DENIED',
      details: { path: '/a/x.tar', kind: 'read' },
    });
    const enoent = Object.assign(new Error('ENOENT'), { code: 'ENOENT' });
    expect(fileError(enoent, '/no/such', 'write')).toMatchObject({
      code: 'NOT_FOUND',
      message: 'The folder /no/such does not exist',
      details: { kind: 'folder' },
    });
    expect(fileError(Object.assign(new Error('EROFS'), { code: 'EROFS' }), '/ro', 'write')).toMatchObject({
      code: 'PERMISSION_DENIED',
      details: { kind: 'readOnly' },
    });
  });

  it('no socket file at the engine’s address means the engine is down, not a Lading bug', () => {
    const err = Object.assign(new Error('connect ENOENT /run/docker.sock'), { code: 'ENOENT', syscall: 'connect' });
    expect(toApiError(err).code).toBe('ENGINE_UNREACHABLE');
    const refused = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED', syscall: 'connect' });
    expect(toApiError(refused).code).toBe('ENGINE_UNREACHABLE');
  });

  it('an import URL’s refusal: the status and URL, never the page', () => {
    const said =
      'failed to GET http://h:1/x.tar with status 404 Not Found: <html><body><h1>Not Found</h1></body></html>';
    expect(urlRefusal(said)).toMatchObject({
      code: 'NOT_FOUND',
      message: 'The server answered 404 Not Found for http://h:1/x.tar',
      details: { kind: 'url', url: 'http://h:1/x.tar', status: '404 Not Found' },
    });
    expect(urlRefusal('failed to GET http://h/x with status 503 Service Unavailable: <p>busy</p>')).toMatchObject({
      code: 'ENGINE_ERROR',
      details: { status: '503 Service Unavailable' },
    });
    expect(
      urlRefusal('Get "http://127.0.0.1:1/x.tar": dial tcp 127.0.0.1:1: connect: connection refused'),
    ).toMatchObject({
      code: 'ENGINE_ERROR',
      details: { kind: 'urlUnreachable', url: 'http://127.0.0.1:1/x.tar', reason: 'connection refused' },
    });
    expect(urlRefusal('no space left on device')).toBeNull();
  });
});

describe('files roots', () => {
  const root = mkdtempSync(join(tmpdir(), 'lading-unit-root-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('no roots: any path (the desktop app)', async () => {
    await expect(checkInsideRoots('/etc/passwd', undefined, 'read')).resolves.toBeUndefined();
  });

  it('inside passes; outside, .. and a prefix look-alike are refused', async () => {
    await expect(checkInsideRoots(join(root, 'a.tar'), [root], 'write')).resolves.toBeUndefined();
    for (const path of ['/etc/passwd', `${root}/../a.tar`, `${root}-other/a.tar`]) {
      await expect(checkInsideRoots(path, [root], 'read')).rejects.toMatchObject({
        code: 'PERMISSION_DENIED',
        details: { kind: 'outsideRoots' },
      });
    }
  });
});

describe('downloads', () => {
  const fakeResponse = () => {
    const res = new PassThrough() as unknown as ServerResponse & { status?: number };
    Object.assign(res, {
      headersSent: false,
      writeHead(status: number) {
        res.status = status;
        (res as { headersSent: boolean }).headersSent = true;
        return res;
      },
    });
    return res;
  };

  it('the operation may take it before or after the browser fetches it, once', async () => {
    const downloads = new DownloadRegistry();
    const signal = new AbortController().signal;
    const early = downloads.create('s1', 'a.tar');
    const waiting = downloads.take(early, 's1', signal);
    downloads.attach(early, fakeResponse());
    expect((await waiting).name).toBe('a.tar');
    await expect(downloads.take(early, 's1', signal)).rejects.toBeInstanceOf(ApiError);

    const late = downloads.create('s1', 'b.tar');
    const res = fakeResponse();
    expect(downloads.attach(late, res)).toBe(true);
    expect(downloads.attach(late, fakeResponse())).toBe(false);
    const sink = await downloads.take(late, 's1', signal);
    sink.begin();
    expect(res.status).toBe(200);
  });

  it('only the session that created it may take it; a cancel while waiting rejects', async () => {
    const downloads = new DownloadRegistry();
    const id = downloads.create('s1', 'a.tar');
    await expect(downloads.take(id, 's2', new AbortController().signal)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const ctl = new AbortController();
    const waiting = downloads.take(id, 's1', ctl.signal);
    ctl.abort();
    await expect(waiting).rejects.toMatchObject({ code: 'CANCELLED' });
  });

  it('an operation waiting for a browser that never fetches gets a sentence, not a hang', async () => {
    vi.useFakeTimers();
    try {
      const downloads = new DownloadRegistry();
      const id = downloads.create('s1', 'a.tar');
      const waiting = downloads.take(id, 's1', new AbortController().signal);
      const settled = expect(waiting).rejects.toMatchObject({ code: 'NOT_FOUND', details: { kind: 'download' } });
      await vi.advanceTimersByTimeAsync(61_000);
      await settled;
    } finally {
      vi.useRealTimers();
    }
  });

  it('Content-Disposition keeps a non-ASCII name and cannot be broken by quotes', () => {
    expect(contentDisposition('镜像 "a".tar')).toBe(
      `attachment; filename="__ _a_.tar"; filename*=UTF-8''${encodeURIComponent('镜像 "a".tar')}`,
    );
  });
});

import { describe, expect, it } from 'vitest';
import { toApiError } from '../../electron/engine/errors';
import { ApiError, isApiErrorData } from '../../shared/contract/errors';

describe('toApiError', () => {
  it('maps an engine 404 to NOT_FOUND with the engine’s own message', () => {
    const err = Object.assign(new Error('(HTTP code 404) no such image'), {
      statusCode: 404,
      json: { message: 'No such image: nope:1' },
    });
    const e = toApiError(err, { reference: 'nope:1' });
    expect(e.code).toBe('NOT_FOUND');
    expect(e.message).toBe('No such image: nope:1');
    expect(e.details).toMatchObject({ reference: 'nope:1', statusCode: 404 });
  });

  it('maps a refused socket to ENGINE_UNREACHABLE and a full disk to DISK_FULL', () => {
    expect(toApiError(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' })).code).toBe(
      'ENGINE_UNREACHABLE',
    );
    expect(toApiError(Object.assign(new Error('no space left on device'), { code: 'ENOSPC' })).code).toBe('DISK_FULL');
  });

  it('maps an engine 409 to CONFLICT and an abort to CANCELLED', () => {
    expect(toApiError(Object.assign(new Error('conflict'), { statusCode: 409 })).code).toBe('CONFLICT');
    const abort = new Error('aborted');
    abort.name = 'AbortError';
    expect(toApiError(abort).code).toBe('CANCELLED');
  });

  it('survives a round trip through JSON', () => {
    const e = new ApiError('FILE_EXISTS', '/tmp/x.tar already exists', { path: '/tmp/x.tar' });
    const wire: unknown = JSON.parse(JSON.stringify(e));
    expect(isApiErrorData(wire)).toBe(true);
    expect(ApiError.from(wire as ApiError)).toMatchObject({ code: 'FILE_EXISTS', details: { path: '/tmp/x.tar' } });
  });
});

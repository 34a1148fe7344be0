import { ApiError, type ErrorCode } from '../../shared/contract/errors';

/** What dockerode (docker-modem) and Node put on the errors they throw. */
interface EngineErrorShape {
  name?: string;
  code?: string;
  syscall?: string;
  statusCode?: number;
  reason?: string;
  json?: { message?: string } | string | null;
  message?: string;
}

const byStatus: Record<number, ErrorCode> = {
  400: 'INVALID_ARGUMENT',
  401: 'UNAUTHORIZED',
  403: 'UNAUTHORIZED',
  404: 'NOT_FOUND',
  409: 'CONFLICT',
};

const byErrno: Record<string, ErrorCode> = {
  ECONNREFUSED: 'ENGINE_UNREACHABLE',
  ECONNRESET: 'ENGINE_UNREACHABLE',
  EPIPE: 'ENGINE_UNREACHABLE',
  ENOTFOUND: 'ENGINE_UNREACHABLE',
  ETIMEDOUT: 'ENGINE_UNREACHABLE',
  EHOSTUNREACH: 'ENGINE_UNREACHABLE',
  ENOSPC: 'DISK_FULL',
  EDQUOT: 'DISK_FULL',
  EACCES: 'PERMISSION_DENIED',
  EPERM: 'PERMISSION_DENIED',
  EROFS: 'PERMISSION_DENIED',
  EEXIST: 'FILE_EXISTS',
  ABORT_ERR: 'CANCELLED',
};

/** The engine's own sentence: its JSON `message` when it sent one. */
export const engineMessage = (err: EngineErrorShape): string => {
  if (err.json && typeof err.json === 'object' && typeof err.json.message === 'string') {
    return err.json.message;
  }
  if (typeof err.json === 'string' && err.json.trim()) return err.json.trim();
  return err.message ?? String(err);
};

/**
 * Maps whatever the engine layer threw to a typed ApiError. `context` names
 * the object involved (an image reference, a path) for the details.
 */
export const toApiError = (err: unknown, context?: Record<string, unknown>): ApiError => {
  if (err instanceof ApiError) return err;
  const e = (typeof err === 'object' && err !== null ? err : { message: String(err) }) as EngineErrorShape;
  if (e.name === 'AbortError') return new ApiError('CANCELLED', 'Cancelled', context);
  // No socket file at the engine's address (ENOENT/ENOTDIR on connect): the engine is not running.
  const engineGone = e.syscall === 'connect' && (e.code === 'ENOENT' || e.code === 'ENOTDIR');
  const code =
    (engineGone ? 'ENGINE_UNREACHABLE' : undefined) ??
    (e.code !== undefined ? byErrno[e.code] : undefined) ??
    (e.statusCode !== undefined ? byStatus[e.statusCode] : undefined) ??
    (e.statusCode !== undefined ? 'ENGINE_ERROR' : 'INTERNAL');
  const details: Record<string, unknown> = { ...context };
  if (e.statusCode !== undefined) details.statusCode = e.statusCode;
  if (e.code !== undefined) details.errno = e.code;
  // The engine connection never follows redirects (noRedirects.ts): say so instead of the modem's empty "unexpected".
  if (e.statusCode !== undefined && e.statusCode >= 300 && e.statusCode < 400) {
    return new ApiError(
      'ENGINE_ERROR',
      `the engine answered with a redirect (HTTP ${e.statusCode}), not followed`,
      details,
    );
  }
  return new ApiError(code, engineMessage(e), Object.keys(details).length ? details : undefined);
};

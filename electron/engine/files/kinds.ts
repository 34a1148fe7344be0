import type { Stats } from 'node:fs';
import { ApiError } from '../../../shared/contract/errors';

/** What sits at a path that is not a regular file. The UI says it in words (errors.NOT_A_FILE_<kind>). */
export type NotAFileKind = 'folder' | 'fifo' | 'socket' | 'device' | 'other';

export const kindOf = (s: Stats): NotAFileKind =>
  s.isDirectory()
    ? 'folder'
    : s.isFIFO()
      ? 'fifo'
      : s.isSocket()
        ? 'socket'
        : s.isCharacterDevice() || s.isBlockDevice()
          ? 'device'
          : 'other';

const KIND_WORDS: Record<NotAFileKind, string> = {
  folder: 'a folder',
  fifo: 'a named pipe',
  socket: 'a socket',
  device: 'a device',
  other: 'not a regular file',
};

export const notAFile = (path: string, kind: NotAFileKind): ApiError =>
  new ApiError('NOT_A_FILE', `${path} is ${KIND_WORDS[kind]}, not a file`, { path, kind });

/**
 * A file-system error on `path`, as a sentence a person understands: a
 * missing file, a missing folder, no permission. `role` says whether the
 * path was to be read (a file) or written (its folder must exist).
 */
export const fileError = (err: unknown, path: string, role: 'read' | 'write'): ApiError => {
  if (err instanceof ApiError) return err;
  const code = (err as { code?: string } | null)?.code;
  const raw = err instanceof Error ? err.message : String(err);
  switch (code) {
    case 'ENOENT':
    case 'ENOTDIR':
      return role === 'read'
        ? new ApiError('NOT_FOUND', `There is no file at ${path}`, { path, kind: 'file', errno: code })
        : new ApiError('NOT_FOUND', `The folder ${path} does not exist`, { path, kind: 'folder', errno: code });
    case 'EISDIR':
      return notAFile(path, 'folder');
    case 'ENXIO':
      return notAFile(path, 'socket');
    case 'ELOOP':
      return notAFile(path, 'other');
    case 'EACCES':
    case 'EPERM':
      return new ApiError('PERMISSION_DENIED', `No permission to ${role} ${path}`, { path, kind: role, errno: code });
    case 'EROFS':
      return new ApiError('PERMISSION_DENIED', `${path} is on a read-only file system`, {
        path,
        kind: 'readOnly',
        errno: code,
      });
    case 'ENOSPC':
    case 'EDQUOT':
      return new ApiError('DISK_FULL', raw, { path, errno: code });
    case 'EEXIST':
      return new ApiError('FILE_EXISTS', `${path} already exists`, { path, errno: code });
    default:
      return new ApiError('INTERNAL', raw, { path, ...(code ? { errno: code } : {}) });
  }
};

import { constants } from 'node:fs';
import { open, stat, type FileHandle } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { fileError, kindOf, notAFile } from './kinds';

// O_NONBLOCK: opening a FIFO must never wait for a writer (it would hold a
// libuv thread; four such opens stall every other file operation).
// O_NOCTTY: a terminal device never becomes our controlling terminal.
// Both are 0 where the platform lacks them (Windows).
const READ_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | (constants.O_NOCTTY ?? 0);

/**
 * Opens `path` for reading only if it is a regular file the user can read.
 * A folder, a named pipe, a socket or a device is refused by name before
 * anything is read; the opened descriptor is checked again (fstat) so a
 * file swapped for a pipe after the first look is refused too. The stream
 * has its error listener attached by the caller's pipeline; until then it
 * is paused and reads nothing.
 */
export const openRegularFile = async (
  path: string,
  highWaterMark = 256 * 1024,
): Promise<{ stream: Readable; size: number }> => {
  const { handle, size } = await openRegularFileHandle(path);
  return { stream: handle.createReadStream({ highWaterMark }), size };
};

/** openRegularFile's checks, and the open file itself (the caller closes it). */
export const openRegularFileHandle = async (path: string): Promise<{ handle: FileHandle; size: number }> => {
  let before;
  try {
    before = await stat(path);
  } catch (err) {
    throw fileError(err, path, 'read');
  }
  if (!before.isFile()) throw notAFile(path, kindOf(before));
  let handle;
  try {
    handle = await open(path, READ_FLAGS);
  } catch (err) {
    throw fileError(err, path, 'read');
  }
  const info = await handle.stat();
  if (!info.isFile()) {
    await handle.close();
    throw notAFile(path, kindOf(info));
  }
  return { handle, size: info.size };
};

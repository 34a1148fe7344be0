import { realpath } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { ApiError } from '../../../shared/contract/errors';
import { fileError } from './kinds';

const inside = (path: string, root: string): boolean => {
  const rel = relative(root, path);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
};

const outside = (path: string, roots: readonly string[]): ApiError =>
  new ApiError('PERMISSION_DENIED', `${path} is outside the folders this server may use (${roots.join(', ')})`, {
    path,
    kind: 'outsideRoots',
    roots: roots.join(', '),
  });

/**
 * Serve mode: server-side paths only inside the configured files roots
 * (`--files-root`). `roots` undefined means anywhere (the desktop app: the
 * user picked the path). The path is checked as written first (so nothing
 * is revealed about files outside), then with links resolved (so a link
 * inside a root cannot lead out of it). For a write, the folder is
 * resolved; the name itself is replaced by the final rename, never followed.
 */
export const checkInsideRoots = async (
  path: string,
  roots: readonly string[] | undefined,
  role: 'read' | 'write',
): Promise<void> => {
  if (!roots) return;
  const plain = resolve(path);
  if (!roots.some((r) => inside(plain, resolve(r)))) throw outside(path, roots);
  const realRoots = await Promise.all(roots.map((r) => realpath(r).catch(() => resolve(r))));
  let real: string;
  try {
    real = role === 'read' ? await realpath(plain) : join(await realpath(dirname(plain)), basename(plain));
  } catch (err) {
    throw fileError(err, role === 'read' ? path : dirname(path), role);
  }
  if (!realRoots.some((r) => inside(real, r))) throw outside(path, roots);
};

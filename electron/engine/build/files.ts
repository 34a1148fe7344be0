import { Readable } from 'node:stream';
import { opendir, readFile, stat } from 'node:fs/promises';
import { dirname, join, relative, resolve, isAbsolute } from 'node:path';
import { ApiError } from '../../../shared/contract/errors';
import { MAX_DOCKERFILE_BYTES, type FolderListing } from '../../../shared/contract/methods/build';
import { writeAtomically } from '../archives/atomicFile';
import { fileError, kindOf, notAFile } from '../files/kinds';

/** Entries a folder listing shows at most (a folder of 100,000 files stays usable). */
const MAX_ENTRIES = 2000;

/** Reads a Dockerfile for the editor; a missing one opens empty (the user is about to write it). */
export const readDockerfile = async (path: string): Promise<{ path: string; text: string; exists: boolean }> => {
  let s;
  try {
    s = await stat(path);
  } catch (err) {
    if ((err as { code?: string }).code === 'ENOENT') return { path, text: '', exists: false };
    throw fileError(err, path, 'read');
  }
  if (!s.isFile()) throw notAFile(path, kindOf(s));
  if (s.size > MAX_DOCKERFILE_BYTES) {
    throw new ApiError('INVALID_ARGUMENT', `${path} is too big for a Dockerfile`, { path, kind: 'dockerfileTooBig' });
  }
  try {
    return { path, text: await readFile(path, 'utf8'), exists: true };
  } catch (err) {
    throw fileError(err, path, 'read');
  }
};

/** Saves the editor's text: a new temporary file beside it, renamed over the old one. */
export const saveDockerfile = async (path: string, text: string): Promise<{ path: string; bytes: number }> => {
  try {
    const s = await stat(path);
    if (!s.isFile()) throw notAFile(path, kindOf(s));
  } catch (err) {
    if (err instanceof ApiError) throw err;
    if ((err as { code?: string }).code !== 'ENOENT') throw fileError(err, path, 'write');
  }
  try {
    const d = await stat(dirname(path));
    if (!d.isDirectory()) throw new Error('not a folder');
  } catch (err) {
    throw fileError(err, dirname(path), 'write');
  }
  const bytes = Buffer.from(text, 'utf8');
  await writeAtomically(async () => Readable.from([bytes]), [], path, new AbortController().signal);
  return { path, bytes: bytes.length };
};

const inside = (path: string, root: string) => {
  const rel = relative(root, path);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
};

/**
 * One folder's entries for the folder picker, folders first. With files
 * roots (serve mode), only folders inside them; no path lists the first root.
 */
export const listFolder = async (
  path: string | undefined,
  roots: readonly string[] | undefined,
  home: string,
): Promise<FolderListing> => {
  const folder = resolve(path ?? roots?.[0] ?? home);
  const root = roots?.map((r) => resolve(r)).find((r) => inside(folder, r));
  const entries: FolderListing['entries'] = [];
  let truncated = false;
  try {
    const dir = await opendir(folder);
    for await (const d of dir) {
      if (entries.length >= MAX_ENTRIES) {
        truncated = true;
        break;
      }
      let kind: 'folder' | 'file' | 'link' = d.isDirectory() ? 'folder' : d.isSymbolicLink() ? 'link' : 'file';
      if (kind === 'link') {
        // A link to a folder can be opened like one (the roots check applies when it is).
        const target = await stat(join(folder, d.name)).catch(() => null);
        if (target?.isDirectory()) kind = 'folder';
      }
      entries.push({ name: d.name, kind });
    }
  } catch (err) {
    throw fileError(err, folder, 'read');
  }
  entries.sort((a, b) =>
    a.kind === b.kind ? a.name.localeCompare(b.name) : a.kind === 'folder' ? -1 : b.kind === 'folder' ? 1 : 0,
  );
  const parent = dirname(folder);
  const parentAllowed = parent !== folder && (root === undefined ? roots === undefined : inside(parent, root));
  return {
    path: folder,
    parent: parentAllowed ? parent : null,
    roots: roots ? roots.map((r) => resolve(r)) : null,
    entries,
    truncated,
  };
};

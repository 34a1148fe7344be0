import {
  HUGE_BYTES,
  HUGE_FILES,
  contextRules,
  largestTop,
  walkDecision,
  walkOrder,
} from '../../../../shared/build/contextRules';
import { MAX_DOCKERFILE_BYTES, type ContextSummary } from '../../../../shared/contract/methods/build';

/**
 * A folder the user dropped on the window or picked with the folder input,
 * read in the browser: its files (File objects, not yet read) and folders,
 * with paths relative to it.
 */
export interface PickedFolder {
  name: string;
  files: { rel: string; file: File }[];
  /** Every folder inside it (an empty one too, when the browser tells). */
  folders: string[];
}

/**
 * From `<input type=file webkitdirectory>`: each File's webkitRelativePath
 * is `top/sub/name`; the top folder is the one picked. Null when the list
 * is empty (an empty folder gives no files) or not from one folder.
 */
/** File.webkitRelativePath (a DOM-only property; unit tests run this under Node's File). */
const relativePath = (file: File): string => (file as File & { webkitRelativePath?: string }).webkitRelativePath ?? '';

export const fromFileList = (list: readonly File[]): PickedFolder | null => {
  const first = list[0] ? relativePath(list[0]).split('/')[0] : undefined;
  if (!first) return null;
  const files: PickedFolder['files'] = [];
  const folders = new Set<string>();
  for (const file of list) {
    const parts = relativePath(file).split('/');
    if (parts[0] !== first || parts.length < 2) return null;
    const rel = parts.slice(1).join('/');
    files.push({ rel, file });
    for (let i = 2; i < parts.length; i++) folders.add(parts.slice(1, i).join('/'));
  }
  return { name: first, files, folders: [...folders] };
};

/** What the File and Directory Entries API gives for a drop (the parts used here, so tests can pass their own). */
export interface EntryLike {
  name: string;
  isFile: boolean;
  isDirectory: boolean;
}
export interface FileEntryLike extends EntryLike {
  file(ok: (f: File) => void, fail: (e: unknown) => void): void;
}
export interface DirectoryEntryLike extends EntryLike {
  createReader(): { readEntries(ok: (entries: EntryLike[]) => void, fail: (e: unknown) => void): void };
}

const isDirectory = (e: EntryLike): e is DirectoryEntryLike => e.isDirectory;
const isFile = (e: EntryLike): e is FileEntryLike => e.isFile;

/** All children of a directory entry: readEntries answers in batches (Chromium: 100) until an empty one. */
const childrenOf = async (dir: DirectoryEntryLike): Promise<EntryLike[]> => {
  const reader = dir.createReader();
  const all: EntryLike[] = [];
  for (;;) {
    const batch = await new Promise<EntryLike[]>((ok, fail) => reader.readEntries(ok, fail));
    if (batch.length === 0) return all;
    all.push(...batch);
  }
};

/**
 * From a drop: the dropped item's entry (`DataTransferItem.webkitGetAsEntry()`),
 * walked recursively. Null when it is not a folder.
 */
export const fromEntry = async (root: EntryLike | null): Promise<PickedFolder | null> => {
  if (!root || !isDirectory(root)) return null;
  const files: PickedFolder['files'] = [];
  const folders: string[] = [];
  const walk = async (dir: DirectoryEntryLike, prefix: string): Promise<void> => {
    for (const child of await childrenOf(dir)) {
      const rel = prefix ? `${prefix}/${child.name}` : child.name;
      if (isDirectory(child)) {
        folders.push(rel);
        await walk(child, rel);
      } else if (isFile(child)) {
        files.push({ rel, file: await new Promise<File>((ok, fail) => child.file(ok, fail)) });
      }
    }
  };
  await walk(root, '');
  return { name: root.name, files, folders };
};

/** One thing the tar carries, in the order the CLI's walk sends it. */
export type TarItem = { rel: string; kind: 'folder' } | { rel: string; kind: 'file'; content: Blob };

export interface FolderPlan {
  items: TarItem[];
  summary: ContextSummary;
}

/**
 * What the build sends from a picked folder: `.dockerignore` applied by the
 * same rules as a folder on the server (shared/build/contextRules.ts),
 * names in the CLI's order, the Dockerfile at `dockerfile` (`-f`, relative
 * to the folder) always sent, its content replaced by `dockerfileText`
 * (the editor's) when given.
 */
export const planFolder = async (
  folder: PickedFolder,
  dockerfile: string,
  dockerfileText?: string,
): Promise<FolderPlan> => {
  const byRel = new Map(folder.files.map((f) => [f.rel, f.file]));
  const ignoreFile = byRel.get('.dockerignore');
  const rules = contextRules(ignoreFile ? await ignoreFile.text() : null, dockerfile);
  const substitute = dockerfileText === undefined ? undefined : new Blob([dockerfileText]);

  // Children of each folder ('' is the top), files and folders together.
  const children = new Map<string, Map<string, 'file' | 'folder'>>();
  const add = (rel: string, kind: 'file' | 'folder') => {
    const cut = rel.lastIndexOf('/');
    const parent = cut < 0 ? '' : rel.slice(0, cut);
    let set = children.get(parent);
    if (!set) children.set(parent, (set = new Map()));
    set.set(cut < 0 ? rel : rel.slice(cut + 1), kind);
  };
  for (const rel of folder.folders) add(rel, 'folder');
  for (const f of folder.files) add(f.rel, 'file');
  if (substitute && !byRel.has(dockerfile)) add(dockerfile, 'file');

  const items: TarItem[] = [];
  let ignored = 0;
  let bytes = 0;
  let folders = 0;
  const byTop = new Map<string, number>();
  const walk = (dir: string) => {
    const names = [...(children.get(dir)?.keys() ?? [])].sort(walkOrder);
    for (const name of names) {
      const rel = dir ? `${dir}/${name}` : name;
      const kind = children.get(dir)?.get(name) as 'file' | 'folder';
      const decision = walkDecision(rules, rel, kind === 'folder');
      if (decision === 'skip') {
        ignored++;
        continue;
      }
      if (kind === 'folder') {
        if (decision === 'send') {
          items.push({ rel, kind });
          folders++;
        }
        walk(rel);
        continue;
      }
      const content = (rel === dockerfile ? substitute : undefined) ?? (byRel.get(rel) as File);
      items.push({ rel, kind, content });
      bytes += content.size;
      const top = rel.split('/')[0] as string;
      byTop.set(top, (byTop.get(top) ?? 0) + content.size);
    }
  };
  walk('');
  const files = items.length - folders;
  return {
    items,
    summary: {
      files,
      folders,
      links: 0,
      bytes,
      ignorePatterns: rules.patternCount,
      ignored,
      skippedSpecial: 0,
      largest: largestTop(byTop),
      dockerfileInContext: dockerfile,
      dockerfileFound: substitute !== undefined || byRel.has(dockerfile),
      huge: bytes > HUGE_BYTES || files > HUGE_FILES,
    },
  };
};

/** The Dockerfile's text for the editor, or null when the folder has none there (or it is too big to be one). */
export const readDockerfileOf = async (folder: PickedFolder, dockerfile: string): Promise<string | null> => {
  const file = folder.files.find((f) => f.rel === dockerfile)?.file;
  if (!file || file.size > MAX_DOCKERFILE_BYTES) return null;
  return file.text();
};

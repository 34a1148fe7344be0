import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import tar from 'tar-stream';
import { describe, expect, it } from 'vitest';
import {
  fromEntry,
  fromFileList,
  planFolder,
  type EntryLike,
  type PickedFolder,
} from '../../renderer/src/features/build/droppedFolder';
import { packFolder } from '../../renderer/src/features/build/folderTar';
import { HUGE_FILES } from '../../shared/build/contextRules';
import { planContext, walkContext } from '../../electron/engine/build/context';

/** A fake File System entry tree, as Chromium hands one out for a dropped folder (readEntries in batches). */
type Tree = { [name: string]: string | Tree };
const entryOf = (name: string, node: string | Tree, batch = 2): EntryLike => {
  if (typeof node === 'string') {
    return {
      name,
      isFile: true,
      isDirectory: false,
      file: (ok: (f: File) => void) => ok(new File([node], name)),
    } as EntryLike;
  }
  const children = Object.entries(node).map(([n, v]) => entryOf(n, v, batch));
  return {
    name,
    isFile: false,
    isDirectory: true,
    createReader: () => {
      let at = 0;
      return {
        readEntries: (ok: (e: EntryLike[]) => void) => {
          ok(children.slice(at, at + batch));
          at += batch;
        },
      };
    },
  } as EntryLike;
};

const folderOf = (files: Record<string, string>, folders: string[] = []): PickedFolder => ({
  name: 'app',
  files: Object.entries(files).map(([rel, text]) => ({ rel, file: new File([text], rel.split('/').at(-1) as string) })),
  folders,
});

describe('reading a dropped folder', () => {
  it('walks every batch of every folder, empty folders too', async () => {
    const root = entryOf('app', {
      Dockerfile: 'FROM x',
      'a.txt': 'a',
      'b.txt': 'b',
      src: { 'main.c': 'int main;', lib: { 'x.h': '' } },
      empty: {},
    });
    const folder = await fromEntry(root);
    expect(folder?.name).toBe('app');
    expect(folder?.files.map((f) => f.rel).sort()).toEqual([
      'Dockerfile',
      'a.txt',
      'b.txt',
      'src/lib/x.h',
      'src/main.c',
    ]);
    expect(folder?.folders.sort()).toEqual(['empty', 'src', 'src/lib']);
    expect(await folder?.files.find((f) => f.rel === 'src/main.c')?.file.text()).toBe('int main;');
  });

  it('is not a folder when a file was dropped', async () => {
    expect(await fromEntry(entryOf('Dockerfile', 'FROM x'))).toBeNull();
    expect(await fromEntry(null)).toBeNull();
  });

  it('reads a folder input by webkitRelativePath, the picked folder left out of the paths', () => {
    const file = (path: string) => {
      const f = new File(['x'], path.split('/').at(-1) as string);
      Object.defineProperty(f, 'webkitRelativePath', { value: path });
      return f;
    };
    const folder = fromFileList([file('app/Dockerfile'), file('app/src/lib/x.h')]);
    expect(folder?.name).toBe('app');
    expect(folder?.files.map((f) => f.rel)).toEqual(['Dockerfile', 'src/lib/x.h']);
    expect(folder?.folders.sort()).toEqual(['src', 'src/lib']);
    expect(fromFileList([])).toBeNull();
  });
});

describe('what a dropped folder sends', () => {
  it('applies .dockerignore as the server walk does: names in order, exceptions, the build files always sent', async () => {
    const folder = folderOf(
      {
        '.dockerignore': '# comment\nsecret.txt\nlogs\nnode_modules\n!node_modules/keep\nbuild\n',
        'build/app.Dockerfile': 'FROM x',
        'build/other.txt': 'o',
        'B.txt': 'B',
        'a.txt': 'a',
        'secret.txt': 's',
        'logs/1.log': 'l',
        'node_modules/keep/k.js': 'k',
        'node_modules/drop/d.js': 'd',
      },
      ['build', 'logs', 'node_modules', 'node_modules/keep', 'node_modules/drop'],
    );
    const plan = await planFolder(folder, 'build/app.Dockerfile');
    // node_modules is ignored but "!node_modules/keep" reaches inside: the walk goes in, sending only what it keeps.
    expect(plan.items.map((i) => `${i.kind} ${i.rel}`)).toEqual([
      'file .dockerignore',
      'file B.txt',
      'file a.txt',
      'file build/app.Dockerfile',
      'folder node_modules/keep',
      'file node_modules/keep/k.js',
    ]);
    expect(plan.summary).toMatchObject({
      files: 5,
      folders: 1,
      ignored: 4,
      ignorePatterns: 5,
      dockerfileFound: true,
      dockerfileInContext: 'build/app.Dockerfile',
      huge: false,
    });
  });

  it('sends exactly what the main side sends for the same folder on disk', async () => {
    const files: Record<string, string> = {
      '.dockerignore': '**/*.log\n!keep.log\ndocs\n!docs/README.md\n*.tmp\nDockerfile\n',
      Dockerfile: 'FROM x',
      'keep.log': 'k',
      'a.log': 'a',
      'src/x.log': 'x',
      'src/main.c': 'c',
      'docs/README.md': 'r',
      'docs/other.md': 'o',
      'z.tmp': 't',
      'Z/upper.txt': 'u',
    };
    const dir = mkdtempSync(join(tmpdir(), 'lading-unit-ctx-'));
    try {
      for (const [rel, text] of Object.entries(files)) {
        mkdirSync(dirname(join(dir, rel)), { recursive: true });
        writeFileSync(join(dir, rel), text);
      }
      const server: string[] = [];
      for await (const e of walkContext(await planContext(dir, undefined, undefined))) server.push(e.rel);
      const browser = await planFolder(folderOf(files, ['src', 'docs', 'Z']), 'Dockerfile');
      expect(browser.items.map((i) => i.rel)).toEqual(server);
      expect(server).toContain('Dockerfile');
      expect(server).not.toContain('a.log');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('warns past the huge mark, as the server summary does, and names the biggest entries', async () => {
    const empty = new File([], 'm.js'); // one File for all: Node makes them slowly
    const folder = folderOf({ Dockerfile: 'FROM x' }, ['node_modules']);
    for (let i = 0; i < HUGE_FILES; i++) folder.files.push({ rel: `node_modules/m${i}.js`, file: empty });
    const plan = await planFolder(folder, 'Dockerfile');
    expect(plan.summary).toMatchObject({ files: HUGE_FILES + 1, huge: true });
    expect(plan.summary.largest[0]?.path).toBe('Dockerfile');
    expect((await planFolder(folderOf({ Dockerfile: 'FROM x' }), 'Dockerfile')).summary.huge).toBe(false);
  }, 60_000);

  it('sends the editor text instead of the file, and counts its size', async () => {
    const plan = await planFolder(folderOf({ Dockerfile: 'FROM old' }), 'Dockerfile', 'FROM fixture/busybox:1\n');
    expect(plan.items).toHaveLength(1);
    const item = plan.items[0];
    expect(item?.kind === 'file' ? await item.content.text() : null).toBe('FROM fixture/busybox:1\n');
    expect(plan.summary.bytes).toBe(23);
  });

  it('says when the Dockerfile is missing, and adds the editor text when there is one', async () => {
    expect((await planFolder(folderOf({ 'a.txt': 'a' }), 'Dockerfile')).summary.dockerfileFound).toBe(false);
    const plan = await planFolder(folderOf({ 'a.txt': 'a' }), 'Dockerfile', 'FROM x');
    expect(plan.summary.dockerfileFound).toBe(true);
    expect(plan.items.map((i) => i.rel)).toEqual(['Dockerfile', 'a.txt']);
  });
});

describe('packing a dropped folder', () => {
  it('writes a tar the engine reads: every entry, in order, with its content', async () => {
    const big = 'x'.repeat(300_000);
    const plan = await planFolder(folderOf({ Dockerfile: 'FROM x', 'sub/big.txt': big }, ['sub']), 'Dockerfile');
    let packed = 0;
    const blob = await packFolder(plan.items, (n) => (packed = n), new AbortController().signal);
    expect(packed).toBe(6 + big.length);

    const extract = tar.extract();
    const seen: { name: string; type: string; mode: number; text: string }[] = [];
    extract.on('entry', (header, stream, next) => {
      let text = '';
      stream.on('data', (c: unknown) => (text += String(c)));
      stream.on('end', () => {
        seen.push({ name: header.name, type: header.type ?? '', mode: header.mode ?? 0, text });
        next();
      });
    });
    const done = new Promise<void>((resolve) => extract.on('finish', () => resolve()));
    extract.end(Buffer.from(await blob.arrayBuffer()));
    await done;
    expect(seen.map((e) => [e.name, e.type, e.mode.toString(8)])).toEqual([
      ['Dockerfile', 'file', '755'],
      ['sub', 'directory', '755'],
      ['sub/big.txt', 'file', '755'],
    ]);
    expect(seen[2]?.text).toBe(big);
  });

  it('stops when asked', async () => {
    const plan = await planFolder(folderOf({ Dockerfile: 'FROM x' }), 'Dockerfile');
    const abort = new AbortController();
    abort.abort();
    await expect(packFolder(plan.items, () => {}, abort.signal)).rejects.toThrow('packing stopped');
  });
});

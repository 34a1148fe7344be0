import type Docker from 'dockerode';
import { describe, expect, it } from 'vitest';
import { ImageListStore, type StoredImage } from '../../electron/engine/images/store';
import type { ImageSummary } from '../../shared/contract/models';

const id = (n: number) => `sha256:${String(n).padStart(64, '0')}`;

/** The two list calls the store makes, answering what `docker images -a` and `docker ps -a` would. */
const engineWith = (images: { Id: string; RepoTags: string[]; ParentId?: string }[]) => {
  let listCalls = 0;
  const docker = {
    listImages: async () => {
      listCalls++;
      return images.map((i) => ({
        RepoDigests: [],
        Created: 1,
        Size: 1,
        SharedSize: -1,
        Labels: {},
        ParentId: '',
        ...i,
      }));
    },
    listContainers: async () => [],
  } as unknown as Docker;
  return { docker, calls: () => listCalls };
};

const summary = (n: number, repoTags: string[]): ImageSummary => ({
  id: id(n),
  repoTags,
  repoDigests: [],
  created: 1,
  size: 1,
  sharedSize: -1,
  labels: {},
  containers: 0,
  containerNames: [],
  dangling: repoTags.length === 0,
});

describe('ImageListStore', () => {
  it('hides untagged images other images are built on, as docker images does', async () => {
    const engine = engineWith([
      { Id: id(1), RepoTags: ['base:1'] },
      { Id: id(2), RepoTags: ['<none>:<none>'], ParentId: id(1) },
      { Id: id(3), RepoTags: ['app:1'], ParentId: id(2) },
      { Id: id(4), RepoTags: ['<none>:<none>'] },
    ]);
    const store = new ImageListStore({ docker: () => engine.docker, recheck: () => {} });
    const ids = (await store.list()).map((i) => i.id).sort();
    expect(ids).toEqual([id(1), id(3), id(4)]);
  });

  it('answers from memory once warm, and turns an untag that hides a parent into a removal', async () => {
    const engine = engineWith([
      { Id: id(1), RepoTags: ['base:1'] },
      { Id: id(3), RepoTags: ['app:1'], ParentId: id(1) },
    ]);
    const store = new ImageListStore({ docker: () => engine.docker, recheck: () => {} });
    await store.list();
    await store.list();
    expect(engine.calls()).toBe(1);

    // `docker rmi base:1` while app:1 is built on it: the engine only untags it, and docker images hides it.
    const out = store.applyPatch({ upserts: [summary(1, [])], removed: [] }, new Map([[id(1), '']]));
    expect(out).toEqual({ upserts: [], removed: [id(1)] });
    expect((await store.list()).map((i) => i.id)).toEqual([id(3)]);

    // Deleting the child shows the untagged parent again.
    const after = store.applyPatch({ upserts: [], removed: [id(3)] }, new Map());
    expect(after.removed).toEqual([id(3)]);
    expect(after.upserts.map((i) => i.id)).toEqual([id(1)]);
  });

  it('hands out the same frozen list until something changes (serve mode reuses its encoded text)', async () => {
    const engine = engineWith([
      { Id: id(1), RepoTags: ['base:1'] },
      { Id: id(3), RepoTags: ['app:1'] },
    ]);
    const store = new ImageListStore({ docker: () => engine.docker, recheck: () => {} });
    const first = await store.list();
    expect(await store.list()).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
    expect(() => (first as ImageSummary[]).push(summary(9, ['x:1']))).toThrow(TypeError);

    store.applyPatch({ upserts: [summary(3, ['app:2'])], removed: [] }, new Map());
    const after = await store.list();
    expect(after).not.toBe(first);
    expect(after.map((i) => i.repoTags)).toEqual([['base:1'], ['app:2']]);
    expect(first.map((i) => i.repoTags)).toEqual([['base:1'], ['app:1']]);
  });

  it('takes a moved tag from the image that had it', async () => {
    const engine = engineWith([
      { Id: id(1), RepoTags: ['app:latest', 'app:1'] },
      { Id: id(2), RepoTags: ['app:2'] },
    ]);
    const store = new ImageListStore({ docker: () => engine.docker, recheck: () => {} });
    await store.list();
    const out = store.applyPatch({ upserts: [summary(2, ['app:2', 'app:latest'])], removed: [] }, new Map());
    expect(out.upserts.map((i) => [i.id, i.repoTags])).toEqual(
      expect.arrayContaining([
        [id(1), ['app:1']],
        [id(2), ['app:2', 'app:latest']],
      ]),
    );
  });

  it('fetches again after a change Lading made itself, so a caller reads its own write', async () => {
    const engine = engineWith([{ Id: id(1), RepoTags: ['a:1'] }]);
    const store = new ImageListStore({ docker: () => engine.docker, recheck: () => {} });
    await store.list();
    store.noteWrite();
    await store.list();
    await store.list();
    store.stop();
    expect(engine.calls()).toBe(2);
  });

  it('asks for images changed during a fetch to be inspected again', async () => {
    const engine = engineWith([{ Id: id(1), RepoTags: ['a:1'] }]);
    const rechecked: string[][] = [];
    const store = new ImageListStore({ docker: () => engine.docker, recheck: (ids) => rechecked.push(ids) });
    const loading = store.list();
    store.applyPatch({ upserts: [summary(2, ['b:1'])], removed: [] }, new Map());
    await loading;
    expect(rechecked).toEqual([[id(2)]]);
  });

  describe('the list asked for at start', () => {
    const early = (n: number, tag: string): Promise<StoredImage[] | undefined> =>
      Promise.resolve([{ summary: summary(n, [tag]), parent: '' }]);

    it('fills the store once, without asking the engine; later fills ask it', async () => {
      const engine = engineWith([{ Id: id(2), RepoTags: ['engine:1'] }]);
      const store = new ImageListStore({ docker: () => engine.docker, recheck: () => {}, first: early(1, 'early:1') });
      expect((await store.list()).flatMap((i) => i.repoTags)).toEqual(['early:1']);
      expect(engine.calls()).toBe(0);
      store.invalidate();
      expect((await store.list()).flatMap((i) => i.repoTags)).toEqual(['engine:1']);
      expect(engine.calls()).toBe(1);
    });

    it('asks the engine when the early list did not come', async () => {
      const engine = engineWith([{ Id: id(2), RepoTags: ['engine:1'] }]);
      const store = new ImageListStore({
        docker: () => engine.docker,
        recheck: () => {},
        first: Promise.resolve(undefined),
      });
      expect((await store.list()).flatMap((i) => i.repoTags)).toEqual(['engine:1']);
      expect(engine.calls()).toBe(1);
    });

    it('is dropped when the engine went away before anyone asked: events from then are not replayed', async () => {
      const engine = engineWith([{ Id: id(2), RepoTags: ['engine:1'] }]);
      const store = new ImageListStore({ docker: () => engine.docker, recheck: () => {}, first: early(1, 'early:1') });
      store.invalidate();
      expect((await store.list()).flatMap((i) => i.repoTags)).toEqual(['engine:1']);
    });
  });
});

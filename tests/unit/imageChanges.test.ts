import type Docker from 'dockerode';
import { describe, expect, it } from 'vitest';
import { ImageChangeFeed } from '../../electron/engine/images/changes';
import type { ImagesPatch } from '../../shared/contract/imageModels';

const hex = (n: number) => n.toString(16).padStart(64, '0');

/** Just enough of dockerode for the feed: an in-memory image table. */
const fakeEngine = (images: Map<string, string[]>) => {
  let inspects = 0;
  const docker = {
    listContainers: async () => [{ Id: 'c1', ImageID: `sha256:${hex(1)}`, Names: ['/web'], State: 'created' }],
    getImage: (encoded: string) => ({
      inspect: async () => {
        inspects++;
        // The engine layer hands dockerode references encoded as one path segment (electron/engine/refs.ts).
        const ref = decodeURIComponent(encoded);
        const id = ref.startsWith('sha256:') ? ref : `sha256:${ref}`;
        const tags = images.get(id);
        if (!tags) throw Object.assign(new Error('No such image'), { statusCode: 404 });
        return {
          Id: id,
          RepoTags: tags,
          Created: '2026-01-01T00:00:00Z',
          Size: 10,
          Os: 'linux',
          Architecture: 'amd64',
        };
      },
    }),
  } as unknown as Docker;
  return { docker, inspects: () => inspects };
};

const collect = (images: Map<string, string[]>, opts: { maxInspects?: number } = {}) => {
  const patches: ImagesPatch[] = [];
  let resyncs = 0;
  const engine = fakeEngine(images);
  const feed = new ImageChangeFeed({
    docker: () => engine.docker,
    onPatch: (p) => patches.push(p),
    onResync: () => resyncs++,
    windowMs: 5,
    resyncIntervalMs: 50,
    ...opts,
  });
  return { feed, patches, resyncs: () => resyncs, inspects: engine.inspects };
};

const settle = (ms = 40) => new Promise((r) => setTimeout(r, ms));

describe('ImageChangeFeed', () => {
  it('inspects each image once per window and sends it whole, with its users and platform', async () => {
    const images = new Map([[`sha256:${hex(1)}`, ['web:1', 'web:latest']]]);
    const { feed, patches, inspects } = collect(images);
    feed.image(`sha256:${hex(1)}`);
    feed.image(`sha256:${hex(1)}`);
    feed.image(`sha256:${hex(1)}`);
    await settle();
    expect(inspects()).toBe(1);
    expect(patches).toHaveLength(1);
    expect(patches[0]?.upserts[0]).toMatchObject({
      repoTags: ['web:1', 'web:latest'],
      containerNames: ['web'],
      platform: 'linux/amd64',
    });
    feed.stop();
  });

  it('reports a deleted image by its full ID (Podman sends it without "sha256:")', async () => {
    const { feed, patches } = collect(new Map());
    feed.image(hex(7));
    feed.image('busybox:latest'); // a reference that is gone says nothing about IDs
    await settle();
    expect(patches).toEqual([{ upserts: [], removed: [`sha256:${hex(7)}`] }]);
    feed.stop();
  });

  it('sends container users for every image when containers change', async () => {
    const { feed, patches } = collect(new Map());
    feed.container();
    await settle();
    expect(patches).toEqual([{ upserts: [], removed: [], containers: { [`sha256:${hex(1)}`]: ['web'] } }]);
    feed.stop();
  });

  it('turns a storm into one resync per interval instead of thousands of inspects', async () => {
    const { feed, patches, resyncs, inspects } = collect(new Map(), { maxInspects: 10 });
    for (let i = 0; i < 500; i++) feed.image(hex(i));
    await settle();
    for (let i = 500; i < 1000; i++) feed.image(hex(i));
    await settle(120);
    expect(inspects()).toBe(0);
    expect(patches).toEqual([]);
    expect(resyncs()).toBe(2);
    feed.stop();
  });
});

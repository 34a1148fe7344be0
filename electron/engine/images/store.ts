import type Docker from 'dockerode';
import type { ImagesPatch } from '../../../shared/contract/imageModels';
import type { ImageSummary } from '../../../shared/contract/models';
import { normaliseTags } from './tags';
import { groupByImage, namesOf, type ContainerRef } from './users';

/** One image as the store keeps it: what the table shows, plus its parent (for `docker images`' hiding rule). */
export interface StoredImage {
  summary: ImageSummary;
  /** The parent image ID ("" when none): the classic builder chains images. */
  parent: string;
}

export interface ImageListStoreOptions {
  docker(): Docker;
  /** Images that changed while a full fetch ran: inspect them again, so the fetch's older view is corrected. */
  recheck(ids: string[]): void;
  /**
   * The list already asked for at start (earlyList.ts), for the first fill
   * whoever asks first; undefined when it did not come, and the engine is
   * asked then.
   */
  first?: Promise<StoredImage[] | undefined>;
}

const sameSummary = (a: ImageSummary, b: ImageSummary): boolean =>
  JSON.stringify({ ...a, platform: undefined }) === JSON.stringify({ ...b, platform: undefined });

/**
 * The backend's own copy of `docker images`, built once per connection and
 * kept right by the change feed's patches, so `images.list` answers from
 * memory: a reload or a second tab shows rows without asking the engine.
 *
 * It holds every image (`all=1`) and applies the engine's rule for what
 * `docker images` shows: an image with no tag and no digest that other images
 * are built on (an intermediate build step) is hidden.
 */
export class ImageListStore {
  private images = new Map<string, StoredImage>();
  private children = new Map<string, number>();
  private warm = false;
  private loading: Promise<void> | undefined;
  /** Bumped by invalidate(): a fetch started before it must not make the store warm. */
  private epoch = 0;
  private touchedDuringLoad = new Set<string>();
  /** Lading's own engine writes so far, and how many of them the held list has seen. */
  private writes = 0;
  private writesSeen = 0;
  private refreshTimer: ReturnType<typeof setTimeout> | undefined;
  /**
   * The visible list as last handed out, frozen, until anything changes:
   * asked again unchanged (a reload, a second tab) it is the same array, so
   * serve mode sends the text it already encoded (wireText.ts).
   */
  private visible: ImageSummary[] | undefined;

  private first: Promise<StoredImage[] | undefined> | undefined;

  constructor(private readonly opts: ImageListStoreOptions) {
    this.first = opts.first;
  }

  get isWarm(): boolean {
    return this.warm;
  }

  /**
   * What `docker images` would list now. After a change Lading itself made
   * (a tag, a remove, a load…) the engine's events may still be on their
   * way, so the list is fetched again: whoever changed something and then
   * asks reads their own change.
   */
  async list(): Promise<ImageSummary[]> {
    while (!this.warm || this.writesSeen < this.writes) await this.load();
    return this.visibleList();
  }

  /** Lading sent the engine a request that may change images or containers. */
  noteWrite(): void {
    this.writes++;
    // Refill in the background once the writes pause, so the next view finds the list warm again.
    clearTimeout(this.refreshTimer);
    this.refreshTimer = setTimeout(() => void this.load().catch(() => {}), 300);
    this.refreshTimer.unref?.();
  }

  stop(): void {
    clearTimeout(this.refreshTimer);
  }

  /** Forget the list (engine reconnected, or a storm of changes): the next list() fetches. */
  invalidate(): void {
    this.warm = false;
    this.epoch++;
    this.first = undefined; // taken before the engine went away: only events replayed on that connection keep it right
  }

  /** Fetch the whole list from the engine (one fetch at a time). */
  load(): Promise<void> {
    this.loading ??= this.fetch().finally(() => {
      this.loading = undefined;
    });
    return this.loading;
  }

  /** The fetched list differs from what the store holds: for the periodic consistency check. */
  async verify(): Promise<boolean> {
    if (!this.warm || this.loading || this.writesSeen < this.writes) return true;
    const epoch = this.epoch;
    const writes = this.writes;
    const fresh = await fetchAll(this.opts.docker());
    if (epoch !== this.epoch || !this.warm || this.loading || writes !== this.writes) return true;
    const same =
      fresh.length === this.images.size &&
      fresh.every((img) => {
        const mine = this.images.get(img.summary.id);
        return mine !== undefined && mine.parent === img.parent && sameSummary(mine.summary, img.summary);
      });
    if (!same) this.replace(fresh);
    return same;
  }

  /**
   * Applies one of the feed's patches and returns the patch views should get:
   * hidden images become removals, and parents that the change shows or hides
   * are added.
   */
  applyPatch(patch: ImagesPatch, parents: ReadonlyMap<string, string>): ImagesPatch {
    this.visible = undefined;
    if (this.loading) {
      for (const img of patch.upserts) this.touchedDuringLoad.add(img.id);
      for (const id of patch.removed) this.touchedDuringLoad.add(id);
    }
    const affected = new Set<string>();
    const noteParent = (id: string) => {
      const p = this.images.get(id)?.parent;
      if (p) affected.add(p);
    };
    for (const img of patch.upserts) {
      affected.add(img.id);
      noteParent(img.id);
      const p = parents.get(img.id);
      if (p) affected.add(p);
    }
    for (const id of patch.removed) {
      affected.add(id);
      noteParent(id);
    }
    const wasVisible = new Map([...affected].map((id) => [id, this.isVisible(id)]));
    /** Images whose stored entry this patch replaced. */
    const changed = new Set<string>();

    // A tag in an upsert was moved there: the engine sends no untag for the image that lost it.
    const upserted = new Set(patch.upserts.map((img) => img.id));
    const claimed = new Set(patch.upserts.flatMap((img) => img.repoTags));
    if (claimed.size) {
      for (const [id, stored] of [...this.images]) {
        if (upserted.has(id) || !stored.summary.repoTags.some((t) => claimed.has(t))) continue;
        const repoTags = stored.summary.repoTags.filter((t) => !claimed.has(t));
        wasVisible.set(id, this.isVisible(id));
        this.put(id, { ...stored, summary: { ...stored.summary, repoTags, dangling: repoTags.length === 0 } });
        affected.add(id);
        changed.add(id);
      }
    }
    for (const id of patch.removed) this.drop(id);
    for (const img of patch.upserts) {
      const previous = this.images.get(img.id);
      const summary =
        img.platform === undefined && previous?.summary.platform !== undefined
          ? { ...img, platform: previous.summary.platform }
          : img;
      this.put(img.id, { summary, parent: parents.get(img.id) ?? previous?.parent ?? '' });
      changed.add(img.id);
    }
    if (patch.containers) {
      for (const [id, stored] of this.images) {
        const names = patch.containers[id] ?? [];
        if (names.join('\0') !== stored.summary.containerNames.join('\0')) {
          this.images.set(id, {
            ...stored,
            summary: { ...stored.summary, containerNames: names, containers: names.length },
          });
        }
      }
    }

    const out: ImagesPatch = { upserts: [], removed: [] };
    if (patch.containers) {
      out.containers = Object.fromEntries(Object.entries(patch.containers).filter(([id]) => this.isVisible(id)));
    }
    for (const id of affected) {
      const visible = this.isVisible(id);
      const stored = this.images.get(id);
      if (visible && stored && (changed.has(id) || !wasVisible.get(id))) out.upserts.push(stored.summary);
      // Views may hold an image this patch hides or deletes; a removal of one they lack is harmless.
      else if (!visible && (wasVisible.get(id) || changed.has(id) || patch.removed.includes(id))) out.removed.push(id);
    }
    return out;
  }

  private async fetch(): Promise<void> {
    const epoch = this.epoch;
    const writes = this.writes;
    this.touchedDuringLoad.clear();
    const first = this.first;
    this.first = undefined;
    const fresh = (await first) ?? (await fetchAll(this.opts.docker()));
    if (epoch !== this.epoch) return; // invalidated meanwhile: the caller's loop fetches again
    this.replace(fresh);
    this.warm = true;
    this.writesSeen = writes;
    const touched = [...this.touchedDuringLoad];
    this.touchedDuringLoad.clear();
    if (touched.length) this.opts.recheck(touched);
  }

  private replace(fresh: StoredImage[]): void {
    this.visible = undefined;
    this.images = new Map(fresh.map((img) => [img.summary.id, img]));
    this.children = new Map();
    for (const img of fresh) if (img.parent) this.children.set(img.parent, (this.children.get(img.parent) ?? 0) + 1);
  }

  private put(id: string, img: StoredImage): void {
    this.drop(id);
    this.images.set(id, img);
    if (img.parent) this.children.set(img.parent, (this.children.get(img.parent) ?? 0) + 1);
  }

  private drop(id: string): void {
    const old = this.images.get(id);
    if (!old) return;
    this.images.delete(id);
    if (old.parent) {
      const n = (this.children.get(old.parent) ?? 1) - 1;
      if (n > 0) this.children.set(old.parent, n);
      else this.children.delete(old.parent);
    }
  }

  /** `docker images` (without -a) hides untagged, undigested images that others are built on. */
  private isVisible(id: string): boolean {
    const img = this.images.get(id);
    if (!img) return false;
    const { repoTags, repoDigests } = img.summary;
    return repoTags.length > 0 || repoDigests.length > 0 || !this.children.get(id);
  }

  private visibleList(): ImageSummary[] {
    if (this.visible) return this.visible;
    const out: ImageSummary[] = [];
    for (const [id, img] of this.images) if (this.isVisible(id)) out.push(img.summary);
    // Frozen: whoever got it cannot change what the next caller gets.
    this.visible = Object.freeze(out) as ImageSummary[];
    return this.visible;
  }
}

/** Every image (`docker images -a`) with its parent, and the containers using each. */
const fetchAll = async (docker: Docker): Promise<StoredImage[]> => {
  const [images, containers] = await Promise.all([
    docker.listImages({ all: true }),
    docker.listContainers({ all: true }),
  ]);
  return storedImages(images, containers);
};

/** The engine's `/images/json?all=1` and `/containers/json?all=1` answers, as the store keeps them. */
export const storedImages = (
  images: readonly Docker.ImageInfo[],
  containers: readonly ContainerRef[],
): StoredImage[] => {
  const users = groupByImage(containers);
  return images.map((img) => {
    const repoTags = normaliseTags(img.RepoTags);
    const names = namesOf(users.get(img.Id));
    return {
      parent: img.ParentId ?? '',
      summary: {
        id: img.Id,
        repoTags,
        repoDigests: (img.RepoDigests ?? []).filter((d) => !d.startsWith('<none>@')),
        created: img.Created,
        size: img.Size,
        sharedSize: img.SharedSize ?? -1,
        labels: img.Labels ?? {},
        containers: names.length,
        containerNames: names,
        dangling: repoTags.length === 0,
      },
    };
  });
};

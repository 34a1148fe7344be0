import type Docker from 'dockerode';
import type { ImagesPatch } from '../../../shared/contract/imageModels';
import type { ImageSummary } from '../../../shared/contract/models';
import { inspectImage, summaryFromInspect, type PlatformCache } from './inspect';
import { containerUsesByImage, namesOf } from './users';

export interface ImageChangeFeedOptions {
  docker(): Docker;
  /** Few changes: the affected images' new state, and the parents of the inspected images. */
  onPatch(patch: ImagesPatch, parents: ReadonlyMap<string, string>): void;
  /** Too many at once (a 10,000-image load): views refetch the list instead. */
  onResync(): void;
  platforms?: PlatformCache;
  /** Events closer than this are handled together. */
  windowMs?: number;
  /** Above this many images in one window, a resync is cheaper than inspecting each. */
  maxInspects?: number;
  /** At most one resync per this interval during a storm. */
  resyncIntervalMs?: number;
}

const FULL_ID = /^(?:sha256:)?([0-9a-f]{64})$/;

/**
 * Turns the engine's image and container events into list patches, so the
 * table follows the terminal without refetching thousands of rows per event.
 * Each affected image is inspected once per window and sent whole.
 */
export class ImageChangeFeed {
  private refs = new Set<string>();
  private containersChanged = false;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private flushing = false;
  private lastResync = 0;
  private stopped = false;
  private readonly windowMs: number;
  private readonly maxInspects: number;
  private readonly resyncIntervalMs: number;

  constructor(private readonly opts: ImageChangeFeedOptions) {
    this.windowMs = opts.windowMs ?? 30;
    this.maxInspects = opts.maxInspects ?? 100;
    this.resyncIntervalMs = opts.resyncIntervalMs ?? 1000;
  }

  /** An image event: its Actor.ID (an image ID, or a reference for pulls). */
  image(ref: string): void {
    this.refs.add(ref);
    this.schedule(this.windowMs);
  }

  /** A container was created or destroyed: "in use" counts change. */
  container(): void {
    this.containersChanged = true;
    this.schedule(this.windowMs);
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
  }

  private schedule(delay: number): void {
    if (this.stopped || this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.flush();
    }, delay);
  }

  private async flush(): Promise<void> {
    if (this.flushing) return this.schedule(this.windowMs);
    const refs = [...this.refs];
    const containersChanged = this.containersChanged;
    if (refs.length === 0 && !containersChanged) return;

    if (refs.length > this.maxInspects) {
      const wait = this.lastResync + this.resyncIntervalMs - Date.now();
      if (wait > 0) return this.schedule(wait); // keep collecting; one resync covers them all
      this.refs.clear();
      this.containersChanged = false;
      this.lastResync = Date.now();
      this.opts.onResync();
      return;
    }

    this.refs.clear();
    this.containersChanged = false;
    this.flushing = true;
    try {
      const docker = this.opts.docker();
      const users = await containerUsesByImage(docker);
      const upserts = new Map<string, ImageSummary>();
      const parents = new Map<string, string>();
      const removed = new Set<string>();
      await Promise.all(
        refs.map(async (ref) => {
          try {
            const info = await inspectImage(docker, ref);
            const summary = summaryFromInspect(info, namesOf(users.get(info.Id)));
            this.opts.platforms?.set(info.Id, summary.platform ?? '');
            upserts.set(info.Id, summary);
            parents.set(info.Id, info.Parent ?? '');
          } catch (err) {
            const hex = FULL_ID.exec(ref)?.[1];
            if ((err as { statusCode?: number }).statusCode === 404 && hex) removed.add(`sha256:${hex}`);
          }
        }),
      );
      for (const id of upserts.keys()) removed.delete(id);
      const patch: ImagesPatch = { upserts: [...upserts.values()], removed: [...removed] };
      if (containersChanged) {
        patch.containers = Object.fromEntries([...users].map(([id, uses]) => [id, namesOf(uses)]));
      }
      if (patch.upserts.length || patch.removed.length || patch.containers) this.opts.onPatch(patch, parents);
    } catch {
      // The engine went away mid-flush; the reconnect's resync covers it.
    } finally {
      this.flushing = false;
    }
  }
}

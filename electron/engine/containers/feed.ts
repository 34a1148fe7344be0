import type Docker from 'dockerode';
import type { ContainersTopic } from '../../../shared/contract/containerModels';
import { listContainerRows, type PortBindingCache } from './containers';

export interface ContainerFeedOptions {
  docker(): Docker;
  ports: PortBindingCache;
  publish(payload: ContainersTopic): void;
  /** Events closer than this are handled together. */
  windowMs?: number;
  /** Above this many containers in one window, views refetch instead. */
  maxIds?: number;
}

/**
 * Turns the engine's container events into patches of the containers view:
 * the containers an event names are listed again (one filtered
 * `/containers/json` call per window) and sent whole; those the engine no
 * longer lists are removed.
 */
export class ContainerFeed {
  private ids = new Set<string>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private flushing = false;
  private stopped = false;

  constructor(private readonly opts: ContainerFeedOptions) {}

  changed(id: string, action = ''): void {
    this.ids.add(id);
    this.schedule();
    // At "die" the engine's list may still say running (its view is updated just after): look again.
    if (action === 'die') {
      const again = setTimeout(() => this.changed(id), 1000);
      again.unref?.();
    }
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
  }

  private schedule(): void {
    if (this.stopped || this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.flush();
    }, this.opts.windowMs ?? 50);
  }

  private async flush(): Promise<void> {
    if (this.flushing) return this.schedule();
    const ids = [...this.ids];
    this.ids.clear();
    if (!ids.length) return;
    if (ids.length > (this.opts.maxIds ?? 200)) {
      this.opts.publish({ kind: 'resync' });
      return;
    }
    this.flushing = true;
    try {
      const rows = await listContainerRows(this.opts.docker(), this.opts.ports, ids);
      const found = new Set(rows.map((r) => r.id));
      const removed = ids.filter((id) => !found.has(id) && !rows.some((r) => r.id.startsWith(id)));
      for (const id of removed) this.opts.ports.forget(id);
      this.opts.publish({ kind: 'patch', upserts: rows, removed });
    } catch {
      // The engine went away; the reconnect's resync covers it.
      this.opts.publish({ kind: 'resync' });
    } finally {
      this.flushing = false;
    }
  }
}

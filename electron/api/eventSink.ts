import type { OperationUpdate } from '../../shared/contract/events';
import type { EventMessage } from '../../shared/contract/protocol';

/** Where a session's messages go: a WebSocket, or an Electron webContents. */
export interface Outlet {
  /** Resolves when the transport has taken the message (backpressure). */
  send(message: EventMessage): Promise<void> | void;
}

interface Entry {
  message: EventMessage;
  /** Entries with a key replace an unsent entry with the same key. */
  key?: string;
}

export interface EventSinkOptions {
  /** Above this many queued image events, they are replaced by one `resync`. */
  maxQueuedImageEvents: number;
}

/**
 * The per-session outgoing queue. It never grows without bound, whatever
 * the renderer's speed:
 * - `connection` states and an operation's progress frames are coalesced
 *   (only the newest unsent one is kept);
 * - image events beyond a limit collapse into one `resync` frame;
 * - an operation's final frame is always queued and drops its unsent progress;
 * - a task's progress is coalesced per task, its outcome always queued.
 */
export class EventSink {
  private queue: Entry[] = [];
  private keyed = new Map<string, Entry>();
  private imageEvents = 0;
  private draining = false;
  private closed = false;

  constructor(
    private readonly outlet: Outlet,
    private readonly options: EventSinkOptions = { maxQueuedImageEvents: 500 },
    private readonly onError: (err: unknown) => void = () => {},
  ) {}

  get pending(): number {
    return this.queue.length;
  }

  push(message: EventMessage): void {
    if (this.closed) return;
    if (message.type === 'operation') this.pushOperation(message.update, message);
    else if (message.topic === 'connection') this.enqueueKeyed('topic:connection', message);
    else if (message.topic === 'images') this.pushImages(message);
    else if (message.topic === 'tasks') this.pushTasks(message);
    else if (message.topic === 'containers') this.pushContainers(message);
    this.drain();
  }

  close(): void {
    this.closed = true;
    this.queue = [];
    this.keyed.clear();
  }

  private pushOperation(update: OperationUpdate, message: EventMessage): void {
    const key = `op:${update.operationId}`;
    if (update.state === 'running') {
      this.enqueueKeyed(key, message);
      return;
    }
    const stale = this.keyed.get(key);
    if (stale) {
      this.keyed.delete(key);
      this.queue = this.queue.filter((e) => e !== stale);
    }
    this.queue.push({ message });
  }

  /**
   * A running task's update replaces its unsent one (newest progress only);
   * its final update, a removal or a snapshot is always queued, after
   * dropping what it supersedes.
   */
  private pushTasks(message: Extract<EventMessage, { topic: 'tasks' }>): void {
    const event = message.payload;
    if (event.kind === 'update' && event.task.state === 'running') {
      this.enqueueKeyed(`task:${event.task.id}`, message);
      return;
    }
    const stale = (id: string) => {
      const entry = this.keyed.get(`task:${id}`);
      if (!entry) return;
      this.keyed.delete(`task:${id}`);
      this.queue = this.queue.filter((e) => e !== entry);
    };
    if (event.kind === 'update') stale(event.task.id);
    else if (event.kind === 'removed') event.ids.forEach(stale);
    else {
      for (const key of [...this.keyed.keys()]) if (key.startsWith('task:')) this.keyed.delete(key);
      this.queue = this.queue.filter((e) => !(e.message.type === 'event' && e.message.topic === 'tasks'));
    }
    this.queue.push({ message });
  }

  private pushImages(message: Extract<EventMessage, { topic: 'images' }>): void {
    if (this.keyed.has('topic:images-resync')) return; // a resync already covers it
    if (message.payload.kind === 'resync' || this.imageEvents >= this.options.maxQueuedImageEvents) {
      this.queue = this.queue.filter((e) => !(e.message.type === 'event' && e.message.topic === 'images'));
      this.imageEvents = 0;
      this.enqueueKeyed('topic:images-resync', {
        type: 'event',
        topic: 'images',
        payload: { kind: 'resync' },
      });
      return;
    }
    this.imageEvents++;
    this.queue.push({ message });
  }

  /** Container patches queue like image events; past the limit they collapse into one `resync`. */
  private pushContainers(message: Extract<EventMessage, { topic: 'containers' }>): void {
    if (this.keyed.has('topic:containers-resync')) return;
    const queued = this.queue.filter((e) => e.message.type === 'event' && e.message.topic === 'containers').length;
    if (message.payload.kind === 'resync' || queued >= this.options.maxQueuedImageEvents) {
      this.queue = this.queue.filter((e) => !(e.message.type === 'event' && e.message.topic === 'containers'));
      this.enqueueKeyed('topic:containers-resync', { type: 'event', topic: 'containers', payload: { kind: 'resync' } });
      return;
    }
    this.queue.push({ message });
  }

  private enqueueKeyed(key: string, message: EventMessage): void {
    const existing = this.keyed.get(key);
    if (existing) {
      existing.message = message;
      return;
    }
    const entry: Entry = { message, key };
    this.keyed.set(key, entry);
    this.queue.push(entry);
  }

  private drain(): void {
    if (this.draining) return;
    this.draining = true;
    void (async () => {
      try {
        while (!this.closed && this.queue.length > 0) {
          const entry = this.queue.shift() as Entry;
          if (entry.key) this.keyed.delete(entry.key);
          if (
            entry.message.type === 'event' &&
            entry.message.topic === 'images' &&
            entry.message.payload.kind === 'patch'
          ) {
            this.imageEvents--;
          }
          await this.outlet.send(entry.message);
        }
      } catch (err) {
        this.onError(err);
      } finally {
        this.draining = false;
      }
    })();
  }
}

import { EventEmitter } from 'node:events';
import { existsSync } from 'node:fs';
import type Docker from 'dockerode';
import type { ConnectionState, ImageEvent } from '../../shared/contract/models';
import { reconnectDelayMs } from './backoff';
import { engineMessage } from './errors';
import { createDockerClient } from './host';
import { socketPathOf } from './hostAddress';
import { readEngineInfo } from './info';

interface MonitorEvents {
  state: [ConnectionState];
  image: [ImageEvent];
  /** A container changed: created, destroyed, renamed (which images are "in use"), started, died, committed… */
  container: [ImageEvent];
}

interface RawEngineEvent {
  Type?: string;
  Action?: string;
  Actor?: { ID?: string; Attributes?: Record<string, string> };
  id?: string;
  time?: number;
  timeNano?: number;
}

const PING_INTERVAL_MS = 3000;

/**
 * Owns the connection to one engine: connects, follows its event stream,
 * notices loss (stream ends or a ping fails) and reconnects with backoff.
 * It never throws; everything it knows is in `state`.
 */
export class EngineMonitor extends EventEmitter<MonitorEvents> {
  readonly docker: Docker;
  private current: ConnectionState;
  private attempt = 0;
  private retryTimer: NodeJS.Timeout | undefined;
  private pingTimer: NodeJS.Timeout | undefined;
  private events: NodeJS.ReadableStream | undefined;
  private stopped = false;
  private connecting = false;
  /** For the first subscription only: the second (engine clock) to replay events from. */
  private firstSince: Promise<number | undefined> | undefined;

  /**
   * `opts.eventsSince`: the engine's clock when lists were taken before the
   * monitor started (earlyList.ts); the first subscription replays events
   * from then, so nothing between those lists and it is missed.
   */
  constructor(
    readonly host: string,
    opts: { eventsSince?: Promise<number | undefined> } = {},
  ) {
    super();
    this.firstSince = opts.eventsSince;
    this.docker = createDockerClient(host);
    this.current = { status: 'connecting', host, generation: 0 };
  }

  get state(): ConnectionState {
    return this.current;
  }

  start(): void {
    this.stopped = false;
    void this.connect();
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.retryTimer);
    clearInterval(this.pingTimer);
    this.closeEvents();
  }

  /** Try now instead of waiting for the next backoff step. */
  async reconnectNow(): Promise<ConnectionState> {
    if (this.current.status === 'connected') return this.current;
    clearTimeout(this.retryTimer);
    this.attempt = 0;
    await this.connect();
    return this.current;
  }

  private setState(next: ConnectionState): void {
    this.current = next;
    this.emit('state', next);
  }

  private async connect(): Promise<void> {
    if (this.stopped || this.connecting) return;
    this.connecting = true;
    // Only the first attempt replays: a later one comes after a failure, and the list is fetched anew then.
    const early = this.firstSince;
    this.firstSince = undefined;
    try {
      await this.docker.ping();
      const engine = await readEngineInfo(this.docker, this.host);
      if (this.stopped) return;
      this.attempt = 0;
      await this.followEvents(early ? await early : undefined);
      this.setState({
        status: 'connected',
        host: this.host,
        engine,
        generation: this.current.generation + 1,
      });
      clearInterval(this.pingTimer);
      this.pingTimer = setInterval(() => void this.checkAlive(), PING_INTERVAL_MS);
      this.pingTimer.unref();
    } catch (err) {
      this.lost(err);
    } finally {
      this.connecting = false;
    }
  }

  private async followEvents(since?: number): Promise<void> {
    this.closeEvents();
    const stream = await this.docker.getEvents({
      ...(since !== undefined ? { since } : {}),
      filters: {
        type: ['image', 'container'],
        // Image changes, and the container events that change which images are in use.
        event: [
          'create',
          'destroy',
          'delete',
          'import',
          'load',
          'pull',
          'tag',
          'untag',
          // The containers view follows these too.
          'start',
          'die',
          'stop',
          'pause',
          'unpause',
          'rename',
          'commit',
        ],
      },
    });
    this.events = stream;
    this.docker.modem.followProgress(
      stream,
      () => {
        // The stream ended: the engine went away (or is shutting down).
        if (this.events === stream) {
          this.events = undefined;
          void this.checkAlive();
        }
      },
      (raw: RawEngineEvent) => {
        // Podman's pull event has an empty Actor.ID and no id: its Attributes.name is the reference pulled.
        const id = raw.Actor?.ID || raw.id || raw.Actor?.Attributes?.name;
        if (raw.Action && id) {
          this.emit(raw.Type === 'container' ? 'container' : 'image', {
            action: raw.Action,
            id,
            time: raw.timeNano ? Math.floor(raw.timeNano / 1e6) : (raw.time ?? 0) * 1000,
            ...(raw.Actor?.Attributes ? { attributes: raw.Actor.Attributes } : {}),
          });
        }
      },
    );
  }

  private closeEvents(): void {
    const s = this.events as (NodeJS.ReadableStream & { destroy?: () => void }) | undefined;
    this.events = undefined;
    s?.destroy?.();
  }

  private async checkAlive(): Promise<void> {
    if (this.stopped || this.current.status !== 'connected') return;
    try {
      await this.docker.ping();
      if (!this.events) await this.followEvents();
    } catch (err) {
      this.lost(err);
    }
  }

  private lost(err: unknown): void {
    clearInterval(this.pingTimer);
    this.closeEvents();
    if (this.stopped) return;
    const socket = socketPathOf(this.host);
    const neverConnected = this.current.generation === 0;
    const missing = socket !== undefined && !existsSync(socket);
    const delay = reconnectDelayMs(this.attempt++);
    this.setState({
      status: neverConnected && (missing || isRefused(err)) ? 'not-found' : 'disconnected',
      host: this.host,
      error: engineMessage(err as object),
      retryInMs: delay,
      generation: this.current.generation,
    });
    clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => void this.connect(), delay);
    this.retryTimer.unref();
  }
}

const isRefused = (err: unknown): boolean => {
  const code = (err as { code?: string } | null)?.code;
  return code === 'ENOENT' || code === 'ECONNREFUSED';
};

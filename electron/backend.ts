import { removeLivePartialFiles } from './engine/archives/atomicFile';
import { ImageChangeFeed } from './engine/images/changes';
import { PlatformCache } from './engine/images/inspect';
import { EngineMonitor } from './engine/monitor';
import { Dispatcher } from './api/dispatcher';
import { createHandlers } from './api/handlers';
import type { HostServices } from './api/hostServices';
import { TopicHub } from './api/hub';
import { OperationRegistry } from './api/operations';
import { UploadRegistry } from './api/uploads';
import { DownloadRegistry } from './api/downloads';

export interface Backend {
  dispatcher: Dispatcher;
  monitor: EngineMonitor;
  uploads: UploadRegistry;
  downloads: DownloadRegistry;
  dispose(): void;
  /**
   * Quitting: cancels every running operation and waits (at most
   * `graceMs`) until each has cleaned up — a save or export removes its
   * partial file — then disposes. Any partial file still there is removed.
   */
  shutdown(graceMs?: number): Promise<void>;
}

/**
 * The composition root of the main side, shared by the Electron shell and
 * serve mode: engine monitor → topic hub → handlers → dispatcher.
 */
export const createBackend = (opts: { engineHost: string; host: HostServices }): Backend => {
  const monitor = new EngineMonitor(opts.engineHost);
  const hub = new TopicHub();
  hub.setSnapshot('connection', () => monitor.state);
  let generation = 0;
  monitor.on('state', (state) => {
    hub.publish('connection', state);
    // After a reconnect, events from the gap are lost: tell views to refetch.
    if (state.status === 'connected' && state.generation !== generation) {
      if (generation !== 0) hub.publish('images', { kind: 'resync' });
      generation = state.generation;
    }
  });
  const platforms = new PlatformCache();
  const feed = new ImageChangeFeed({
    docker: () => monitor.docker,
    platforms,
    onPatch: (patch) => hub.publish('images', { kind: 'patch', patch }),
    onResync: () => hub.publish('images', { kind: 'resync' }),
  });
  monitor.on('image', (event) => feed.image(event.id));
  monitor.on('container', () => feed.container());
  const operations = new OperationRegistry();
  const uploads = new UploadRegistry();
  const downloads = new DownloadRegistry();
  const dispatcher = new Dispatcher(
    createHandlers({ operations, uploads, downloads, host: opts.host, platforms }),
    hub,
    operations,
    () => monitor,
  );
  monitor.start();
  const dispose = () => {
    feed.stop();
    monitor.stop();
  };
  return {
    dispatcher,
    monitor,
    uploads,
    downloads,
    dispose,
    shutdown: async (graceMs = 10_000) => {
      await operations.cancelAll(graceMs);
      removeLivePartialFiles();
      dispose();
    },
  };
};

import { removeLivePartialFiles } from './engine/archives/atomicFile';
import { PortBindingCache } from './engine/containers/containers';
import { ContainerFeed } from './engine/containers/feed';
import { ImageChangeFeed } from './engine/images/changes';
import { PlatformCache } from './engine/images/inspect';
import type { EarlyList } from './engine/images/earlyList';
import { ImageListStore, storedImages, type StoredImage } from './engine/images/store';
import { EngineMonitor } from './engine/monitor';
import { watchWrites } from './engine/writeWatch';
import { Dispatcher } from './api/dispatcher';
import { createHandlers } from './api/handlers';
import type { HostServices } from './api/hostServices';
import { TopicHub } from './api/hub';
import { OperationRegistry } from './api/operations';
import { RegistryServices } from './engine/registries/services';
import { TaskRegistry } from './api/tasks';
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

/** The lists serve mode asked for at its start, as the store keeps them (undefined when they did not come). */
const earlyStored = async (early: EarlyList): Promise<StoredImage[] | undefined> => {
  const lists = await early.lists;
  try {
    return lists && storedImages(lists.images, lists.containers);
  } catch {
    return undefined; // not the shape expected: the store asks the engine itself
  }
};

/** How often the warm image list is compared with the engine's, in case an event was missed. */
const LIST_CHECK_MS = 60_000;

/**
 * The composition root of the main side, shared by the Electron shell and
 * serve mode: engine monitor → topic hub → handlers → dispatcher.
 */
export const createBackend = (opts: { engineHost: string; host: HostServices; early?: EarlyList }): Backend => {
  const early = opts.early;
  const monitor = new EngineMonitor(opts.engineHost, early ? { eventsSince: early.since } : {});
  const hub = new TopicHub();
  hub.setSnapshot('connection', () => monitor.state);
  const platforms = new PlatformCache();
  // eslint-disable-next-line prefer-const -- the store and the feed refer to each other
  let feed: ImageChangeFeed;
  const imageList = new ImageListStore({
    docker: () => monitor.docker,
    recheck: (ids) => ids.forEach((id) => feed.image(id)),
    // The monitor's first subscription replays events from the second these were taken.
    ...(early ? { first: earlyStored(early) } : {}),
  });
  watchWrites(monitor.docker, () => imageList.noteWrite());
  /** Refill the warm list, then tell views to refetch it (they get it from memory). */
  const resync = () => {
    imageList.invalidate();
    imageList
      .load()
      .catch(() => {}) // the engine is away: views' own list call reports it
      .finally(() => hub.publish('images', { kind: 'resync' }));
  };
  feed = new ImageChangeFeed({
    docker: () => monitor.docker,
    platforms,
    onPatch: (patch, parents) => {
      const out = imageList.applyPatch(patch, parents);
      if (out.upserts.length || out.removed.length || out.containers)
        hub.publish('images', { kind: 'patch', patch: out });
    },
    onResync: resync,
  });
  let generation = 0;
  monitor.on('state', (state) => {
    hub.publish('connection', state);
    if (state.status !== 'connected') imageList.invalidate();
    // After a reconnect, events from the gap are lost: refill the list and tell views to refetch.
    else if (state.generation !== generation) {
      if (generation !== 0) resync();
      else void imageList.load().catch(() => {}); // warm before the first view asks
      generation = state.generation;
    }
  });
  const check = setInterval(() => {
    if (monitor.state.status !== 'connected') return;
    imageList
      .verify()
      .then((same) => {
        if (!same) hub.publish('images', { kind: 'resync' });
      })
      .catch(() => {});
  }, LIST_CHECK_MS);
  check.unref();
  monitor.on('image', (event) => feed.image(event.id));
  const containerPorts = new PortBindingCache();
  const containerFeed = new ContainerFeed({
    docker: () => monitor.docker,
    ports: containerPorts,
    publish: (payload) => hub.publish('containers', payload),
  });
  monitor.on('container', (event) => {
    containerFeed.changed(event.id, event.action);
    // Only these change which images are in use (and by which names).
    if (['create', 'destroy', 'rename'].includes(event.action)) feed.container();
    // A commit makes an image without an image event.
    if (event.action === 'commit' && event.attributes?.imageID) feed.image(event.attributes.imageID);
  });
  monitor.on('state', (state) => {
    if (state.status === 'connected' && state.generation > 1) hub.publish('containers', { kind: 'resync' });
  });
  const tasks = new TaskRegistry((event) => hub.publish('tasks', event));
  hub.setSnapshot('tasks', () => ({ kind: 'snapshot', tasks: tasks.list() }));
  const operations = new OperationRegistry(tasks);
  const registries = new RegistryServices({
    ...(opts.host.secretBox ? { secretBox: opts.host.secretBox } : {}),
    ...(opts.host.dataDir ? { dataDir: opts.host.dataDir } : {}),
  });
  const uploads = new UploadRegistry();
  const downloads = new DownloadRegistry();
  const dispatcher = new Dispatcher(
    createHandlers({
      operations,
      tasks,
      uploads,
      downloads,
      host: opts.host,
      platforms,
      imageList,
      containerPorts,
      registries,
    }),
    hub,
    operations,
    () => monitor,
  );
  monitor.start();
  const dispose = () => {
    clearInterval(check);
    imageList.stop();
    feed.stop();
    containerFeed.stop();
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

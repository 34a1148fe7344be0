import type { HostServices } from '../hostServices';
import type { OperationRegistry } from '../operations';
import type { TaskRegistry } from '../tasks';
import type { UploadRegistry } from '../uploads';
import type { DownloadRegistry } from '../downloads';
import type { PlatformCache } from '../../engine/images/inspect';
import type { ImageListStore } from '../../engine/images/store';
import type { RegistryServices } from '../../engine/registries/services';
import type { PortBindingCache } from '../../engine/containers/containers';

export interface HandlerDeps {
  operations: OperationRegistry;
  /** The drawer's tasks (running and finished) of every session. */
  tasks: TaskRegistry;
  host: HostServices;
  uploads: UploadRegistry;
  /** Serve mode: saves and exports streamed to the browser. */
  downloads: DownloadRegistry;
  /** Image ID → platform, filled by inspects (IDs are immutable). */
  platforms: PlatformCache;
  /** The backend's warm copy of the image list. */
  imageList: ImageListStore;
  /** Logins, mirrors and the registry browsing client. */
  registries: RegistryServices;
  /** Configured port bindings per container, shared with the containers feed. */
  containerPorts?: PortBindingCache;
}

import type { HostServices } from '../hostServices';
import type { OperationRegistry } from '../operations';
import type { UploadRegistry } from '../uploads';
import type { DownloadRegistry } from '../downloads';
import type { PlatformCache } from '../../engine/images/inspect';

export interface HandlerDeps {
  operations: OperationRegistry;
  host: HostServices;
  uploads: UploadRegistry;
  /** Serve mode: saves and exports streamed to the browser. */
  downloads: DownloadRegistry;
  /** Image ID → platform, filled by inspects (IDs are immutable). */
  platforms: PlatformCache;
}

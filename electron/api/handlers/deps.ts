import type { HostServices } from '../hostServices';
import type { OperationRegistry } from '../operations';
import type { UploadRegistry } from '../uploads';
import type { PlatformCache } from '../../engine/images/inspect';
import type { ImageListStore } from '../../engine/images/store';

export interface HandlerDeps {
  operations: OperationRegistry;
  host: HostServices;
  uploads: UploadRegistry;
  /** Image ID → platform, filled by inspects (IDs are immutable). */
  platforms: PlatformCache;
  /** The backend's warm copy of the image list. */
  imageList: ImageListStore;
}

import type { HostServices } from '../hostServices';
import type { OperationRegistry } from '../operations';
import type { UploadRegistry } from '../uploads';

export interface HandlerDeps {
  operations: OperationRegistry;
  host: HostServices;
  uploads: UploadRegistry;
}

import type { EngineMonitor } from '../../engine/monitor';
import type { HostServices } from '../hostServices';
import type { OperationRegistry } from '../operations';
import type { UploadRegistry } from '../uploads';

export interface HandlerDeps {
  monitor: EngineMonitor;
  operations: OperationRegistry;
  host: HostServices;
  uploads: UploadRegistry;
}

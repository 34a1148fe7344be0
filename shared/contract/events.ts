import type { ApiErrorData } from './errors';
import type { ContainersTopic } from './containerModels';
import type { ImagesPatch } from './imageModels';
import type { ConnectionState } from './models';
import type { MethodName } from './api';
import type { TasksEvent } from './taskModels';

/** Topics a renderer subscribes to; the main side pushes their payloads. */
export interface Topics {
  /** Engine connection state, sent on every change. */
  connection: ConnectionState;
  /**
   * Changes to the images list, from the engine's events. `resync` means
   * changes were too many or were dropped (a burst, a slow renderer, a
   * reconnect): refetch the list instead of patching it.
   */
  images: { kind: 'patch'; patch: ImagesPatch } | { kind: 'resync' };
  /** Changes to the containers list, from the engine's container events (same rules as images). */
  containers: ContainersTopic;
  /** The tasks drawer: every window's long operations (see taskModels.ts). */
  tasks: TasksEvent;
}
export type TopicName = keyof Topics;
export const topicNames = ['connection', 'images', 'containers', 'tasks'] as const satisfies readonly TopicName[];

/**
 * Frames of one operation, sent only to the session that started it.
 * Progress frames are coalesced (a slow renderer sees fewer); the final
 * frame (succeeded / failed / cancelled) is never dropped.
 */
export type OperationUpdate =
  | { operationId: string; method: MethodName; state: 'running'; progress: unknown }
  | { operationId: string; method: MethodName; state: 'succeeded'; result: unknown }
  | { operationId: string; method: MethodName; state: 'failed'; error: ApiErrorData }
  | { operationId: string; method: MethodName; state: 'cancelled' };

import { z } from 'zod';
import type { ApiErrorData } from './errors';
import type { OperationUpdate, TopicName, Topics } from './events';

export { DOWNLOAD_PATH, IPC_CALL_CHANNEL, IPC_EVENT_CHANNEL, TOKEN_PARAM, UPLOAD_PATH, WS_PATH } from './channels';

/** The wire format both transports carry (Electron IPC and the serve-mode WebSocket). */

export const ClientMessage = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('call'),
    id: z.number().int().nonnegative(),
    method: z.string().min(1).max(100),
    args: z.unknown(),
    /** Required for operations: chosen by the caller so it can listen before the call returns. */
    operationId: z.string().min(1).max(100).optional(),
  }),
  z.object({
    type: z.enum(['subscribe', 'unsubscribe']),
    id: z.number().int().nonnegative(),
    topic: z.string().min(1).max(100),
  }),
]);
export type ClientMessage = z.infer<typeof ClientMessage>;

export type ReplyMessage =
  | { type: 'reply'; id: number; ok: true; value: unknown }
  | { type: 'reply'; id: number; ok: false; error: ApiErrorData };

export type EventMessage =
  | { [T in TopicName]: { type: 'event'; topic: T; payload: Topics[T] } }[TopicName]
  | { type: 'operation'; update: OperationUpdate };

export type ServerMessage = ReplyMessage | EventMessage;

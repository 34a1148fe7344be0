import { z } from 'zod';
import type { ApiErrorData } from './errors';
import type { OperationUpdate, TopicName, Topics } from './events';

/**
 * The wire format both transports carry (Electron IPC and the serve-mode
 * WebSocket). Channel names and paths live here and nowhere else.
 */
export const IPC_CALL_CHANNEL = 'lading:call';
export const IPC_EVENT_CHANNEL = 'lading:event';
export const WS_PATH = '/api';
/** Serve mode: query parameter carrying the session token. */
export const TOKEN_PARAM = 'token';

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

import { request, returns } from '../define';
import type { ConnectionState } from '../models';
import { Empty } from '../schemas';

/** The engine connection. */
export const engineMethods = {
  /** The current engine connection (also pushed on the `connection` topic). */
  'engine.connection': request(Empty, returns<ConnectionState>()),
  /** Retry connecting now instead of waiting for the backoff. */
  'engine.reconnect': request(Empty, returns<ConnectionState>()),
} as const;

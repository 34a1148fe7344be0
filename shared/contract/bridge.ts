import type { EventMessage, ReplyMessage } from './protocol';

/**
 * What the Electron preload exposes as `window.lading` through
 * contextBridge. It is method-agnostic: it moves protocol messages, so it
 * never changes when the API grows.
 */
export interface LadingBridge {
  /** Sends one ClientMessage (validated on the main side) and returns its reply. */
  call(message: unknown): Promise<ReplyMessage>;
  /** Receives pushed events and operation updates; returns an unsubscribe function. */
  onMessage(listener: (message: EventMessage) => void): () => void;
  /** The absolute path of a dropped File (Electron's webUtils.getPathForFile). */
  pathForFile(file: unknown): string;
  platform: string;
}

/** Name of the global the preload defines. */
export const BRIDGE_GLOBAL = 'lading';

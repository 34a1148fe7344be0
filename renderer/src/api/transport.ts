import type { ClientMessage, EventMessage, ReplyMessage } from '../../../shared/contract/protocol';

/** The link to the backend itself (not the engine): a WebSocket or Electron IPC. */
export type LinkState = 'connecting' | 'open' | 'closed';

/**
 * Moves protocol messages; knows nothing about methods. Two implementations:
 * Electron IPC (through the preload bridge) and the serve-mode WebSocket.
 */
export interface Transport {
  request(message: ClientMessage): Promise<ReplyMessage>;
  onMessage(listener: (message: EventMessage) => void): () => void;
  /** Called on every change of the link; IPC is always open. */
  onLinkState(listener: (state: LinkState) => void): () => void;
  readonly kind: 'ipc' | 'websocket';
  /** How a file the user picked or dropped reaches the main side. */
  readonly files: FileChannel;
}

/**
 * Desktop: the main side opens the file itself, by path (never a File
 * object across IPC). Serve mode: the browser streams the bytes over HTTP.
 */
export type FileChannel =
  { kind: 'path'; pathFor(file: File): string } | { kind: 'upload'; post(path: string, file: File): Promise<void> };

import type { LadingBridge } from '../../../shared/contract/bridge';
import type { Transport } from './transport';

/** Electron: the preload's `window.lading` bridge carries everything. */
export const createIpcTransport = (bridge: LadingBridge): Transport => ({
  kind: 'ipc',
  files: { kind: 'path', pathFor: (file) => bridge.pathForFile(file) },
  request: (message) => bridge.call(message),
  onMessage: (listener) => bridge.onMessage(listener),
  onLinkState: (listener) => {
    listener('open');
    return () => {};
  },
});

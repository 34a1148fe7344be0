import { BRIDGE_GLOBAL, type LadingBridge } from '../../../shared/contract/bridge';
import { WS_PATH } from '../../../shared/contract/channels';
import { ApiClient } from './client';
import { createIpcTransport } from './ipcTransport';
import { createWsTransport } from './wsTransport';

/**
 * Chooses the transport at start-up: the Electron bridge when present, else
 * the serve-mode WebSocket on this page's own origin (the server's cookie,
 * set on the first visit with the token, authenticates it).
 */
export const connectClient = (): ApiClient => {
  const bridge = (window as unknown as Record<string, LadingBridge | undefined>)[BRIDGE_GLOBAL];
  if (bridge) return new ApiClient(createIpcTransport(bridge));
  const scheme = window.location.protocol === 'https:' ? 'wss' : 'ws';
  return new ApiClient(createWsTransport(`${scheme}://${window.location.host}${WS_PATH}`));
};

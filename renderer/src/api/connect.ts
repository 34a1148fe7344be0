import { BRIDGE_GLOBAL, type LadingBridge } from '../../../shared/contract/bridge';
import { TOKEN_PARAM, WS_PATH } from '../../../shared/contract/protocol';
import { ApiClient } from './client';
import { createIpcTransport } from './ipcTransport';
import { createWsTransport } from './wsTransport';

const TOKEN_KEY = 'lading.token';

/**
 * Serve mode: the token arrives in the page URL once; keep it for this tab
 * (sessionStorage) and drop it from the address bar so it is not shared by
 * copy-paste or kept in history.
 */
const takeToken = (): string => {
  const url = new URL(window.location.href);
  const fromUrl = url.searchParams.get(TOKEN_PARAM);
  if (fromUrl) {
    sessionStorage.setItem(TOKEN_KEY, fromUrl);
    url.searchParams.delete(TOKEN_PARAM);
    window.history.replaceState(null, '', url.pathname + url.search + url.hash);
    return fromUrl;
  }
  return sessionStorage.getItem(TOKEN_KEY) ?? '';
};

/** Chooses the transport at start-up: the Electron bridge when present, else the WebSocket. */
export const connectClient = (): ApiClient => {
  const bridge = (window as unknown as Record<string, LadingBridge | undefined>)[BRIDGE_GLOBAL];
  if (bridge) return new ApiClient(createIpcTransport(bridge));
  const scheme = window.location.protocol === 'https:' ? 'wss' : 'ws';
  const token = takeToken();
  const url = `${scheme}://${window.location.host}${WS_PATH}?${TOKEN_PARAM}=${encodeURIComponent(token)}`;
  return new ApiClient(createWsTransport(url, token));
};

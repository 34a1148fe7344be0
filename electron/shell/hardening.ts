import { app, shell, type Session, type WebContents } from 'electron';
import { isAllowedExternalUrl, permissionAllowed } from './policy';

/**
 * The one way a link leaves the app: to the user's browser, and only an
 * http(s) URL on an allowlisted host (policy.ts). Returns whether it opened.
 */
export const openExternalSafely = (url: string, extraHosts: readonly string[] = []): boolean => {
  if (!isAllowedExternalUrl(url, extraHosts)) return false;
  void shell.openExternal(url);
  return true;
};

/**
 * Applied to every webContents the app ever creates: no popups (web links
 * open in the system browser if allowlisted), no navigation away from the renderer, no
 * <webview>. Links in the UI should use target="_blank" to reach the browser;
 * a plain navigation to another page is simply blocked.
 */
export const hardenWebContents = (
  isRendererUrl: (url: string) => boolean,
  externalHosts: readonly string[] = [],
): void => {
  app.on('web-contents-created', (_event, contents: WebContents) => {
    contents.setWindowOpenHandler(({ url }) => {
      openExternalSafely(url, externalHosts);
      return { action: 'deny' };
    });
    contents.on('will-navigate', (event) => {
      if (!isRendererUrl(event.url)) event.preventDefault();
    });
    contents.on('will-redirect', (event) => {
      if (event.isMainFrame && !isRendererUrl(event.url)) event.preventDefault();
    });
    contents.on('will-attach-webview', (event) => event.preventDefault());
  });
};

/**
 * Denies every permission request and check, except clipboard writes from
 * the renderer itself: Chromium asks for 'clipboard-sanitized-write' before
 * each navigator.clipboard.writeText, so "copy ID" buttons need it.
 */
export const denyPermissions = (session: Session, isRendererUrl: (url: string) => boolean): void => {
  const allowed = (permission: string, url: string | undefined): boolean =>
    permissionAllowed(permission, url, isRendererUrl);
  session.setPermissionRequestHandler((_contents, permission, callback, details) =>
    callback(allowed(permission, details.requestingUrl)),
  );
  session.setPermissionCheckHandler((contents, permission, _origin, details) =>
    allowed(permission, details.requestingUrl ?? contents?.getURL()),
  );
};

/**
 * A CSP for the vite dev server's pages only (the built index.html carries
 * its own meta CSP). Vite's dev client needs inline scripts and styles and
 * a WebSocket back to its own origin for hot reload.
 */
export const devServerCsp = (session: Session, devOrigin: string): void => {
  const ws = devOrigin.replace(/^http/, 'ws');
  const policy = [
    "default-src 'self'",
    "script-src 'self' 'unsafe-inline'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    `connect-src 'self' ${ws}`,
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
  session.webRequest.onHeadersReceived((details, callback) => {
    let origin: string | undefined;
    try {
      origin = new URL(details.url).origin;
    } catch {
      origin = undefined;
    }
    if (origin !== devOrigin) return callback({});
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [policy] } });
  });
};

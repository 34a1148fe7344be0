import { pathToFileURL } from 'node:url';
import { net, protocol, type Session } from 'electron';
import { APP_SCHEME, APP_SCHEME_PRIVILEGES, RENDERER_CSP, resolveAppFile } from './policy';

/** Must run before the app is ready: app:// is a standard, secure origin. */
export const registerAppScheme = (): void => {
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: APP_SCHEME_PRIVILEGES }]);
};

/**
 * Serves the built renderer at app://lading/ from `rendererDir` only
 * (policy.resolveAppFile refuses anything outside it), every answer with
 * Lading's CSP.
 */
export const serveAppProtocol = (session: Session, rendererDir: string): void => {
  session.protocol.handle(APP_SCHEME, async (request) => {
    const file = resolveAppFile(rendererDir, request.url);
    if (!file) return new Response('Not found', { status: 404 });
    const res = await net.fetch(pathToFileURL(file).href).catch(() => undefined);
    if (!res?.ok) return new Response('Not found', { status: 404 });
    const headers = new Headers(res.headers);
    headers.set('Content-Security-Policy', RENDERER_CSP);
    headers.set('X-Content-Type-Options', 'nosniff');
    return new Response(res.body, { status: 200, headers });
  });
};

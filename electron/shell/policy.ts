import { isAbsolute, join, normalize, relative, sep } from 'node:path';

/**
 * The desktop shell's security policy as plain data and pure functions (no
 * electron import), so unit tests can hold every item of Electron's
 * security checklist to it without launching Electron. main.ts,
 * hardening.ts and appProtocol.ts only apply what is decided here.
 */

/** Every window's webPreferences: isolated, sandboxed, no Node, no <webview>. */
export const WEB_PREFERENCES = {
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  webviewTag: false,
  experimentalFeatures: false,
  navigateOnDragDrop: false,
  // Chromium's spellchecker downloads dictionaries; there is little prose to check here.
  spellcheck: false,
} as const;

/** The built renderer is served from this privileged custom scheme instead of file://. */
export const APP_SCHEME = 'app';
export const APP_HOST = 'lading';
export const APP_INDEX_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;
/** Privileges for protocol.registerSchemesAsPrivileged: a standard, secure origin; nothing more. */
export const APP_SCHEME_PRIVILEGES = { standard: true, secure: true, supportFetchAPI: true } as const;

/** True when `url` is a page of Lading's own origin (app://lading/…). */
export const isAppUrl = (url: string): boolean => {
  try {
    const u = new URL(url);
    return u.protocol === `${APP_SCHEME}:` && u.host === APP_HOST;
  } catch {
    return false;
  }
};

/**
 * The Content-Security-Policy of every renderer page (sent by the app
 * protocol as a header; serve mode sends the same): scripts and
 * connections only to Lading's own origin, no plugins, no <base>, no
 * framing, no form posts.
 */
export const RENDERER_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * The file of the built renderer an app:// request names, or undefined when
 * it names anything else: another host, a path that leaves `rendererDir`
 * (`..`, encoded or not, an absolute path, a NUL), or a bad encoding.
 * `/` is index.html.
 */
export const resolveAppFile = (rendererDir: string, requestUrl: string): string | undefined => {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return undefined;
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return undefined;
  let path: string;
  try {
    path = decodeURIComponent(url.pathname);
  } catch {
    return undefined;
  }
  if (path.includes('\0') || path.includes('\\')) return undefined;
  // A literal `..` was already resolved by the URL parser (as Chromium does); an encoded one is refused.
  if (path.split('/').some((segment) => segment === '..' || segment === '.')) return undefined;
  const rel = normalize(path === '/' || path === '' ? '/index.html' : path).replace(/^[/\\]+/, '');
  const full = join(rendererDir, rel);
  const inside = relative(rendererDir, full);
  if (inside === '' || inside.startsWith(`..${sep}`) || inside === '..' || isAbsolute(inside)) return undefined;
  return full;
};

/** Hosts whose http(s) pages Lading may open in the user's browser. */
export const EXTERNAL_HOSTS = ['github.com', 'docs.docker.com', 'docs.podman.io', 'www.electronjs.org'] as const;

/** The host of a URL Lading itself names (package.json "homepage"), for the allowlist. */
export const hostsOf = (url: string | undefined): string[] => {
  try {
    return url ? [new URL(url).hostname.toLowerCase()] : [];
  } catch {
    return [];
  }
};

/**
 * Whether a link may leave the app for the user's browser: http(s) only,
 * to an allowlisted host (plus the homepage's host, when package.json names
 * one), no credentials in the URL.
 */
export const isAllowedExternalUrl = (url: string, extraHosts: readonly string[] = []): boolean => {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') return false;
  if (u.username || u.password) return false;
  return [...EXTERNAL_HOSTS, ...extraHosts].includes(u.hostname.toLowerCase());
};

/**
 * Permission requests and checks: all denied, except clipboard writes from
 * Lading's own pages (Chromium asks for 'clipboard-sanitized-write' before
 * each navigator.clipboard.writeText, which the "copy ID" buttons use).
 */
export const permissionAllowed = (
  permission: string,
  requestingUrl: string | undefined,
  isOurs: (url: string) => boolean,
): boolean => permission === 'clipboard-sanitized-write' && requestingUrl !== undefined && isOurs(requestingUrl);

/** Fuses flipped in release builds (electron-builder.yml `electronFuses`). */
export const RELEASE_FUSES = {
  runAsNode: false,
  enableCookieEncryption: true,
  enableNodeOptionsEnvironmentVariable: false,
  enableNodeCliInspectArguments: false,
  enableEmbeddedAsarIntegrityValidation: true,
  onlyLoadAppFromAsar: true,
  grantFileProtocolExtraPrivileges: false,
} as const;

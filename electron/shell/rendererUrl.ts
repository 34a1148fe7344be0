import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isAppUrl } from './policy';

/**
 * Where the renderer comes from: the built renderer folder served at
 * app://lading/ (or, formerly, its index.html over file://), or the vite dev
 * server. Pure (no electron import), so it can be tested with plain Node.
 */
export type RendererEntry =
  | { kind: 'app'; rendererDir: string }
  | { kind: 'file'; indexHtml: string }
  | { kind: 'dev'; url: string; origin: string };

/** Accepts only an http(s) dev server URL; anything else is a configuration mistake. */
export const parseDevUrl = (raw: string): { url: string; origin: string } => {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new Error(`LADING_DEV_URL is not a URL: "${raw}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new Error(`LADING_DEV_URL must be http(s) (got "${url.protocol}")`);
  }
  return { url: url.href, origin: url.origin };
};

const samePath = (a: string, b: string, platform: NodeJS.Platform): boolean =>
  platform === 'win32' ? a.toLowerCase() === b.toLowerCase() : a === b;

/**
 * True when `url` is a document of our renderer: the built index.html
 * (whatever its query or hash, which the app may use for state), or any
 * page of the dev server's origin.
 */
export const isRendererUrl = (
  entry: RendererEntry,
  url: string,
  platform: NodeJS.Platform = process.platform,
): boolean => {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (entry.kind === 'dev') return parsed.origin === entry.origin;
  // The built renderer, served at app://lading/ (appProtocol.ts).
  if (entry.kind === 'app') return isAppUrl(url);
  if (parsed.protocol !== 'file:') return false;
  parsed.search = '';
  parsed.hash = '';
  try {
    // Compare file-system paths, not URL strings: percent-encoding and
    // drive-letter case may differ between Chromium and Node.
    return samePath(resolve(fileURLToPath(parsed)), resolve(entry.indexHtml), platform);
  } catch {
    return false; // e.g. file://some-host/… (not a local path)
  }
};

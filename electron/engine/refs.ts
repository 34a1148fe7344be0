import type Docker from 'dockerode';
import { ApiError } from '../../shared/contract/errors';

/**
 * dockerode builds URL paths by concatenation (`'/images/' + name + '/json'`),
 * so a name is encoded here as one path segment before it reaches dockerode:
 * `/`, `?`, `#` and `%` in it cannot change which endpoint is asked. The
 * engine decodes the segment back (verified on Docker 20.10 and Podman 4).
 */
export const pathSegment = (name: string): string => encodeURIComponent(name);

/** `docker.getImage` with the reference or ID encoded as one path segment. */
export const imageOf = (docker: Docker, reference: string): Docker.Image => docker.getImage(pathSegment(reference));

/** `docker.getContainer` with the name or ID encoded as one path segment. */
export const containerOf = (docker: Docker, nameOrId: string): Docker.Container =>
  docker.getContainer(pathSegment(nameOrId));

/**
 * True when a request path, once decoded as the engine decodes it, holds a
 * segment the engine's router would clean away with a redirect (`.`, `..`,
 * an empty one) or a NUL.
 */
export const isUncleanEnginePath = (path: string): boolean => {
  const pathname = path.split('?')[0] ?? '';
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return true;
  }
  if (decoded.includes('\0')) return true;
  return decoded
    .split('/')
    .slice(1)
    .some((segment, i, all) => segment === '.' || segment === '..' || (segment === '' && i < all.length - 1));
};

type Dial = (options: { path?: string }, callback: (err: unknown, data: unknown) => void) => void;

/**
 * Refuses, before anything is sent, any engine request whose path the
 * engine would answer with a redirect. Wraps docker-modem's one entry
 * point, so every dockerode call, present and future, is covered; the
 * contract's grammar (shared/contract/schemas.ts) is the first line, this is
 * the second.
 */
export const guardEnginePaths = (docker: Docker): void => {
  // docker-modem's dial is not in dockerode's types; it is the single function every call goes through.
  const modem = docker.modem as unknown as { dial: Dial };
  const dial = modem.dial.bind(modem);
  modem.dial = (options, callback) => {
    if (typeof options.path === 'string' && isUncleanEnginePath(options.path)) {
      callback(new ApiError('INVALID_ARGUMENT', 'not a name the engine can look up', { path: options.path }), null);
      return;
    }
    dial(options, callback);
  };
};

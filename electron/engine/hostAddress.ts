import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

// Engine addresses, without dockerode: serve mode resolves one and asks the
// engine for the image list before it loads the rest of the backend.

/**
 * Where the engine is: DOCKER_HOST when set, else the platform's usual
 * sockets, first one that exists (Docker Desktop's per-user socket, then the
 * system one, then Podman's rootful and rootless sockets).
 */
export const resolveEngineHost = (
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
  exists: (p: string) => boolean = existsSync,
): string => {
  const fromEnv = env.DOCKER_HOST?.trim();
  if (fromEnv) return fromEnv;
  if (platform === 'win32') return 'npipe:////./pipe/docker_engine';
  const uid = typeof process.getuid === 'function' ? process.getuid() : undefined;
  const candidates = [
    join(homedir(), '.docker', 'run', 'docker.sock'),
    '/var/run/docker.sock',
    '/run/podman/podman.sock',
    ...(uid !== undefined ? [`/run/user/${uid}/podman/podman.sock`] : []),
  ];
  const found = candidates.find((p) => exists(p));
  return `unix://${found ?? '/var/run/docker.sock'}`;
};

/** For a unix socket host, the socket path (so "nothing there" can be told from "not answering"). */
export const socketPathOf = (host: string): string | undefined =>
  host.startsWith('unix://') ? host.slice('unix://'.length) : undefined;

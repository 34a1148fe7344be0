import Docker from 'dockerode';
import { installNoRedirects } from './noRedirects';
import { guardEnginePaths } from './refs';

/**
 * Builds a dockerode client for a DOCKER_HOST-style address. Its connection
 * never follows a redirect and never sends a path the engine would redirect.
 */
export const createDockerClient = (host: string): Docker => {
  installNoRedirects();
  const docker = clientFor(host);
  guardEnginePaths(docker);
  return docker;
};

const clientFor = (host: string): Docker => {
  if (host.startsWith('unix://')) return new Docker({ socketPath: host.slice('unix://'.length) });
  if (host.startsWith('npipe://')) return new Docker({ socketPath: host.slice('npipe://'.length) });
  const url = new URL(host.replace(/^tcp:/, 'http:'));
  return new Docker({
    host: url.hostname,
    port: url.port ? Number(url.port) : 2375,
    protocol: url.protocol === 'https:' ? 'https' : 'http',
  });
};

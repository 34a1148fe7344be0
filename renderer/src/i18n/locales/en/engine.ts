export const engine = {
  label: 'Engine',
  kind_docker: 'Docker',
  kind_podman: 'Podman',
  kind_unknown: 'Engine',
  versionLine: '{{kind}} {{version}} · API {{apiVersion}}',
  connecting: 'Connecting to the engine at {{host}}…',
  disconnectedTitle: 'The engine is not answering',
  disconnectedBody:
    'Lost the connection to {{host}}. Retrying in {{seconds}} s. Nothing you saw is gone; the table will refresh when it is back.',
  reconnect: 'Retry now',
  firstRunTitle: 'No container engine found',
  firstRunBody: 'Lading manages the images of a Docker or Podman engine, and none answered at {{host}}.',
  firstRunStartDocker: 'Start Docker: <code>sudo systemctl start docker</code> (Linux) or open Docker Desktop.',
  firstRunStartPodman:
    'Or start Podman’s Docker-compatible API: <code>podman system service --time=0 unix:///run/podman/podman.sock</code>',
  firstRunDockerHost:
    'Or point Lading at another engine with the DOCKER_HOST variable, e.g. <code>DOCKER_HOST=unix:///path/to/docker.sock</code>.',
  firstRunTryDemo:
    'No engine at hand? On a Debian-like machine, <code>npm run demo</code> starts a private sandbox engine with sample images.',
  lastError: 'Last error: {{error}}',
} as const;

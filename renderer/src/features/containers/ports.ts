import type { ContainerPort } from '../../../../shared/contract/containerModels';

/** As `docker ps` prints a port: "127.0.0.1:8080->80/tcp", "8080->80/tcp", or "80/tcp" when not published. */
export const portText = (p: ContainerPort): string => {
  const target = `${p.containerPort}/${p.proto}`;
  if (!p.hostPort) return p.hostIp ? `${p.hostIp}::${target}` : target;
  const ip = p.hostIp.includes(':') ? `[${p.hostIp}]` : p.hostIp;
  return `${ip ? `${ip}:` : ''}${p.hostPort}->${target}`;
};

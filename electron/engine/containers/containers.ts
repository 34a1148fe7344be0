import type Docker from 'dockerode';
import type { ContainerPort, ContainerRow } from '../../../shared/contract/containerModels';

/** The fields of `/containers/json` entries a row needs (Docker and Podman both send them). */
interface ListedContainer {
  Id: string;
  Names?: string[];
  Image?: string;
  ImageID?: string;
  Command?: string;
  Created?: number;
  State?: string;
  Status?: string;
  Ports?: { IP?: string; PrivatePort: number; PublicPort?: number; Type?: string }[] | null;
}

type PortBindings = Record<string, { HostIp?: string; HostPort?: string }[] | null> | null | undefined;

/**
 * Configured port bindings by container ID. A container's HostConfig never
 * changes after it is created, so one inspect per container is enough.
 */
export class PortBindingCache {
  private byId = new Map<string, ContainerPort[]>();

  async resolve(docker: Docker, ids: readonly string[]): Promise<Map<string, ContainerPort[]>> {
    const missing = ids.filter((id) => !this.byId.has(id));
    // A handful at a time: a list of hundreds must not open hundreds of sockets.
    for (let i = 0; i < missing.length; i += 8) {
      await Promise.all(
        missing.slice(i, i + 8).map(async (id) => {
          try {
            const info = await docker.getContainer(id).inspect();
            this.byId.set(id, configuredPorts(info.HostConfig?.PortBindings as PortBindings));
          } catch {
            // Gone meanwhile: its row goes with the next event.
          }
        }),
      );
    }
    return new Map(ids.map((id) => [id, this.byId.get(id) ?? []]));
  }

  forget(id: string): void {
    this.byId.delete(id);
  }
}

export const configuredPorts = (bindings: PortBindings): ContainerPort[] => {
  const out: ContainerPort[] = [];
  for (const [key, list] of Object.entries(bindings ?? {})) {
    const [port = '', proto = 'tcp'] = key.split('/');
    for (const b of list ?? [{}]) {
      out.push({
        containerPort: Number(port),
        proto,
        hostIp: b.HostIp ?? '',
        hostPort: b.HostPort ?? '',
        configured: true,
      });
    }
  }
  return out.sort((a, b) => a.containerPort - b.containerPort || a.hostPort.localeCompare(b.hostPort));
};

const livePorts = (c: ListedContainer): ContainerPort[] =>
  (c.Ports ?? [])
    .map((p) => ({
      containerPort: p.PrivatePort,
      proto: p.Type ?? 'tcp',
      hostIp: p.IP ?? '',
      hostPort: p.PublicPort ? String(p.PublicPort) : '',
      configured: false,
    }))
    .sort((a, b) => a.containerPort - b.containerPort);

const rowOf = (c: ListedContainer, configured: ContainerPort[] | undefined): ContainerRow => {
  const live = livePorts(c);
  return {
    id: c.Id,
    names: (c.Names ?? []).map((n) => n.replace(/^\//, '')),
    image: c.Image ?? '',
    imageId: c.ImageID ?? '',
    command: c.Command ?? '',
    created: (c.Created ?? 0) * 1000,
    state: c.State ?? '',
    status: c.Status ?? '',
    // The engine reports live bindings only; without them (stopped, or no network bridge) show what was asked for.
    ports: live.some((p) => p.hostPort !== '') || !configured?.length ? live : configured,
  };
};

/**
 * Containers as the table shows them (`docker ps -a`), optionally only some
 * IDs. Those the engine lists without a live port binding are inspected
 * once for their configured bindings.
 */
export const listContainerRows = async (
  docker: Docker,
  cache: PortBindingCache,
  ids?: readonly string[],
): Promise<ContainerRow[]> => {
  const list = (await docker.listContainers({
    all: true,
    ...(ids ? { filters: { id: [...ids] } } : {}),
  })) as ListedContainer[];
  const needConfig = list.filter((c) => !(c.Ports ?? []).some((p) => p.PublicPort)).map((c) => c.Id);
  const configured = await cache.resolve(docker, needConfig);
  return list.map((c) => rowOf(c, configured.get(c.Id)));
};

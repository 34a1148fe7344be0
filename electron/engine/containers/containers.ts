import type Docker from 'dockerode';
import type { ContainerSummary } from '../../../shared/contract/archiveModels';

/** Every container, any state (`docker ps -a`), for the export picker. */
export const listContainers = async (docker: Docker): Promise<ContainerSummary[]> => {
  const list = await docker.listContainers({ all: true });
  return list.map((c) => ({
    id: c.Id,
    names: (c.Names ?? []).map((n) => n.replace(/^\//, '')),
    image: c.Image,
    state: c.State,
    status: c.Status,
  }));
};

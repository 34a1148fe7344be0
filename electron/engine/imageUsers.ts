import type Docker from 'dockerode';
import type { ContainerUse } from '../../shared/contract/imageModels';

/** Every container (any state), grouped by the image ID it was created from. */
export const containerUsesByImage = async (docker: Docker): Promise<Map<string, ContainerUse[]>> => {
  const containers = await docker.listContainers({ all: true });
  const out = new Map<string, ContainerUse[]>();
  for (const c of containers) {
    const use: ContainerUse = {
      id: c.Id,
      name: (c.Names?.[0] ?? c.Id.slice(0, 12)).replace(/^\//, ''),
      state: c.State,
    };
    const list = out.get(c.ImageID);
    if (list) list.push(use);
    else out.set(c.ImageID, [use]);
  }
  return out;
};

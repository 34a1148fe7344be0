import type Docker from 'dockerode';
import type { ContainerUse } from '../../../shared/contract/imageModels';

/** The fields of `/containers/json` entries this needs (Docker and Podman both send them). */
export interface ContainerRef {
  Id: string;
  ImageID: string;
  Names?: string[];
  State?: string;
}

/** Containers grouped by the image ID they were created from. */
export const groupByImage = (containers: readonly ContainerRef[]): Map<string, ContainerUse[]> => {
  const out = new Map<string, ContainerUse[]>();
  for (const c of containers) {
    const use: ContainerUse = {
      id: c.Id,
      name: (c.Names?.[0] ?? c.Id.slice(0, 12)).replace(/^\//, ''),
      state: c.State ?? '',
    };
    const list = out.get(c.ImageID);
    if (list) list.push(use);
    else out.set(c.ImageID, [use]);
  }
  return out;
};

/** Every container (any state), grouped by image ID: one `/containers/json?all=1` call. */
export const containerUsesByImage = async (docker: Docker): Promise<Map<string, ContainerUse[]>> =>
  groupByImage(await docker.listContainers({ all: true }));

export const namesOf = (uses: readonly ContainerUse[] | undefined): string[] => (uses ?? []).map((u) => u.name);

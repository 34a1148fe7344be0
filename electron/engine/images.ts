import type Docker from 'dockerode';
import type { ImageSummary } from '../../shared/contract/models';

const isDanglingTag = (t: string): boolean => t === '<none>:<none>';

/** Podman answers `RepoTags: null` for dangling images, Docker `["<none>:<none>"]`; both mean none. */
export const normaliseTags = (tags: string[] | null | undefined): string[] =>
  (tags ?? []).filter((t) => !isDanglingTag(t));

interface ContainerRef {
  ImageID: string;
  Names?: string[];
}

/** Container names per image ID, from one `/containers/json?all=1` call. */
export const containersByImage = (containers: ContainerRef[]): Map<string, string[]> => {
  const out = new Map<string, string[]>();
  for (const c of containers) {
    const name = (c.Names?.[0] ?? '').replace(/^\//, '');
    const list = out.get(c.ImageID);
    if (list) list.push(name);
    else out.set(c.ImageID, [name]);
  }
  return out;
};

/**
 * `docker images`: one entry per image ID with its tags, plus how many
 * containers use it (Containers is -1 on /images/json before API 1.51, so it
 * is counted from the container list).
 */
export const listImages = async (docker: Docker): Promise<ImageSummary[]> => {
  const [images, containers] = await Promise.all([
    docker.listImages({ all: false }),
    docker.listContainers({ all: true }),
  ]);
  const users = containersByImage(containers);
  return images.map((img) => {
    const repoTags = normaliseTags(img.RepoTags);
    const names = users.get(img.Id) ?? [];
    return {
      id: img.Id,
      repoTags,
      repoDigests: (img.RepoDigests ?? []).filter((d) => !d.startsWith('<none>@')),
      created: img.Created,
      size: img.Size,
      sharedSize: img.SharedSize ?? -1,
      labels: img.Labels ?? {},
      containers: names.length,
      containerNames: names,
      dangling: repoTags.length === 0,
    };
  });
};

import type Docker from 'dockerode';
import type { ImageSummary } from '../../../shared/contract/models';
import { containerUsesByImage, namesOf } from './users';

const isDanglingTag = (t: string): boolean => t === '<none>:<none>';

/** Podman answers `RepoTags: null` for dangling images, Docker `["<none>:<none>"]`; both mean none. */
export const normaliseTags = (tags: string[] | null | undefined): string[] =>
  (tags ?? []).filter((t) => !isDanglingTag(t));

/**
 * `docker images`: one entry per image ID with its tags, plus how many
 * containers use it (Containers is -1 on /images/json before API 1.51, so it
 * is counted from the container list).
 */
export const listImages = async (docker: Docker): Promise<ImageSummary[]> => {
  const [images, users] = await Promise.all([docker.listImages({ all: false }), containerUsesByImage(docker)]);
  return images.map((img) => {
    const repoTags = normaliseTags(img.RepoTags);
    const names = namesOf(users.get(img.Id));
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

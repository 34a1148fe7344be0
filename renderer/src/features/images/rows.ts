import type { ImageSummary } from '../../../../shared/contract/models';

/** One table row: an image under one of its tags (as `docker images` lists it). */
export interface ImageRow {
  /** Stable row id: image ID + reference. */
  key: string;
  repository: string;
  tag: string;
  id: string;
  /** 12 hex digits, as the CLI prints. */
  shortId: string;
  created: number;
  size: number;
  containers: number;
  containerNames: string[];
  dangling: boolean;
  /** What to hand the engine to act on this row: "repo:tag", or the ID for an untagged image. */
  reference: string;
}

export const NONE = '<none>';

export const shortId = (id: string): string => id.replace(/^sha256:/, '').slice(0, 12);

/**
 * "registry:5000/team/app:1.0" → ["registry:5000/team/app", "1.0"]. The tag
 * is after the last colon that comes after the last slash (a registry port
 * is not a tag).
 */
export const splitReference = (ref: string): [string, string] => {
  const at = ref.indexOf('@');
  const name = at >= 0 ? ref.slice(0, at) : ref;
  const colon = name.lastIndexOf(':');
  if (colon > name.lastIndexOf('/')) return [name.slice(0, colon), name.slice(colon + 1)];
  return [name, NONE];
};

export const toRows = (images: readonly ImageSummary[]): ImageRow[] => {
  const rows: ImageRow[] = [];
  for (const img of images) {
    const base = {
      id: img.id,
      shortId: shortId(img.id),
      created: img.created,
      size: img.size,
      containers: img.containers,
      containerNames: img.containerNames,
      dangling: img.dangling,
    };
    if (img.repoTags.length > 0) {
      for (const ref of img.repoTags) {
        const [repository, tag] = splitReference(ref);
        rows.push({ ...base, key: `${img.id}|${ref}`, repository, tag, reference: ref });
      }
    } else {
      // Untagged: keep the repository when a digest names it (pulled by digest), else <none>.
      const digestRepo = img.repoDigests[0]?.split('@')[0];
      rows.push({
        ...base,
        key: `${img.id}|`,
        repository: digestRepo ?? NONE,
        tag: NONE,
        reference: img.id,
      });
    }
  }
  return rows;
};

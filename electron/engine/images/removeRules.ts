import type { RemoveRefusal } from '../../../shared/contract/imageModels';

/**
 * Docker Engine's own rules for `docker rmi [-f]`, as a pure function, so
 * that the remove plan says what the engine then does. Transcribed from
 * moby 20.10 `daemon/images/image_delete.go` (ImageDelete,
 * imageDeleteHelper, checkImageDeleteConflict, isSingleReference):
 *
 * - By tag: unless forced, the engine refuses to remove an image's only
 *   reference while any container (running or not) uses it. Otherwise it
 *   untags; if no reference is left it deletes the image unless a hard
 *   conflict (child images, a running container) or, unforced, a stopped
 *   container stands in the way, in which case the untag alone stands.
 * - By ID: with one reference (digests of the same repository aside) the
 *   engine checks child images, running containers and (unforced) stopped
 *   ones, then removes the reference and the image. With several tags,
 *   unforced, it refuses ("referenced in multiple repositories").
 * - A deleted image's untagged parents are deleted after it while nothing
 *   else needs them (docker rmi prunes them by default).
 *
 * Podman follows rules of its own; this is Docker's.
 */

export interface RuleImage {
  id: string;
  /** Empty when the image has no parent (pulled, loaded or imported images). */
  parent: string;
  /** name:tag, as RepoTags lists them. */
  tags: string[];
  /** name@sha256:…, as RepoDigests lists them. */
  digests: string[];
}

export interface RuleContainer {
  id: string;
  name: string;
  state: string;
  imageId: string;
}

export interface RuleState {
  images: RuleImage[];
  containers: RuleContainer[];
}

export type RuleOutcome =
  | {
      reference: string;
      imageId: string;
      action: 'untag';
      untagged: string[];
      /** Tags the image keeps. */
      remainingTags: string[];
      /** Why the image stays although no tag is left. */
      keptBecause?: 'in-use-running' | 'has-children' | 'in-use';
    }
  | { reference: string; imageId: string; action: 'delete'; untagged: string[]; deleted: string[] }
  | { reference: string; imageId: string; action: 'refused'; refusal: RemoveRefusal; forceable: boolean };

const RUNNING = new Set(['running', 'paused', 'restarting']);
export const isRunningState = (state: string) => RUNNING.has(state);

/** Repository name of a tag or digest reference ("a/b:1" → "a/b", "h:5000/a@sha256:…" → "h:5000/a"). */
export const repoName = (ref: string): string => {
  const at = ref.indexOf('@');
  if (at >= 0) return ref.slice(0, at);
  const colon = ref.lastIndexOf(':');
  return colon > ref.lastIndexOf('/') ? ref.slice(0, colon) : ref;
};

const familiar = (ref: string) => ref.replace(/^docker\.io\/(?:library\/)?/, '');
const withTag = (ref: string) => (ref.includes('@') || repoName(ref) !== ref ? ref : `${ref}:latest`);

const isIdPrefix = (id: string, ref: string) =>
  /^(?:sha256:)?[0-9a-f]+$/.test(ref) && (id.startsWith(ref) || id.slice(id.indexOf(':') + 1).startsWith(ref));

/** moby's isSingleReference: at most one tag, and any digests from that tag's repository. */
const isSingleReference = (refs: readonly string[]): boolean => {
  if (refs.length <= 1) return refs.length === 1;
  let single: string | undefined;
  const canonical = new Set<string>();
  for (const r of refs) {
    if (r.includes('@')) canonical.add(repoName(r));
    else if (single === undefined) single = r;
    else return false;
  }
  return canonical.size === 1 && canonical.has(repoName(single ?? refs[0] ?? ''));
};

type Conflict = { refusal: RemoveRefusal; hard: boolean; used: boolean };

/** Plans `docker rmi [-f] ref…` one reference after another, each seeing what the ones before did. */
export const planRemoveRules = (state: RuleState, references: readonly string[], force: boolean): RuleOutcome[] => {
  const images = new Map(state.images.map((i) => [i.id, { ...i, tags: [...i.tags], digests: [...i.digests] }]));
  const refsOf = (img: RuleImage) => [...img.tags, ...img.digests];
  const children = (id: string) => [...images.values()].filter((i) => i.parent === id);
  const users = (id: string) => state.containers.filter((c) => c.imageId === id);

  const resolve = (ref: string): RuleImage | undefined => {
    if (/^sha256:[0-9a-f]{64}$/.test(ref)) return images.get(ref);
    const named = familiar(withTag(ref));
    const byRef = [...images.values()].find((i) => refsOf(i).includes(named));
    if (byRef) return byRef;
    const byId = [...images.values()].filter((i) => isIdPrefix(i.id, ref));
    return byId.length === 1 ? byId[0] : undefined;
  };

  const conflict = (img: RuleImage, mask: { soft: boolean; activeRef: boolean }): Conflict | undefined => {
    if (children(img.id).length > 0) return { refusal: 'has-children', hard: true, used: false };
    if (users(img.id).some((c) => isRunningState(c.state)))
      return { refusal: 'in-use-running', hard: true, used: true };
    if (mask.soft && mask.activeRef && refsOf(img).length > 0) {
      return { refusal: 'several-tags', hard: false, used: false };
    }
    if (mask.soft && users(img.id).some((c) => !isRunningState(c.state))) {
      return { refusal: 'in-use', hard: false, used: true };
    }
    return undefined;
  };

  /** Deletes an image with no references left, then its untagged parents nothing else needs. */
  const deleteWithParents = (img: RuleImage): string[] => {
    const deleted = [img.id];
    images.delete(img.id);
    let parent = images.get(img.parent);
    while (parent) {
      const dangling = refsOf(parent).length === 0 && children(parent.id).length === 0;
      if (!dangling || users(parent.id).length > 0) break;
      deleted.push(parent.id);
      images.delete(parent.id);
      parent = images.get(parent.parent);
    }
    return deleted;
  };

  const removeRef = (img: RuleImage, ref: string) => {
    img.tags = img.tags.filter((t) => t !== ref);
    img.digests = img.digests.filter((d) => d !== ref);
  };

  return references.map((reference): RuleOutcome => {
    const img = resolve(reference);
    if (!img) return { reference, imageId: '', action: 'refused', refusal: 'not-found', forceable: false };
    const imageId = img.id;
    const named = familiar(withTag(reference));

    if (!isIdPrefix(img.id, reference) && refsOf(img).includes(named)) {
      if (!force && isSingleReference(refsOf(img)) && users(img.id).length > 0) {
        return { reference, imageId, action: 'refused', refusal: 'in-use', forceable: true };
      }
      const untagged = [named];
      removeRef(img, named);
      // A tag's repository keeps no digest references once its last tag there is gone.
      if (!named.includes('@') && !img.tags.some((t) => repoName(t) === repoName(named))) {
        for (const d of img.digests.filter((d) => repoName(d) === repoName(named))) {
          untagged.push(d);
          removeRef(img, d);
        }
      }
      if (refsOf(img).length > 0) return { reference, imageId, action: 'untag', untagged, remainingTags: img.tags };
      const blocked = conflict(img, { soft: !force, activeRef: false });
      // The engine ignores this conflict quietly: the image stays, untagged.
      if (blocked) {
        const keptBecause = blocked.refusal as 'in-use-running' | 'has-children' | 'in-use';
        return { reference, imageId, action: 'untag', untagged, remainingTags: [], keptBecause };
      }
      return { reference, imageId, action: 'delete', untagged, deleted: deleteWithParents(img) };
    }

    // By ID.
    if (isSingleReference(refsOf(img))) {
      const blocked = conflict(img, { soft: !force, activeRef: false });
      if (blocked) return { reference, imageId, action: 'refused', refusal: blocked.refusal, forceable: !blocked.hard };
    } else {
      const blocked = conflict(img, { soft: !force, activeRef: true });
      if (blocked) return { reference, imageId, action: 'refused', refusal: blocked.refusal, forceable: !blocked.hard };
    }
    const untagged = refsOf(img);
    img.tags = [];
    img.digests = [];
    return { reference, imageId, action: 'delete', untagged, deleted: deleteWithParents(img) };
  });
};

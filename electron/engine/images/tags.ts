const isDanglingTag = (t: string): boolean => t === '<none>:<none>';

/** Podman answers `RepoTags: null` for dangling images, Docker `["<none>:<none>"]`; both mean none. */
export const normaliseTags = (tags: string[] | null | undefined): string[] =>
  (tags ?? []).filter((t) => !isDanglingTag(t));

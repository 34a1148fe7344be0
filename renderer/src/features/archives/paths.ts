/** "fixture/app:1.0" → "fixture_app_1.0.tar": a file name any OS accepts. */
export const archiveNameFor = (references: readonly string[]): string => {
  const first = references[0] ?? 'images';
  const base = first
    .replace(/^sha256:/, '')
    .replace(/[^A-Za-z0-9._-]+/g, '_')
    .replace(/^[._-]+/, '')
    .slice(0, 100);
  const more = references.length > 1 ? `_and_${references.length - 1}_more` : '';
  return `${base || 'images'}${more}.tar`;
};

/** Joins with the separator the directory already uses (Windows paths come from a Windows main side). */
export const joinPath = (dir: string, name: string): string => {
  const sep = dir.includes('\\') && !dir.includes('/') ? '\\' : '/';
  return dir.endsWith(sep) ? dir + name : dir + sep + name;
};

/** Swaps a path's archive extension for the compression chosen: .tar ↔ .tar.gz (and .tgz). */
export const withCompression = (path: string, gzip: boolean): string => {
  if (gzip) return /\.(tar\.gz|tgz)$/i.test(path) ? path : path.replace(/\.tar$/i, '') + '.tar.gz';
  return path.replace(/\.(tar\.gz|tgz)$/i, '.tar');
};

/** The references typed in a text area: one per line (commas and spaces also separate). */
export const parseReferences = (text: string): string[] => [
  ...new Set(
    text
      .split(/[\s,]+/)
      .map((s) => s.trim())
      .filter(Boolean),
  ),
];

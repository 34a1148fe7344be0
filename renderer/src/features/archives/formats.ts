/**
 * What the load file picker offers: every archive `docker load` reads
 * (plain, gzip, bzip2 and xz tars) and zstd tars, which Lading decompresses.
 */
export const LOADABLE_ARCHIVES = [
  '.tar',
  '.tar.gz',
  '.tgz',
  '.tar.bz2',
  '.tbz2',
  '.tar.xz',
  '.txz',
  '.tar.zst',
  'application/x-tar',
  'application/gzip',
  'application/x-bzip2',
  'application/x-xz',
  'application/zstd',
].join(',');

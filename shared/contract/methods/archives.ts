import { z } from 'zod';
import { operation, returns } from '../define';
import type { ByteProgress, LoadResult, SaveResult } from '../models';
import { AbsolutePath, FileSource, ImageRef } from '../schemas';

/** Images to and from files: save, load (and later import, export). */
export const archiveMethods = {
  /**
   * Save images (tags kept) to one tar archive at `path` on the main side.
   * Writes `path.partial` and renames on success, so nothing that looks
   * complete is left behind by a cancel or failure.
   */
  'images.save': operation(
    z
      .object({
        references: z.array(ImageRef).min(1).max(1000),
        path: AbsolutePath,
        overwrite: z.boolean().default(false),
      })
      .strict(),
    returns<ByteProgress>(),
    returns<SaveResult>(),
  ),

  /**
   * `docker load -i`: load the images of a docker-archive (plain or gzip).
   * Progress counts the archive's bytes read; the result names what loaded.
   */
  'images.load': operation(z.object({ source: FileSource }).strict(), returns<ByteProgress>(), returns<LoadResult>()),
} as const;

import { z } from 'zod';
import type { AnalyzeReport, FileContent, LayerSharing, LayersProgress, LayersSummary, TreeRow } from '../layerModels';
import { operation, request, returns } from '../define';
import type { ByteProgress } from '../models';
import { AbsolutePath, ImageRef } from '../schemas';

/** An image ID as the engine reports it (`sha256:` + 64 hex; Podman may omit the prefix). */
export const ImageId = z.string().regex(/^(sha256:)?[a-f0-9]{64}$/, 'must be an image ID');

/** A layer's position (0 = bottom layer). */
const LayerIndex = z.number().int().min(0).max(10_000);
/** A path inside the image ("etc/passwd"). */
const ImagePath = z.string().min(1).max(4096);

/** Which tree: the filesystem as of `layer`, or only what `layer` changed. */
const view = { imageId: ImageId, layer: LayerIndex, onlyChanges: z.boolean().default(false) };

/** The layer explorer: files per layer, waste, sharing, file content. */
export const layerMethods = {
  /**
   * Reads the image's layers by streaming it from the engine
   * (`/images/{id}/get`) and counts waste. Cached by image ID: a second
   * call answers at once. Progress: archive bytes and layers read.
   */
  'layers.analyze': operation(
    z.object({ reference: ImageRef }).strict(),
    returns<LayersProgress>(),
    returns<LayersSummary>(),
  ),

  /** A folder's children in a view (node 0 is the root). Needs a previous layers.analyze. */
  'layers.children': request(
    z.object({ ...view, node: z.number().int().min(0) }).strict(),
    returns<{ rows: TreeRow[] }>(),
  ),

  /** Paths in a view matching a substring (case-insensitive) and a minimum size, biggest first. */
  'layers.search': request(
    z
      .object({
        ...view,
        path: z.string().max(4096).default(''),
        minSize: z.number().min(0).default(0),
        limit: z.number().int().min(1).max(10_000).default(1000),
      })
      .strict(),
    returns<{ rows: TreeRow[]; total: number }>(),
  ),

  /** One file's content from a layer (streams the image again; text capped, binary detected). */
  'layers.readFile': operation(
    z.object({ imageId: ImageId, layer: LayerIndex, path: ImagePath }).strict(),
    returns<ByteProgress>(),
    returns<FileContent>(),
  ),

  /** Saves one file out of a layer: to a path (atomically) or, in serve mode, as a download. */
  'layers.saveFile': operation(
    z
      .object({
        imageId: ImageId,
        layer: LayerIndex,
        path: ImagePath,
        target: AbsolutePath.optional(),
        download: z.uuid().optional(),
        overwrite: z.boolean().default(false),
      })
      .strict()
      .refine((a) => (a.target === undefined) !== (a.download === undefined), {
        message: 'give exactly one of target and download',
      }),
    returns<ByteProgress>(),
    returns<{ path: string; bytes: number }>(),
  ),

  /** For each layer, the other local images that contain it. */
  'layers.sharing': request(z.object({ imageId: ImageId }).strict(), returns<{ layers: LayerSharing[] }>()),

  /** The full report (every wasted path), as `npm run analyze -- --json` prints it. */
  'layers.report': request(z.object({ imageId: ImageId }).strict(), returns<AnalyzeReport>()),
};

import { z } from 'zod';
import type { ExportResult, ImportResult } from '../archiveModels';
import { operation, request, returns } from '../define';
import type { ByteProgress, LoadResult, SaveResult } from '../models';
import { AbsolutePath, ContainerRef, FileSource, ImageRef } from '../schemas';
import { fileSubject, listSubject } from '../taskSubjects';

/** Instructions `docker import --change` / `docker commit --change` accept. */
export const CHANGE_INSTRUCTIONS = [
  'CMD',
  'ENTRYPOINT',
  'ENV',
  'EXPOSE',
  'LABEL',
  'ONBUILD',
  'USER',
  'VOLUME',
  'WORKDIR',
] as const;

/** One `--change` line: an allowed Dockerfile instruction and its argument. */
export const ChangeLine = z
  .string()
  .trim()
  .max(4096)
  .refine((line) => new RegExp(`^(${CHANGE_INSTRUCTIONS.join('|')})\\s+\\S`, 'i').test(line), {
    message: `must be one of ${CHANGE_INSTRUCTIONS.join(', ')} followed by its argument`,
  });

/** A URL the engine downloads a root file system tarball from. */
export const TarballUrl = z.url({ protocol: /^https?$/ }).max(4096);

/** A tarball for import: a file (path or upload, as for load) or a URL. */
export const ImportSource = z.discriminatedUnion('kind', [
  ...FileSource.options,
  z.object({ kind: z.literal('url'), url: TarballUrl }).strict(),
]);
export type ImportSource = z.infer<typeof ImportSource>;

/**
 * Where a save or export goes: `path`, a file on the main side (desktop:
 * anywhere the user picks; serve mode: inside the files roots), or
 * `download`, an id from `downloads.create` (serve mode: the bytes stream
 * to the browser, which stores them on its own computer). Exactly one.
 */
const archiveTarget = {
  path: AbsolutePath.optional(),
  download: z.uuid().optional(),
  overwrite: z.boolean().default(false),
};
const oneTarget = (a: { path?: string | undefined; download?: string | undefined }) =>
  (a.path === undefined) !== (a.download === undefined);
const oneTargetMessage = { message: 'give exactly one of path and download' };

/** A file name for the browser to store a download under (no folders). */
export const DownloadName = z
  .string()
  .min(1)
  .max(255)
  .regex(/^[^\\/\0]+$/, 'must be a file name without folders');

/** Images to and from files: save, load, import, export. */
export const archiveMethods = {
  /**
   * Save images (tags kept) to one tar archive at `path` on the main side,
   * optionally gzip-compressed. Writes `path.partial` and renames on
   * success, so nothing that looks complete is left behind by a cancel or failure.
   */
  'images.save': operation(
    z
      .object({
        references: z.array(ImageRef).min(1).max(1000),
        ...archiveTarget,
        gzip: z.boolean().default(false),
      })
      .strict()
      .refine(oneTarget, oneTargetMessage),
    returns<ByteProgress>(),
    returns<SaveResult>(),
    { kind: 'save', subject: (a) => listSubject(a.references) },
  ),

  /**
   * `docker load -i`: load the images of a docker-archive or an OCI layout
   * archive (plain or gzip). OCI archives are converted on the fly for
   * engines that cannot read them. Progress counts the archive's bytes read;
   * the result names what loaded.
   */
  'images.load': operation(z.object({ source: FileSource }).strict(), returns<ByteProgress>(), returns<LoadResult>(), {
    kind: 'load',
    subject: (a) => fileSubject(a.source),
    note: (r) => listSubject(r.images),
    tabBound: (a) => a.source.kind === 'upload',
  }),

  /**
   * `docker import`: a root file system tarball (file or URL) becomes a new
   * one-layer image, with an optional reference, commit message and
   * `--change` instructions.
   */
  'images.import': operation(
    z
      .object({
        source: ImportSource,
        reference: ImageRef.optional(),
        message: z.string().max(1000).optional(),
        changes: z.array(ChangeLine).max(100).default([]),
      })
      .strict(),
    returns<ByteProgress>(),
    returns<ImportResult>(),
    {
      kind: 'import',
      subject: (a) => a.reference ?? (a.source.kind === 'url' ? a.source.url : fileSubject(a.source)),
      note: (r) => r.reference ?? r.id,
      tabBound: (a) => a.source.kind === 'upload',
      afterCancel: (a) => (a.source.kind === 'url' ? 'urlImport' : undefined),
    },
  ),

  /**
   * Serve mode: prepare a download the browser fetches from `url` (same
   * token/cookie checks as the page). Pass `downloadId` as `download` to
   * images.save or containers.export; the bytes flow as the engine sends
   * them. One use only; an unused one expires.
   */
  'downloads.create': request(
    z.object({ name: DownloadName }).strict(),
    returns<{ downloadId: string; url: string }>(),
  ),

  /** `docker export -o`: a container's file system to a flat tar, `.partial` then rename. */
  'containers.export': operation(
    z
      .object({
        container: ContainerRef,
        ...archiveTarget,
      })
      .strict()
      .refine(oneTarget, oneTargetMessage),
    returns<ByteProgress>(),
    returns<ExportResult>(),
    { kind: 'export', subject: (a) => a.container },
  ),
} as const;

import { z } from 'zod';
import { operation, request, returns, type OperationDef, type RequestDef } from './define';
import type {
  ByteProgress,
  ConnectionState,
  FileSystemChoice,
  HostInfo,
  ImageSummary,
  LoadResult,
  SaveResult,
} from './models';

/** An absolute path on the main side's file system (POSIX or Windows). */
const AbsolutePath = z
  .string()
  .min(1)
  .max(4096)
  .refine((p) => p.startsWith('/') || /^[A-Za-z]:[\\/]/.test(p) || p.startsWith('\\\\'), {
    message: 'must be an absolute path',
  });

/** An image reference or ID as the user typed it; the engine has the final word on its grammar. */
const ImageRef = z
  .string()
  .trim()
  .min(1)
  .max(512)
  .regex(/^[^\s]+$/, 'must not contain white space');

const Empty = z.object({}).strict();

/**
 * A file the main side reads. Desktop: a path (a dropped file's path comes
 * from the preload). Serve mode: an upload the browser streams over HTTP
 * after `uploads.create`.
 */
export const FileSource = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('path'), path: AbsolutePath }).strict(),
  z.object({ kind: z.literal('upload'), uploadId: z.uuid() }).strict(),
]);
export type FileSource = z.infer<typeof FileSource>;

/**
 * The whole main/renderer API, declared once. Adding a method means one entry
 * here, its handler in electron/api/handlers, and its UI; transports and the
 * preload never change per method.
 */
export const api = {
  /** Which host the renderer runs in, and what it can do. */
  'app.hostInfo': request(Empty, returns<HostInfo>()),

  /** The current engine connection (also pushed on the `connection` topic). */
  'engine.connection': request(Empty, returns<ConnectionState>()),
  /** Retry connecting now instead of waiting for the backoff. */
  'engine.reconnect': request(Empty, returns<ConnectionState>()),

  /** All images, one entry per image ID (`docker images` without intermediate layers). */
  'images.list': request(Empty, returns<ImageSummary[]>()),

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

  /**
   * Serve mode: announce a file the browser will stream to the main side.
   * Returns the id to use as `{ kind: 'upload', uploadId }` and the URL path
   * to POST the bytes to. Unused uploads expire.
   */
  'uploads.create': request(
    z
      .object({
        name: z.string().min(1).max(255),
        size: z.number().int().nonnegative(),
      })
      .strict(),
    returns<{ uploadId: string; path: string }>(),
  ),

  /** Ask a running operation to stop; its final state arrives as `cancelled`. */
  'operations.cancel': request(
    z.object({ operationId: z.string().min(1).max(100) }).strict(),
    returns<{ cancelled: boolean }>(),
  ),

  /** Native "save as" dialog (desktop only; see HostInfo.nativeDialogs). */
  'host.pickSavePath': request(
    z.object({ defaultName: z.string().min(1).max(255) }).strict(),
    returns<FileSystemChoice>(),
  ),
} as const;

export type Api = typeof api;
export type MethodName = keyof Api;

type AnyRequest = RequestDef<z.ZodType, unknown>;
type AnyOperation = OperationDef<z.ZodType, unknown, unknown>;

export type RequestName = {
  [M in MethodName]: Api[M] extends AnyRequest ? M : never;
}[MethodName];
export type OperationName = {
  [M in MethodName]: Api[M] extends AnyOperation ? M : never;
}[MethodName];

/** What a caller passes (defaults may be omitted). */
export type ArgsOf<M extends MethodName> = z.input<Api[M]['args']>;
/** What a handler receives (validated, defaults applied). */
export type ParsedArgsOf<M extends MethodName> = z.output<Api[M]['args']>;
export type ResultOf<M extends MethodName> = Api[M]['result'] extends { readonly __returns?: infer R } ? R : never;
export type ProgressOf<M extends OperationName> = Api[M]['progress'] extends { readonly __returns?: infer P }
  ? P
  : never;

export const isMethodName = (name: string): name is MethodName => Object.hasOwn(api, name);

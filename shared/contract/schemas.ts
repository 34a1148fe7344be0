import { z } from 'zod';
import { isAbsolutePathOn } from './absolutePath';
import { parseReference } from './reference';

const mainPlatform = (): string => (typeof process !== 'undefined' && process.platform) || 'linux';

export const AbsolutePath = z
  .string()
  .min(1)
  .max(4096)
  .refine((p) => !p.includes('\0') && isAbsolutePathOn(p, mainPlatform()), {
    message: 'must be an absolute path on this machine',
  });

const HEX_ID = /^[a-f0-9]{1,64}$/;
const SHA256_ID = /^sha256:[a-f0-9]{1,64}$/;
const CONTAINER_NAME = /^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/;

/** An image ID: full or short hex, with or without `sha256:`. */
export const ImageId = z
  .string()
  .max(71)
  .refine((v) => HEX_ID.test(v) || SHA256_ID.test(v), { message: 'must be an image ID (hex, optionally sha256:)' });

/** A content digest (`sha256:<64 hex>`, or another registered algorithm). */
export const Digest = z
  .string()
  .max(255)
  .regex(/^[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[a-zA-Z0-9=_-]{32,}$/, 'must be a digest such as sha256:<64 hex>');

/**
 * An image the engine already has: a reference in Docker's grammar
 * (`name[:tag][@digest]`, see reference.ts) or an image ID. Checked here so
 * nothing else (`../`, a leading `/`, `//`, a URL, NUL, `?`) reaches the
 * engine's URL paths: the engine answers those with a redirect.
 */
export const ImageRef = z
  .string()
  .trim()
  .min(1)
  .max(512)
  .superRefine((v, ctx) => {
    if (HEX_ID.test(v) || SHA256_ID.test(v)) return;
    const parsed = parseReference(v, { allowDigest: true });
    if (!parsed.ok) ctx.addIssue({ code: 'custom', message: `not an image reference or ID (${parsed.problem})` });
  });

/** A container: its name (Docker's grammar) or its ID (full or short hex). */
export const ContainerRef = z
  .string()
  .trim()
  .min(1)
  .max(256)
  .refine((v) => CONTAINER_NAME.test(v) || HEX_ID.test(v), {
    message: 'must be a container name ([a-zA-Z0-9][a-zA-Z0-9_.-]*) or ID',
  });

export const Empty = z.object({}).strict();

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

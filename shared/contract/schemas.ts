import { z } from 'zod';

/**
 * An absolute path on the main side's file system. Which form counts
 * depends on the main side's platform: `C:\x.tar` and `\\srv\x.tar` are
 * absolute on Windows but relative names on Linux (they would land in the
 * working directory), so the refinement asks the platform the contract is
 * checked on.
 */
export const isAbsolutePathOn = (p: string, platform: string): boolean =>
  platform === 'win32' ? /^[A-Za-z]:[\\/]/.test(p) || /^\\\\[^\\]+\\[^\\]+/.test(p) : p.startsWith('/');

const mainPlatform = (): string => (typeof process !== 'undefined' && process.platform) || 'linux';

export const AbsolutePath = z
  .string()
  .min(1)
  .max(4096)
  .refine((p) => !p.includes('\0') && isAbsolutePathOn(p, mainPlatform()), {
    message: 'must be an absolute path on this machine',
  });

/** An image reference or ID as the user typed it; the engine has the final word on its grammar. */
export const ImageRef = z
  .string()
  .trim()
  .min(1)
  .max(512)
  .regex(/^[^\s]+$/, 'must not contain white space');

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

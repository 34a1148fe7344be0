import { z } from 'zod';
import { request, returns } from '../define';
import type { FileSystemChoice, HostInfo } from '../models';
import { Empty } from '../schemas';

/** The app itself: host facts, uploads, operations and native dialogs. */
export const appMethods = {
  /** Which host the renderer runs in, and what it can do. */
  'app.hostInfo': request(Empty, returns<HostInfo>()),

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

  /**
   * The UI language the user picked, so the desktop shell can speak it too
   * (the application menu). Serve mode has no menu: `applied` is false.
   */
  'host.setLanguage': request(
    z.object({ language: z.enum(['en', 'zh-CN']) }).strict(),
    returns<{ applied: boolean }>(),
  ),
} as const;

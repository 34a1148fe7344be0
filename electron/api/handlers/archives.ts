import type { Readable } from 'node:stream';
import type { FileSource } from '../../../shared/contract/api';
import { ApiError } from '../../../shared/contract/errors';
import { DOWNLOAD_PATH } from '../../../shared/contract/protocol';
import { exportContainer } from '../../engine/archives/export';
import { importImage } from '../../engine/archives/import';
import { loadImages } from '../../engine/archives/load';
import { loadFile } from '../../engine/archives/loadFile';
import { saveImages, type ArchiveDestination } from '../../engine/archives/save';
import { toApiError } from '../../engine/errors';
import { openRegularFile } from '../../engine/files/readable';
import { checkInsideRoots } from '../../engine/files/roots';
import type { DownloadSink } from '../downloads';
import type { OperationHandler, RequestHandler } from '../types';
import type { HandlerDeps } from './deps';

/** Images to and from files. */
export const archiveHandlers = ({ uploads, downloads, host }: HandlerDeps) => {
  const roots = host.fileRoots;

  /**
   * Opens what a FileSource names, with its size when known. A path must be
   * a regular, readable file (inside the files roots in serve mode): a
   * folder, pipe, socket or device is refused by name before anything is read.
   */
  const openSource = async (
    source: FileSource,
    sessionId: string,
    signal: AbortSignal,
    /** A browser upload's file name, for the task's subject. */
    onName?: (name: string) => void,
  ): Promise<{ stream: Readable; size?: number }> => {
    if (source.kind === 'upload') {
      const announced = uploads.nameOf(source.uploadId);
      if (announced) onName?.(announced);
      const upload = await uploads.take(source.uploadId, sessionId, signal);
      return { stream: upload.body, size: upload.size };
    }
    await checkInsideRoots(source.path, roots, 'read');
    // Same chunk size as the load stages (see BUFFER in engine/load.ts).
    return openRegularFile(source.path, 256 * 1024);
  };

  /** A save's or export's target: a file (serve mode: inside the roots) or the browser's download. */
  const destinationFor = async (
    args: { path?: string | undefined; download?: string | undefined; overwrite: boolean },
    sessionId: string,
    signal: AbortSignal,
  ): Promise<{ destination: ArchiveDestination; sink?: DownloadSink }> => {
    if (args.download !== undefined) {
      const sink = await downloads.take(args.download, sessionId, signal);
      return { destination: { kind: 'stream', name: sink.name, open: () => sink.begin() }, sink };
    }
    const path = args.path as string; // the contract requires exactly one of path and download
    await checkInsideRoots(path, roots, 'write');
    return { destination: { kind: 'file', path, overwrite: args.overwrite } };
  };

  /** Runs a save or export; a failure reaches the browser's download too. */
  const withDestination = async <R>(
    args: { path?: string | undefined; download?: string | undefined; overwrite: boolean },
    sessionId: string,
    signal: AbortSignal,
    run: (destination: ArchiveDestination) => Promise<R>,
  ): Promise<R> => {
    const { destination, sink } = await destinationFor(args, sessionId, signal);
    try {
      return await run(destination);
    } catch (err) {
      sink?.fail(toApiError(err));
      throw err;
    }
  };

  const save: OperationHandler<'images.save'> = ({ references, gzip, ...target }, ctx) =>
    withDestination(target, ctx.session.id, ctx.signal, (destination) =>
      saveImages(ctx.engine.docker, { references, gzip, destination, signal: ctx.signal, onProgress: ctx.progress }),
    );

  const load: OperationHandler<'images.load'> = async ({ source }, ctx) => {
    if (source.kind === 'path') {
      await checkInsideRoots(source.path, roots, 'read');
      return loadFile(ctx.engine.docker, { path: source.path, signal: ctx.signal, onProgress: ctx.progress });
    }
    const { stream, size } = await openSource(source, ctx.session.id, ctx.signal, ctx.describe);
    return loadImages(ctx.engine.docker, {
      source: stream,
      ...(size !== undefined ? { size } : {}),
      signal: ctx.signal,
      onProgress: ctx.progress,
    });
  };

  const importTarball: OperationHandler<'images.import'> = async ({ source, reference, message, changes }, ctx) => {
    const from =
      source.kind === 'url'
        ? ({ kind: 'url', url: source.url } as const)
        : await openSource(source, ctx.session.id, ctx.signal, reference ? undefined : ctx.describe).then(
            ({ stream, size }) => ({
              kind: 'stream' as const,
              stream,
              ...(size !== undefined ? { size } : {}),
            }),
          );
    return importImage(ctx.engine.docker, {
      source: from,
      ...(reference ? { reference } : {}),
      ...(message ? { message } : {}),
      changes,
      signal: ctx.signal,
      onProgress: ctx.progress,
    });
  };

  const exportFs: OperationHandler<'containers.export'> = ({ container, ...target }, ctx) =>
    withDestination(target, ctx.session.id, ctx.signal, (destination) =>
      exportContainer(ctx.engine.docker, { container, destination, signal: ctx.signal, onProgress: ctx.progress }),
    );

  const createDownload: RequestHandler<'downloads.create'> = async ({ name }, { session }) => {
    if (host.info.mode !== 'serve') {
      throw new ApiError('INVALID_ARGUMENT', 'downloads are for serve mode; the desktop app writes the path picked');
    }
    const downloadId = downloads.create(session.id, name);
    return { downloadId, url: `${DOWNLOAD_PATH}/${downloadId}` };
  };

  return {
    'images.save': save,
    'images.load': load,
    'images.import': importTarball,
    'containers.export': exportFs,
    'downloads.create': createDownload,
  };
};

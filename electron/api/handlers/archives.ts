import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import type { FileSource } from '../../../shared/contract/api';
import { toApiError } from '../../engine/errors';
import { exportContainer } from '../../engine/archives/export';
import { importImage } from '../../engine/archives/import';
import { loadImages } from '../../engine/archives/load';
import { saveImages } from '../../engine/archives/save';
import type { OperationHandler } from '../types';
import type { HandlerDeps } from './deps';

/** Images to and from files. */
export const archiveHandlers = ({ uploads }: HandlerDeps) => {
  /** Opens what a FileSource names, with its size when known. */
  const openSource = async (
    source: FileSource,
    sessionId: string,
    signal: AbortSignal,
  ): Promise<{ stream: Readable; size?: number }> => {
    if (source.kind === 'upload') {
      const upload = await uploads.take(source.uploadId, sessionId, signal);
      return { stream: upload.body, size: upload.size };
    }
    try {
      const info = await stat(source.path);
      // Same chunk size as the load stages (see BUFFER in engine/load.ts).
      return { stream: createReadStream(source.path, { highWaterMark: 256 * 1024 }), size: info.size };
    } catch (err) {
      throw toApiError(err, { path: source.path });
    }
  };

  const save: OperationHandler<'images.save'> = (args, ctx) =>
    saveImages(ctx.engine.docker, { ...args, signal: ctx.signal, onProgress: ctx.progress });

  const load: OperationHandler<'images.load'> = async ({ source }, ctx) => {
    const { stream, size } = await openSource(source, ctx.session.id, ctx.signal);
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
        : await openSource(source, ctx.session.id, ctx.signal).then(({ stream, size }) => ({
            kind: 'stream' as const,
            stream,
            ...(size !== undefined ? { size } : {}),
          }));
    return importImage(ctx.engine.docker, {
      source: from,
      ...(reference ? { reference } : {}),
      ...(message ? { message } : {}),
      changes,
      signal: ctx.signal,
      onProgress: ctx.progress,
    });
  };

  const exportFs: OperationHandler<'containers.export'> = (args, ctx) =>
    exportContainer(ctx.engine.docker, { ...args, signal: ctx.signal, onProgress: ctx.progress });

  return {
    'images.save': save,
    'images.load': load,
    'images.import': importTarball,
    'containers.export': exportFs,
  };
};

import type { Readable } from 'node:stream';
import type Docker from 'dockerode';
import { ApiError } from '../../../shared/contract/errors';
import type { FileContent } from '../../../shared/contract/layerModels';
import { checkTarget, writeAtomically, writeToSink } from '../../engine/archives/atomicFile';
import { toApiError } from '../../engine/errors';
import { checkInsideRoots } from '../../engine/files/roots';
import { analyzeImage, requireAnalysis } from '../../engine/layers/analyze';
import { looksBinary, readCapped, TEXT_CAP, withLayerEntry } from '../../engine/layers/entryStream';
import { layerSharing } from '../../engine/layers/sharing';
import { ByteCounter, RateMeter } from '../../engine/progress';
import type { OperationHandler, RequestHandler } from '../types';
import type { HandlerDeps } from './deps';

/** @types/dockerode lacks getImages (GET /images/get?names=…), which dockerode has. */
type DockerWithSave = Docker & {
  getImages(opts: { names: string[]; abortSignal?: AbortSignal }): Promise<NodeJS.ReadableStream>;
};

const exportOf = async (docker: Docker, imageId: string, signal: AbortSignal): Promise<Readable> => {
  try {
    return (await (docker as DockerWithSave).getImages({
      names: [imageId],
      abortSignal: signal,
    })) as unknown as Readable;
  } catch (err) {
    throw signal.aborted ? new ApiError('CANCELLED', 'Cancelled') : toApiError(err, { imageId });
  }
};

const notInLayer = (path: string, layer: number): ApiError =>
  new ApiError('NOT_FOUND', `${path} is not in layer ${layer + 1}`, { path, layer });

/** The layer explorer: analysis, tree, files, sharing, report. */
export const layerHandlers = ({ downloads, host }: HandlerDeps) => {
  const analyze: OperationHandler<'layers.analyze'> = async ({ reference }, ctx) =>
    (await analyzeImage(ctx.engine.docker, reference, { signal: ctx.signal, onProgress: ctx.progress })).summary;

  const children: RequestHandler<'layers.children'> = async ({ imageId, layer, onlyChanges, node }) => ({
    rows: requireAnalysis(imageId).children(layer, onlyChanges, node),
  });

  const search: RequestHandler<'layers.search'> = async ({ imageId, layer, onlyChanges, path, minSize, limit }) =>
    requireAnalysis(imageId).search(layer, onlyChanges, path, minSize, limit);

  /** Where a file's bytes are, or a clear "not there". */
  const locate = (imageId: string, layer: number, path: string) => {
    const where = requireAnalysis(imageId).locate(layer, path);
    if (!where) throw notInLayer(path, layer);
    return where;
  };

  /** Byte progress over the image's export while looking for one entry. */
  const counting = (source: Readable, onProgress: (p: { bytes: number; bytesPerSecond: number }) => void) => {
    const meter = new RateMeter(Date.now());
    let bytes = 0;
    source.on('data', (chunk: Buffer) => {
      bytes += chunk.length;
      onProgress({ bytes, bytesPerSecond: meter.sample(bytes, Date.now()) });
    });
    return source;
  };

  const readFile: OperationHandler<'layers.readFile'> = async ({ imageId, layer, path }, ctx) => {
    const where = locate(imageId, layer, path);
    const shown = path.startsWith('/') ? path : `/${path}`;
    if (where.kind !== 'file') {
      return {
        path: shown,
        size: 0,
        binary: false,
        truncated: false,
        kind: where.kind,
        ...(where.link ? { link: where.link } : {}),
      };
    }
    const source = counting(await exportOf(ctx.engine.docker, imageId, ctx.signal), ctx.progress);
    let found;
    try {
      found = await withLayerEntry(source, where.member, where.entryPath, (data) => readCapped(data, TEXT_CAP));
    } catch (err) {
      throw ctx.signal.aborted ? new ApiError('CANCELLED', 'Cancelled') : toApiError(err, { path });
    }
    if (!found) throw notInLayer(path, layer);
    const { bytes, truncated } = found.value;
    const binary = looksBinary(bytes, truncated);
    const content: FileContent = { path: shown, size: where.size, binary, truncated, kind: 'file' };
    if (!binary) content.text = bytes.toString('utf8');
    return content;
  };

  const saveFile: OperationHandler<'layers.saveFile'> = async (
    { imageId, layer, path, target, download, overwrite },
    ctx,
  ) => {
    const where = locate(imageId, layer, path);
    if (where.kind !== 'file') {
      throw new ApiError('NOT_A_FILE', `${path} is a ${where.kind === 'dir' ? 'folder' : where.kind}, not a file`, {
        path,
        kind: where.kind === 'dir' ? 'folder' : 'other',
      });
    }
    const sink = download !== undefined ? await downloads.take(download, ctx.session.id, ctx.signal) : undefined;
    try {
      if (target !== undefined) {
        await checkInsideRoots(target, host.fileRoots, 'write');
        await checkTarget(target, overwrite);
      }
      const total = where.size;
      const meter = new RateMeter(Date.now());
      const written = new ByteCounter((bytes) =>
        ctx.progress({ bytes, total, bytesPerSecond: meter.sample(bytes, Date.now()) }),
      );
      const source = await exportOf(ctx.engine.docker, imageId, ctx.signal);
      const found = await withLayerEntry(source, where.member, where.entryPath, (data) =>
        sink
          ? writeToSink(
              async () => data,
              [written],
              () => sink.begin(),
              ctx.signal,
            )
          : writeAtomically(async () => data, [written], target!, ctx.signal),
      );
      if (!found) throw notInLayer(path, layer);
      return { path: sink ? sink.name : target!, bytes: written.bytes };
    } catch (err) {
      const apiErr = ctx.signal.aborted ? new ApiError('CANCELLED', 'Cancelled') : toApiError(err, { path });
      sink?.fail(apiErr);
      throw apiErr;
    }
  };

  const sharing: RequestHandler<'layers.sharing'> = async ({ imageId }, { engine }) => {
    try {
      return { layers: await layerSharing(engine.docker, imageId) };
    } catch (err) {
      throw toApiError(err, { imageId });
    }
  };

  const report: RequestHandler<'layers.report'> = async ({ imageId }) => requireAnalysis(imageId).report(imageId);

  return {
    'layers.analyze': analyze,
    'layers.children': children,
    'layers.search': search,
    'layers.readFile': readFile,
    'layers.saveFile': saveFile,
    'layers.sharing': sharing,
    'layers.report': report,
  };
};

import type { Readable } from 'node:stream';
import type Docker from 'dockerode';
import { ApiError } from '../../../shared/contract/errors';
import type { LayersProgress, LayersSummary } from '../../../shared/contract/layerModels';
import { toApiError } from '../errors';
import { RateMeter } from '../progress';
import { LayerAnalysis } from './analysis';
import { Lru } from './cache';
import { imageLayout, layerCommands, LayoutError } from './layout';
import { LayerReadError, readImageArchive, type ReadOptions } from './readArchive';

/** @types/dockerode lacks getImages (GET /images/get?names=…, with an abort signal), which dockerode has. */
type DockerWithSave = Docker & {
  getImages(opts: { names: string[]; abortSignal?: AbortSignal }): Promise<NodeJS.ReadableStream>;
};

/** Analyses kept (by image ID: an ID names immutable content). ~100,000 paths cost ~20 MB. */
const CACHE_SIZE = 4;
const cache = new Lru<string, LayerAnalysis>(CACHE_SIZE);

export const cachedAnalysis = (imageId: string): LayerAnalysis | undefined => cache.get(normalizeId(imageId));

export const normalizeId = (id: string): string => (id.startsWith('sha256:') ? id : `sha256:${id}`);

/** Turns what an archive's reading threw into one sentence for the user. */
const readFailure = (err: unknown, signal: AbortSignal): ApiError => {
  if (signal.aborted) return new ApiError('CANCELLED', 'Cancelled');
  if (err instanceof LayoutError) {
    return new ApiError(
      'LAYERS_UNREADABLE',
      `the engine's export of this image is not laid out as expected: ${err.message}`,
    );
  }
  if (err instanceof LayerReadError) {
    return new ApiError('LAYERS_UNREADABLE', `a layer in the engine's export could not be read (${err.message})`, {
      member: err.member,
    });
  }
  return toApiError(err);
};

/** Builds the analysis from an archive stream (the engine's or a file's: tests feed OCI layouts this way). */
export const analyzeArchive = async (
  source: Readable,
  imageId: string | undefined,
  opts: ReadOptions = {},
): Promise<LayerAnalysis> => {
  const contents = await readImageArchive(source, opts);
  const layout = imageLayout(contents, imageId);
  const layers = layout.layers.map((l) => contents.layers.get(l.member)!);
  return new LayerAnalysis(
    imageId ?? layout.configDigest ?? '',
    contents.paths,
    layers,
    layout.layers.map((l) => l.member),
    layout.layers.map((l) => l.diffId),
    layerCommands(layout.config, layers.length),
  );
};

export interface AnalyzeOptions {
  signal: AbortSignal;
  onProgress?: (p: LayersProgress) => void;
}

/**
 * Reads an image's layers by streaming `docker save` from the engine and
 * keeps the analysis by image ID, so a second open is instant.
 */
export const analyzeImage = async (
  docker: Docker,
  reference: string,
  opts: AnalyzeOptions,
): Promise<{ analysis: LayerAnalysis; summary: LayersSummary }> => {
  const started = performance.now();
  let info: Docker.ImageInspectInfo;
  try {
    info = await docker.getImage(reference).inspect();
  } catch (err) {
    throw toApiError(err, { reference });
  }
  const imageId = normalizeId(info.Id);
  const kept = cache.get(imageId);
  if (kept) return { analysis: kept, summary: kept.summary(reference, true, performance.now() - started) };

  const layersTotal = info.RootFS?.Layers?.length;
  const total = info.Size;
  const meter = new RateMeter(Date.now());
  let bytes = 0;
  let layersDone = 0;
  let last = 0;
  const report = (force: boolean): void => {
    const now = Date.now();
    if (!force && now - last < 100) return;
    last = now;
    opts.onProgress?.({
      bytes,
      total: Math.max(total, bytes),
      totalIsEstimate: true,
      bytesPerSecond: meter.sample(bytes, now),
      layersDone,
      ...(layersTotal !== undefined ? { layersTotal } : {}),
    });
  };
  report(true);
  let stream: Readable;
  try {
    stream = (await (docker as DockerWithSave).getImages({
      names: [info.Id],
      abortSignal: opts.signal,
    })) as unknown as Readable;
  } catch (err) {
    throw opts.signal.aborted ? new ApiError('CANCELLED', 'Cancelled') : toApiError(err, { reference });
  }
  stream.on('data', (chunk: Buffer) => {
    bytes += chunk.length;
    report(false);
  });
  const onAbort = (): void => {
    stream.destroy(new ApiError('CANCELLED', 'Cancelled'));
  };
  opts.signal.addEventListener('abort', onAbort, { once: true });
  let analysis: LayerAnalysis;
  try {
    analysis = await analyzeArchive(stream, imageId, {
      onLayer: (n) => {
        layersDone = n;
        report(true);
      },
    });
  } catch (err) {
    stream.destroy();
    throw readFailure(err, opts.signal);
  } finally {
    opts.signal.removeEventListener('abort', onAbort);
  }
  report(true);
  cache.set(imageId, analysis);
  return { analysis, summary: analysis.summary(reference, false, performance.now() - started) };
};

/** The cached analysis, or a clear error when it is gone (evicted, or the backend restarted). */
export const requireAnalysis = (imageId: string): LayerAnalysis => {
  const a = cachedAnalysis(imageId);
  if (!a)
    throw new ApiError('NOT_FOUND', 'this image has not been analysed yet (or no longer is): open its layers again', {
      imageId,
    });
  return a;
};

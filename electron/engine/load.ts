import type { Readable } from 'node:stream';
import type Docker from 'dockerode';
import { ApiError } from '../../shared/contract/errors';
import type { ByteProgress, LoadResult } from '../../shared/contract/models';
import { toApiError } from './errors';
import { ByteCounter, RateMeter } from './progress';

export interface LoadOptions {
  source: Readable;
  /** The archive's size in bytes, when known (progress total). */
  size?: number;
  signal: AbortSignal;
  onProgress: (p: ByteProgress) => void;
}

interface LoadMessage {
  stream?: string;
  error?: string;
  errorDetail?: { message?: string };
}

/** "Loaded image: a:1" / "Loaded image ID: sha256:…" lines of the engine's answer. */
export const loadedImagesOf = (messages: readonly LoadMessage[]): string[] =>
  messages.flatMap((m) => {
    const match = /^Loaded image(?: ID)?: (\S+)/.exec(m.stream?.trim() ?? '');
    return match?.[1] ? [match[1]] : [];
  });

/**
 * `docker load`: streams an archive into the engine, counting bytes as the
 * engine reads them (so progress follows the engine, not the disk).
 */
export const loadImages = async (docker: Docker, opts: LoadOptions): Promise<LoadResult> => {
  const { signal } = opts;
  const meter = new RateMeter(Date.now());
  const counter = new ByteCounter((bytes) =>
    opts.onProgress({
      bytes,
      ...(opts.size ? { total: opts.size } : {}),
      bytesPerSecond: meter.sample(bytes, Date.now()),
    }),
  );
  opts.source.on('error', (err) => counter.destroy(err));
  opts.source.pipe(counter);
  const abort = () => {
    opts.source.destroy();
    counter.destroy();
  };
  signal.addEventListener('abort', abort, { once: true });
  try {
    const response = await docker.loadImage(counter as unknown as NodeJS.ReadableStream, {
      quiet: true,
      abortSignal: signal,
    });
    const messages = await new Promise<LoadMessage[]>((resolve, reject) => {
      const seen: LoadMessage[] = [];
      docker.modem.followProgress(
        response,
        (err: Error | null) => (err ? reject(err) : resolve(seen)),
        (m: LoadMessage) => seen.push(m),
      );
    });
    const failure = messages.find((m) => m.error || m.errorDetail);
    if (failure) {
      throw new ApiError(
        'INVALID_ARCHIVE',
        failure.errorDetail?.message ?? failure.error ?? 'the engine refused the archive',
      );
    }
    return { images: loadedImagesOf(messages), bytes: counter.bytes };
  } catch (err) {
    if (signal.aborted) throw new ApiError('CANCELLED', 'Load cancelled');
    throw toApiError(err);
  } finally {
    signal.removeEventListener('abort', abort);
    // The engine may stop reading early (a bad archive): release the source.
    if (!opts.source.readableEnded) opts.source.destroy();
  }
};

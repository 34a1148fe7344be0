import { finished, PassThrough, type Readable } from 'node:stream';
import type Docker from 'dockerode';
import tar from 'tar-stream';
import { ApiError } from '../../../shared/contract/errors';
import type { ByteProgress, LoadResult } from '../../../shared/contract/models';
import { canGetRaw, chunkedBody, rawEngineRequest } from './engineStream';
import { openTar } from './input';
import { repackForEngine } from './repack';
import { toApiError } from '../errors';
import type { Platform } from './ociToDocker';
import { ByteCounter, RateMeter } from '../progress';

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

// 256 KiB stages: a long-lived backend's peak RSS during a 1 GB load after a
// 1 GB save fell from 165 to 131 MiB against 1 MiB stages, at the same speed
// (bench:archives); bigger chunks linger in malloc arenas between GCs.
const BUFFER = 256 * 1024;

/** `docker load`'s request, quiet: the engine's answer is the list of loaded images. */
export const LOAD_PATH = '/images/load?quiet=1';

const enginePlatform = async (docker: Docker): Promise<Platform> => {
  const v = await docker.version();
  return { os: v.Os || 'linux', architecture: v.Arch || 'amd64' };
};

/** The engine's answer to a load, line by line. */
export const followLoad = (docker: Docker, response: NodeJS.ReadableStream | Readable): Promise<LoadMessage[]> =>
  new Promise((resolve, reject) => {
    const seen: LoadMessage[] = [];
    docker.modem.followProgress(
      response,
      (err: Error | null) => (err ? reject(err) : resolve(seen)),
      (m: LoadMessage) => seen.push(m),
    );
  });

/**
 * `docker load`: streams an archive into the engine, counting the file's
 * bytes as they are read. On the way it checks the archive (what kind of
 * file, every referenced layer present) and turns an OCI layout into a
 * docker-archive the engine accepts. When anything is wrong the upload to
 * the engine is cut before its end, so the engine loads nothing.
 */
export const loadImages = async (docker: Docker, opts: LoadOptions): Promise<LoadResult> => {
  const { signal, source } = opts;
  const meter = new RateMeter(Date.now());
  const counter = new ByteCounter((bytes) =>
    opts.onProgress({
      bytes,
      ...(opts.size ? { total: opts.size } : {}),
      bytesPerSecond: meter.sample(bytes, Date.now()),
    }),
  );
  // Whoever reads the counter watches it with finished() (see peek); this
  // keeps an error that comes before they do from being an uncaught one.
  counter.on('error', () => undefined);
  // A source that fails or closes before its end (an upload cut) ends the load.
  finished(source, { writable: false }, (err) => {
    if (err) counter.destroy(err);
  });
  source.pipe(counter);

  const pack = tar.pack();
  const body = new PassThrough({ highWaterMark: BUFFER });
  pack.on('error', (err: Error) => body.destroy(err));
  pack.pipe(body);

  const upload = new AbortController();
  let failure: ApiError | undefined;
  let converted = false;
  const fail = (err: ApiError) => {
    failure ??= err;
    upload.abort();
    source.destroy();
    counter.destroy();
    pack.destroy();
    body.destroy();
  };
  const onAbort = () => fail(new ApiError('CANCELLED', 'Load cancelled'));
  if (signal.aborted) onAbort();
  signal.addEventListener('abort', onAbort, { once: true });

  try {
    const platform = await enginePlatform(docker);
    const converting = (async () => repackForEngine(await openTar(counter), pack, platform))();
    converting.then(
      () => (converted = true),
      (err: unknown) => fail(toApiError(err)),
    );
    const loading = (async () => {
      const response = canGetRaw(docker)
        ? await rawEngineRequest(docker, 'POST', LOAD_PATH, upload.signal, chunkedBody(body, 'application/x-tar'))
        : await docker.loadImage(body as unknown as NodeJS.ReadableStream, {
            quiet: true,
            abortSignal: upload.signal,
          });
      return followLoad(docker, response);
    })();
    // The engine answers once it has read everything; an answer before the
    // archive's end means it gave up: stop feeding it.
    loading.then(
      (messages) => {
        if (!converted) fail(engineFailure(messages) ?? new ApiError('ENGINE_ERROR', 'the engine stopped reading'));
      },
      (err: unknown) => fail(toApiError(err)),
    );
    const [, loaded] = await Promise.allSettled([converting, loading]);
    if (signal.aborted) throw new ApiError('CANCELLED', 'Load cancelled');
    if (failure) throw failure;
    if (loaded.status === 'rejected') throw toApiError(loaded.reason);
    const refused = engineFailure(loaded.value);
    if (refused) throw refused;
    return { images: loadedImagesOf(loaded.value), bytes: counter.bytes };
  } catch (err) {
    if (signal.aborted) throw new ApiError('CANCELLED', 'Load cancelled');
    throw toApiError(err);
  } finally {
    signal.removeEventListener('abort', onAbort);
    if (!source.readableEnded) source.destroy();
  }
};

/**
 * The engine's refusal, if it refused. It loads an archive's images one
 * after another, so those before the failure stay loaded: `loaded` names
 * them, and the UI says the archive was only partly loaded.
 */
export const engineFailure = (messages: readonly LoadMessage[]): ApiError | undefined => {
  const failure = messages.find((m) => m.error || m.errorDetail);
  if (!failure) return undefined;
  const loaded = loadedImagesOf(messages);
  return new ApiError(
    'INVALID_ARCHIVE',
    failure.errorDetail?.message ?? failure.error ?? 'the engine refused the archive',
    { problem: 'engine-refused', ...(loaded.length ? { loaded } : {}) },
  );
};

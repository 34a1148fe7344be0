import type { Readable } from 'node:stream';
import type Docker from 'dockerode';
import type { HistoryLine, ImportResult } from '../../../shared/contract/archiveModels';
import { ApiError } from '../../../shared/contract/errors';
import type { ByteProgress } from '../../../shared/contract/models';
import { engineMessage, toApiError } from '../errors';
import { configSummary, inspectImage } from '../images/inspect';
import { splitTarget } from '../images/tag';
import { ByteCounter, RateMeter } from '../progress';
import { imageOf } from '../refs';
import { forgetLateImports, watchImports } from './lateImport';

export interface ImportOptions {
  /** A root file system tarball (plain or compressed), or a URL the engine fetches itself. */
  source: { kind: 'stream'; stream: Readable; size?: number } | { kind: 'url'; url: string };
  /** "repo:tag" for the new image; none leaves it untagged, as `docker import` does. */
  reference?: string;
  message?: string;
  /** Dockerfile instructions applied to the new image's config (`--change`). */
  changes: string[];
  signal: AbortSignal;
  onProgress: (p: ByteProgress) => void;
}

interface CreateMessage {
  status?: string;
  error?: string;
  errorDetail?: { message?: string };
  progressDetail?: { current?: number; total?: number };
}

/**
 * The engine's words when the URL's server refused: "failed to GET URL with
 * status 404 Not Found: <the server's whole HTML page>". The user gets one
 * sentence with the status; the page stays out.
 */
const URL_REFUSED = /failed to GET (\S+) with status (\d{3}[^:]*?)\s*:/;

/** The engine could not reach the URL at all: `Get "URL": dial tcp 127.0.0.1:1: connect: connection refused`. */
const URL_UNREACHABLE =
  /Get "([^"]+)": .*?(connection refused|no such host|i\/o timeout|network is unreachable|no route to host|connection reset by peer)/;

export const urlRefusal = (message: string): ApiError | null => {
  const unreachable = URL_UNREACHABLE.exec(message);
  if (unreachable?.[1] && unreachable[2]) {
    const [url, reason] = [unreachable[1], unreachable[2]];
    return new ApiError('ENGINE_ERROR', `The engine could not reach ${url} (${reason})`, {
      kind: 'urlUnreachable',
      url,
      reason,
    });
  }
  const m = URL_REFUSED.exec(message);
  if (!m?.[1] || !m[2]) return null;
  const [url, status] = [m[1], m[2].trim()];
  return new ApiError(
    status.startsWith('404') ? 'NOT_FOUND' : 'ENGINE_ERROR',
    `The server answered ${status} for ${url}`,
    {
      kind: 'url',
      url,
      status,
    },
  );
};

const follow = (docker: Docker, response: NodeJS.ReadableStream, onMessage: (m: CreateMessage) => void) =>
  new Promise<CreateMessage[]>((resolve, reject) => {
    const seen: CreateMessage[] = [];
    docker.modem.followProgress(
      response,
      (err: Error | null) => (err ? reject(err) : resolve(seen)),
      (m: CreateMessage) => {
        seen.push(m);
        onMessage(m);
      },
    );
  });

/**
 * `docker import [--change …] [-m …] FILE|URL [REPO[:TAG]]`: a root file
 * system tarball becomes a new one-layer image. Nothing of an image the
 * tarball may have come from survives: no history, no config except what
 * `changes` sets. The result says so by showing the new image's history.
 */
export const importImage = async (docker: Docker, opts: ImportOptions): Promise<ImportResult> => {
  const { signal } = opts;
  const query: Record<string, string | string[]> = {
    fromSrc: opts.source.kind === 'url' ? opts.source.url : '-',
    ...(opts.reference ? splitTarget(opts.reference) : {}),
    ...(opts.message ? { message: opts.message } : {}),
    ...(opts.changes.length ? { changes: opts.changes } : {}),
  };
  const meter = new RateMeter(Date.now());
  let body: Readable | undefined;
  if (opts.source.kind === 'stream') {
    const { stream, size } = opts.source;
    const counter = new ByteCounter((bytes) =>
      opts.onProgress({
        bytes,
        ...(size ? { total: size } : {}),
        bytesPerSecond: meter.sample(bytes, Date.now()),
      }),
    );
    stream.on('error', (err) => counter.destroy(err));
    stream.pipe(counter);
    body = counter;
  }
  // A URL download may outlive our request (Docker 20.10): watch for the image it makes, from before it starts.
  // Importing a URL again ends the watches of its cancelled imports: their image and this one look the same.
  if (opts.source.kind === 'url' && !signal.aborted) forgetLateImports(opts.source.url);
  const watch = opts.source.kind === 'url' && !signal.aborted ? await watchImports(docker) : undefined;
  const onAbort = () => body?.destroy();
  signal.addEventListener('abort', onAbort, { once: true });
  try {
    const response = await new Promise<NodeJS.ReadableStream>((resolve, reject) =>
      docker.modem.dial(
        {
          path: '/images/create?',
          method: 'POST',
          options: query,
          ...(body ? { file: body } : {}),
          isStream: true,
          abortSignal: signal,
          statusCodes: { 200: true, 400: 'bad parameter', 404: 'not found', 500: 'server error' },
        },
        (err: unknown, data: unknown) => (err ? reject(err) : resolve(data as NodeJS.ReadableStream)),
      ),
    );
    const messages = await follow(docker, response, (m) => {
      // A URL import: the engine reports its download.
      const d = m.progressDetail;
      if (opts.source.kind === 'url' && d?.current !== undefined) {
        opts.onProgress({
          bytes: d.current,
          ...(d.total ? { total: d.total } : {}),
          bytesPerSecond: meter.sample(d.current, Date.now()),
        });
      }
    });
    const failure = messages.find((m) => m.error || m.errorDetail);
    if (failure) {
      const said = failure.errorDetail?.message ?? failure.error ?? 'the import failed';
      throw urlRefusal(said) ?? new ApiError('ENGINE_ERROR', said);
    }
    watch?.stop();
    const id = [...messages].reverse().find((m) => m.status?.startsWith('sha256:'))?.status;
    if (!id) throw new ApiError('ENGINE_ERROR', 'the engine did not name the imported image');
    return await describeImport(docker, id, opts.reference);
  } catch (err) {
    if (signal.aborted) {
      if (opts.source.kind === 'url') {
        watch?.removeWhenItArrives({
          url: opts.source.url,
          ...(opts.message ? { message: opts.message } : {}),
          ...(opts.reference ? { reference: opts.reference } : {}),
        });
      }
      throw new ApiError('CANCELLED', 'Import cancelled');
    }
    watch?.stop();
    if (err instanceof ApiError) throw err;
    throw (opts.source.kind === 'url' ? urlRefusal(engineMessage(err as object)) : null) ?? toApiError(err);
  } finally {
    signal.removeEventListener('abort', onAbort);
    if (opts.source.kind === 'stream' && !opts.source.stream.readableEnded) opts.source.stream.destroy();
  }
};

const describeImport = async (docker: Docker, id: string, reference?: string): Promise<ImportResult> => {
  const image = imageOf(docker, id);
  const info = await inspectImage(docker, id);
  const history = (await image.history()) as { Created: number; CreatedBy: string; Comment: string; Size: number }[];
  const lines: HistoryLine[] = history.map((h) => ({
    created: h.Created,
    createdBy: h.CreatedBy,
    comment: h.Comment,
    size: h.Size,
  }));
  return {
    id,
    ...(reference ? { reference: (({ repo, tag }) => `${repo}:${tag}`)(splitTarget(reference)) } : {}),
    history: lines,
    layers: info.RootFS?.Layers?.length ?? 0,
    config: configSummary(info),
  };
};

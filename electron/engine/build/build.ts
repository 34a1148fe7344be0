import type Docker from 'dockerode';
import { PassThrough, Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import tar from 'tar-stream';
import { ApiError } from '../../../shared/contract/errors';
import type { BuildProgress, BuildResult } from '../../../shared/contract/methods/build';
import { toApiError } from '../errors';
import { BuildLog, type BuildMessage } from './buildLog';
import { planContext } from './context';
import { packContext, summarizeContext } from './contextTar';

/** What every build takes besides its context. */
export interface BuildOptions {
  context: string;
  dockerfile?: string | undefined;
  dockerfileText?: string | undefined;
  tags: string[];
  buildArgs: Record<string, string>;
  labels: Record<string, string>;
  target?: string | undefined;
  noCache: boolean;
  pull: boolean;
  platform?: string | undefined;
  signal: AbortSignal;
  onProgress: (p: BuildProgress) => void;
}

const REPORT_MS = 150;

/** The engine's `/build` query, as `docker build` (classic builder) sends it. */
export const buildQuery = (o: BuildOptions, dockerfileName: string): Record<string, unknown> => ({
  dockerfile: dockerfileName,
  ...(o.tags.length ? { t: o.tags } : {}),
  ...(Object.keys(o.buildArgs).length ? { buildargs: o.buildArgs } : {}),
  ...(Object.keys(o.labels).length ? { labels: o.labels } : {}),
  ...(o.target ? { target: o.target } : {}),
  ...(o.noCache ? { nocache: 'true' } : {}),
  ...(o.pull ? { pull: 'true' } : {}),
  ...(o.platform ? { platform: o.platform } : {}),
  rm: 'true',
  forcerm: 'true',
});

/**
 * `docker build`: the context folder streams to the engine as a tar (its
 * `.dockerignore` applied, files read one at a time), and the engine's
 * JSON stream becomes steps with output, timing and cache use. Cancelling
 * closes the request, which stops the engine's build.
 */
export const runBuild = async (docker: Docker, o: BuildOptions): Promise<BuildResult> => {
  const started = Date.now();
  const plan = await planContext(o.context, o.dockerfile, o.dockerfileText);
  if (!plan.dockerfileFound) {
    const path = o.dockerfile ?? `${o.context}/Dockerfile`;
    throw new ApiError('NOT_FOUND', `There is no Dockerfile at ${path}`, { path, kind: 'dockerfile' });
  }
  const summary = await summarizeContext(plan);
  const pack = tar.pack();
  // The HTTP request reads from a plain Node stream; tar-stream's own stream is a streamx one.
  const body = new PassThrough({ highWaterMark: 1024 * 1024 });
  let sent = 0;
  let packError: unknown;
  const packing = packContext(plan, pack, (n) => (sent += n), o.signal).catch((err: unknown) => {
    packError = err;
    body.destroy(err instanceof Error ? err : new Error(String(err)));
  });
  pack.on('error', (err: Error) => body.destroy(err));
  pack.pipe(body);
  return sendContext(docker, o, started, {
    body,
    dockerfileName: plan.dockerfileName,
    totalBytes: summary.bytes,
    sentBytes: () => sent,
    finished: packing,
    failure: () => packError,
    stop: () => pack.destroy(),
  });
};

/**
 * `docker build` from a context that arrives as a tar (serve mode: the
 * folder a browser dropped, `.dockerignore` applied there). The tar passes
 * through to the engine as it arrives, counted, never held whole.
 */
export const runBuildFromTar = async (
  docker: Docker,
  o: Omit<BuildOptions, 'context' | 'dockerfile' | 'dockerfileText'> & {
    tar: Readable;
    /** The tar's size as announced, for the progress bar. */
    size: number;
    /** The Dockerfile's path inside the tar. */
    dockerfile: string;
  },
): Promise<BuildResult> => {
  const started = Date.now();
  let sent = 0;
  let sourceError: unknown;
  const counter = new Transform({
    transform(chunk: Buffer, _enc, done) {
      sent += chunk.length;
      done(null, chunk);
    },
  });
  const finished = pipeline(o.tar, counter).catch((err: unknown) => {
    sourceError = new ApiError('CANCELLED', `the browser stopped sending the folder (${String(err)})`);
  });
  return sendContext(docker, { ...o, context: '' }, started, {
    body: counter,
    dockerfileName: o.dockerfile,
    totalBytes: o.size,
    sentBytes: () => sent,
    finished,
    failure: () => sourceError,
    // Not once it ended: destroying the request then would cut the browser's reply.
    stop: () => {
      if (!o.tar.readableEnded) o.tar.destroy();
    },
  });
};

interface ContextStream {
  /** The tar, read by the engine's request. */
  body: NodeJS.ReadableStream & { destroy(err?: Error): unknown; destroyed: boolean };
  dockerfileName: string;
  totalBytes: number;
  sentBytes(): number;
  /** Settles once the whole tar was written (or writing failed: see failure). */
  finished: Promise<void>;
  /** Why writing the tar failed, if it did. */
  failure(): unknown;
  /** Stops producing the tar. */
  stop(): void;
}

/** Sends a context tar to the engine's `/build` and follows its log to the end. */
const sendContext = async (
  docker: Docker,
  o: BuildOptions,
  started: number,
  source: ContextStream,
): Promise<BuildResult> => {
  const log = new BuildLog();
  let phase: BuildProgress['phase'] = 'sending';
  const report = () =>
    o.onProgress({
      phase,
      sentBytes: source.sentBytes(),
      totalBytes: source.totalBytes,
      elapsedMs: Date.now() - started,
      ...log.snapshot(),
    });
  report();
  const timer = setInterval(report, REPORT_MS);
  const onAbort = () => {
    source.stop();
    source.body.destroy();
  };
  o.signal.addEventListener('abort', onAbort, { once: true });

  try {
    const response = await new Promise<NodeJS.ReadableStream>((resolve, reject) =>
      docker.modem.dial(
        {
          path: '/build?',
          method: 'POST',
          options: buildQuery(o, source.dockerfileName),
          file: source.body,
          isStream: true,
          abortSignal: o.signal,
          statusCodes: { 200: true, 400: 'bad parameter', 500: 'server error' },
        },
        (err: unknown, data: unknown) => (err ? reject(err) : resolve(data as NodeJS.ReadableStream)),
      ),
    );
    phase = 'building';
    await new Promise<void>((resolve, reject) =>
      docker.modem.followProgress(
        response,
        (err: Error | null) => (err ? reject(err) : resolve()),
        (m: BuildMessage) => log.push(m),
      ),
    );
    await source.finished;
    log.finish();
    const state = log.snapshot();
    if (state.error !== undefined) throw buildFailure(state);
    if (!state.imageId) throw new ApiError('ENGINE_ERROR', 'the engine did not name the built image');
    return { ...state, imageId: state.imageId, elapsedMs: Date.now() - started };
  } catch (err) {
    if (o.signal.aborted) throw new ApiError('CANCELLED', 'Build cancelled');
    if (source.failure()) throw toApiError(source.failure());
    if (err instanceof ApiError) throw err;
    // The engine refused before building (a bad parameter) or the connection broke mid-build.
    const e = toApiError(err);
    log.fail(e.message);
    if (e.code === 'ENGINE_UNREACHABLE') throw e;
    throw buildFailure(log.snapshot(), e.message);
  } finally {
    clearInterval(timer);
    o.signal.removeEventListener('abort', onAbort);
    source.stop();
  }
};

/** One sentence for a failed build: the step that failed, and its output in the details. */
const buildFailure = (state: ReturnType<BuildLog['snapshot']>, message?: string): ApiError => {
  const failed = state.steps.find((s) => s.state === 'failed');
  const error = message ?? state.error ?? 'the build failed';
  return new ApiError(
    'BUILD_FAILED',
    failed ? `Step ${failed.index}/${failed.total} (${failed.instruction}) failed: ${error}` : error,
    {
      kind: 'buildFailed',
      engineMessage: error,
      ...(failed ? { step: String(failed.index), total: String(failed.total), instruction: failed.instruction } : {}),
      log: state,
    },
  );
};

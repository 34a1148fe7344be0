import type Docker from 'dockerode';
import { PassThrough } from 'node:stream';
import tar from 'tar-stream';
import { ApiError } from '../../../shared/contract/errors';
import type { BuildProgress, BuildResult } from '../../../shared/contract/methods/build';
import { toApiError } from '../errors';
import { BuildLog, type BuildMessage } from './buildLog';
import { planContext } from './context';
import { packContext, summarizeContext } from './contextTar';

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
  const log = new BuildLog();
  let sent = 0;
  let phase: BuildProgress['phase'] = 'sending';
  const report = () =>
    o.onProgress({
      phase,
      sentBytes: sent,
      totalBytes: summary.bytes,
      elapsedMs: Date.now() - started,
      ...log.snapshot(),
    });
  report();
  const timer = setInterval(report, REPORT_MS);

  const pack = tar.pack();
  // The HTTP request reads from a plain Node stream; tar-stream's own stream is a streamx one.
  const body = new PassThrough({ highWaterMark: 1024 * 1024 });
  let packError: unknown;
  const packing = packContext(plan, pack, (n) => (sent += n), o.signal).catch((err: unknown) => {
    packError = err;
    body.destroy(err instanceof Error ? err : new Error(String(err)));
  });
  pack.on('error', (err: Error) => body.destroy(err));
  pack.pipe(body);
  const onAbort = () => {
    pack.destroy();
    body.destroy();
  };
  o.signal.addEventListener('abort', onAbort, { once: true });

  try {
    const response = await new Promise<NodeJS.ReadableStream>((resolve, reject) =>
      docker.modem.dial(
        {
          path: '/build?',
          method: 'POST',
          options: buildQuery(o, plan.dockerfileName),
          file: body,
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
    await packing;
    log.finish();
    const state = log.snapshot();
    if (state.error !== undefined) throw buildFailure(state);
    if (!state.imageId) throw new ApiError('ENGINE_ERROR', 'the engine did not name the built image');
    return { ...state, imageId: state.imageId, elapsedMs: Date.now() - started };
  } catch (err) {
    if (o.signal.aborted) throw new ApiError('CANCELLED', 'Build cancelled');
    if (packError) throw toApiError(packError);
    if (err instanceof ApiError) throw err;
    // The engine refused before building (a bad parameter) or the connection broke mid-build.
    const e = toApiError(err);
    log.fail(e.message);
    if (e.code === 'ENGINE_UNREACHABLE') throw e;
    throw buildFailure(log.snapshot(), e.message);
  } finally {
    clearInterval(timer);
    o.signal.removeEventListener('abort', onAbort);
    if (!pack.destroyed) pack.destroy();
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

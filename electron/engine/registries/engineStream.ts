import type Docker from 'dockerode';
import { ApiError } from '../../../shared/contract/errors';
import { engineMessage, toApiError } from '../errors';
import { classifyRegistryError } from './classify';
import type { EngineProgressMessage } from './transferModel';

/**
 * The X-Registry-Auth header value: base64url JSON of the credentials (or
 * `{}`), padded as the docker CLI sends it. Podman's decoder insists on the
 * padding (`"e30"` fails with "unexpected EOF"; `"e30="` works); Docker takes both.
 */
export const registryAuthHeader = (auth: object | undefined): string =>
  Buffer.from(JSON.stringify(auth ?? {}))
    .toString('base64')
    .replace(/\+/g, '-')
    .replace(/\//g, '_');

/**
 * POSTs to an engine endpoint that answers with a JSON-lines progress stream
 * (pull, push) and hands each line to `onMessage`. Aborting the signal
 * closes the request, which makes the engine stop the transfer. A failure
 * before the stream started, or an `errorDetail` line inside it, rejects
 * with a classified ApiError; the engine vanishing mid-stream is
 * ENGINE_UNREACHABLE (kind `lost`).
 */
export const streamEngine = async (
  docker: Docker,
  opts: {
    path: string;
    query: Record<string, string>;
    auth: object | undefined;
    reference: string;
    /** More placeholders for a classified failure's sentence (the platform asked for). */
    context?: Record<string, string>;
    signal: AbortSignal;
    onMessage: (m: EngineProgressMessage) => string | undefined;
  },
): Promise<void> => {
  const { signal } = opts;
  if (signal.aborted) throw new ApiError('CANCELLED', 'Cancelled');
  let response: NodeJS.ReadableStream;
  try {
    response = await new Promise<NodeJS.ReadableStream>((resolve, reject) =>
      docker.modem.dial(
        {
          path: `${opts.path}?`,
          method: 'POST',
          options: opts.query,
          headers: { 'X-Registry-Auth': registryAuthHeader(opts.auth) },
          isStream: true,
          abortSignal: signal,
          statusCodes: {
            200: true,
            400: 'bad parameter',
            401: 'unauthorized',
            403: 'forbidden',
            404: 'not found',
            500: 'server error',
          },
        },
        (err: unknown, data: unknown) => (err ? reject(err) : resolve(data as NodeJS.ReadableStream)),
      ),
    );
  } catch (err) {
    if (signal.aborted) throw new ApiError('CANCELLED', 'Cancelled');
    const apiError = toApiError(err);
    if (apiError.code === 'ENGINE_UNREACHABLE') throw apiError;
    throw classifyRegistryError(engineMessage(err as object), opts.reference, opts.context);
  }
  let failure: string | undefined;
  await new Promise<void>((resolve, reject) => {
    let buffered = '';
    const onAbort = () => {
      (response as NodeJS.ReadableStream & { destroy?: () => void }).destroy?.();
      reject(new ApiError('CANCELLED', 'Cancelled'));
    };
    signal.addEventListener('abort', onAbort, { once: true });
    const lines = (text: string) => {
      for (const line of text.split('\n')) {
        if (!line.trim()) continue;
        let message: EngineProgressMessage;
        try {
          message = JSON.parse(line) as EngineProgressMessage;
        } catch {
          continue; // not a progress line; the engine writes only JSON here
        }
        const said = opts.onMessage(message);
        if (said !== undefined && failure === undefined) failure = said;
      }
    };
    response.on('data', (chunk: Buffer) => {
      buffered += chunk.toString('utf8');
      const end = buffered.lastIndexOf('\n');
      if (end === -1) return;
      lines(buffered.slice(0, end));
      buffered = buffered.slice(end + 1);
    });
    response.on('end', () => {
      signal.removeEventListener('abort', onAbort);
      lines(buffered);
      resolve();
    });
    response.on('error', (err: Error) => {
      signal.removeEventListener('abort', onAbort);
      if (signal.aborted) return reject(new ApiError('CANCELLED', 'Cancelled'));
      reject(
        new ApiError('ENGINE_UNREACHABLE', `the engine stopped answering: ${err.message}`, {
          kind: 'lost',
          reference: opts.reference,
        }),
      );
    });
    // A socket closed without an error event (the engine killed) ends the stream early.
    response.on('close', () => {
      if (!(response as NodeJS.ReadableStream & { readableEnded?: boolean }).readableEnded && !signal.aborted) {
        signal.removeEventListener('abort', onAbort);
        reject(
          new ApiError('ENGINE_UNREACHABLE', 'the engine stopped answering', {
            kind: 'lost',
            reference: opts.reference,
          }),
        );
      }
    });
  });
  if (failure !== undefined) {
    // A stopping engine cancels its pulls with an errorDetail ("context canceled") before it goes:
    // if it no longer answers, that is the engine lost, not a registry failure.
    if (!(await engineAnswers(docker))) {
      throw new ApiError('ENGINE_UNREACHABLE', `the engine stopped answering: ${failure}`, {
        kind: 'lost',
        reference: opts.reference,
      });
    }
    throw classifyRegistryError(failure, opts.reference, opts.context);
  }
};

const engineAnswers = (docker: Docker): Promise<boolean> =>
  Promise.race([
    docker.ping().then(
      () => true,
      () => false,
    ),
    new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 3000).unref()),
  ]);

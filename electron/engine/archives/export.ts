import type { Readable } from 'node:stream';
import type Docker from 'dockerode';
import type { ExportResult } from '../../../shared/contract/archiveModels';
import type { ByteProgress } from '../../../shared/contract/models';
import { refuseExisting, writeAtomically } from './atomicFile';
import { toApiError } from '../errors';
import { ByteCounter, RateMeter } from '../progress';

export interface ExportOptions {
  container: string;
  path: string;
  overwrite: boolean;
  signal: AbortSignal;
  onProgress: (p: ByteProgress) => void;
}

/**
 * `docker export -o PATH CONTAINER`: the container's file system as one
 * flat tar (no layers, no history, no image config), streamed to
 * `PATH.partial` and renamed on success.
 */
export const exportContainer = async (docker: Docker, opts: ExportOptions): Promise<ExportResult> => {
  await refuseExisting(opts.path, opts.overwrite);
  const container = docker.getContainer(opts.container);
  let estimate = 0;
  try {
    // SizeRootFs: the file system's size, the best estimate of the tar's.
    // @types/dockerode lacks the `size` option of GET /containers/{id}/json, which the engine has.
    const info = (await container.inspect({ size: true } as object)) as { SizeRootFs?: number };
    estimate = info.SizeRootFs ?? 0;
  } catch (err) {
    throw toApiError(err, { container: opts.container });
  }
  opts.onProgress({ bytes: 0, total: estimate, totalIsEstimate: true, bytesPerSecond: 0 });
  const meter = new RateMeter(Date.now());
  const counter = new ByteCounter((bytes) =>
    opts.onProgress({
      bytes,
      total: Math.max(estimate, bytes),
      totalIsEstimate: true,
      bytesPerSecond: meter.sample(bytes, Date.now()),
    }),
  );
  await writeAtomically(
    async () => {
      // dockerode's export() has no abort signal; destroying the stream on cancel closes the request.
      const stream = (await container.export()) as unknown as Readable;
      opts.signal.addEventListener('abort', () => stream.destroy(), { once: true });
      return stream;
    },
    [counter],
    opts.path,
    opts.signal,
  );
  return { path: opts.path, bytes: counter.bytes };
};

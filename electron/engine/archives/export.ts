import type { Readable } from 'node:stream';
import type Docker from 'dockerode';
import type { ExportResult } from '../../../shared/contract/archiveModels';
import type { ByteProgress } from '../../../shared/contract/models';
import { checkTarget, writeAtomically, writeToSink } from './atomicFile';
import { canGetRaw, rawEngineGet } from './engineStream';
import { downloadOnThread } from './fileDownload';
import type { ArchiveDestination } from './save';
import { toApiError } from '../errors';
import { ByteCounter, RateMeter } from '../progress';
import { containerOf, pathSegment } from '../refs';

export interface ExportOptions {
  container: string;
  destination: ArchiveDestination;
  signal: AbortSignal;
  onProgress: (p: ByteProgress) => void;
}

/**
 * `docker export -o PATH CONTAINER`: the container's file system as one
 * flat tar (no layers, no history, no image config), streamed to
 * `PATH.partial` and renamed on success.
 */
export const exportContainer = async (docker: Docker, opts: ExportOptions): Promise<ExportResult> => {
  const { destination } = opts;
  if (destination.kind === 'file') await checkTarget(destination.path, destination.overwrite);
  const container = containerOf(docker, opts.container);
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
  const report = (bytes: number) =>
    opts.onProgress({
      bytes,
      total: Math.max(estimate, bytes),
      totalIsEstimate: true,
      bytesPerSecond: meter.sample(bytes, Date.now()),
    });
  const counter = new ByteCounter(report);
  const enginePath = `/containers/${pathSegment(opts.container)}/export`;
  const source = async () => {
    // Large chunks over a connection of our own, as a save (engineStream.ts).
    if (canGetRaw(docker)) return rawEngineGet(docker, enginePath, opts.signal);
    // dockerode's export() has no abort signal; destroying the stream on cancel closes the request.
    const stream = (await container.export()) as unknown as Readable;
    opts.signal.addEventListener('abort', () => stream.destroy(), { once: true });
    return stream;
  };
  if (destination.kind === 'stream') {
    await writeToSink(source, [counter], destination.open, opts.signal, true);
    return { path: destination.name, bytes: counter.bytes };
  }
  // Written by a download thread, as a save.
  const written = await downloadOnThread(docker, enginePath, destination.path, opts.signal, report);
  if (written !== undefined) return { path: destination.path, bytes: written };
  await writeAtomically(source, [counter], destination.path, opts.signal);
  return { path: destination.path, bytes: counter.bytes };
};

import { stat } from 'node:fs/promises';
import type { Readable, Writable } from 'node:stream';
import { createGzip } from 'node:zlib';
import type Docker from 'dockerode';
import type { ByteProgress, SaveResult } from '../../../shared/contract/models';
import { checkTarget, writeAtomically, writeToSink } from './atomicFile';
import { canGetRaw, rawEngineGet } from './engineStream';
import { downloadOnThread } from './fileDownload';
import { toApiError } from '../errors';
import { ByteCounter, RateMeter } from '../progress';
import { imageOf } from '../refs';

export { PARTIAL_SUFFIX } from './atomicFile';

/**
 * Where the archive goes: a file (renamed into place when complete) or a
 * stream another layer opens once the engine is about to send (serve
 * mode: the browser's download; `name` is what the result reports).
 */
export type ArchiveDestination =
  { kind: 'file'; path: string; overwrite: boolean } | { kind: 'stream'; name: string; open: () => Writable };

export interface SaveOptions {
  references: string[];
  destination: ArchiveDestination;
  /** gzip the archive on the way to the file (`docker save | gzip`); `docker load` reads it as is. */
  gzip?: boolean;
  signal: AbortSignal;
  onProgress: (p: ByteProgress) => void;
}

/** @types/dockerode lacks getImages (GET /images/get?names=…, multi-image save), which dockerode has. */
type DockerWithSave = Docker & {
  getImages(opts: { names: string[]; abortSignal?: AbortSignal }): Promise<NodeJS.ReadableStream>;
};

/**
 * `docker save -o PATH REF…`, streamed engine → file. Bytes go to
 * `PATH.partial`, renamed to PATH only when the engine's stream ended
 * cleanly; on cancel or any failure the partial file is removed.
 */
export const saveImages = async (docker: Docker, opts: SaveOptions): Promise<SaveResult> => {
  const { references, destination, signal } = opts;
  // Checked before asking the engine: a missing folder is named at once, not after the export.
  if (destination.kind === 'file') await checkTarget(destination.path, destination.overwrite);
  // Inspect first: a bad reference fails here with the engine's 404 instead of
  // as a broken stream, and the sizes give an estimate for the progress bar.
  let estimate = 0;
  for (const ref of references) {
    try {
      const info = await imageOf(docker, ref).inspect();
      estimate += info.Size;
    } catch (err) {
      throw toApiError(err, { reference: ref });
    }
  }

  // The engine exports the whole image before its first byte (engines ≤ 24
  // stage it in a temporary directory): show the expected size meanwhile.
  opts.onProgress({ bytes: 0, total: estimate, totalIsEstimate: true, bytesPerSecond: 0 });
  const meter = new RateMeter(Date.now());
  // Progress counts the engine's (uncompressed) bytes against the image size.
  const report = (bytes: number) =>
    opts.onProgress({
      bytes,
      total: Math.max(estimate, bytes),
      totalIsEstimate: true,
      bytesPerSecond: meter.sample(bytes, Date.now()),
    });
  const counter = new ByteCounter(report);
  const stages = opts.gzip ? [counter, createGzip({ chunkSize: 1024 * 1024 })] : [counter];
  // The archive's bytes come over a connection of our own in large chunks
  // (engineStream.ts: Node's HTTP client was the cost); dockerode only for
  // connections that one does not speak (TLS, ssh).
  const query = references.map((r) => `names=${encodeURIComponent(r)}`).join('&');
  const source = async () =>
    canGetRaw(docker)
      ? rawEngineGet(docker, `/images/get?${query}`, signal)
      : ((await (docker as DockerWithSave).getImages({
          names: references,
          abortSignal: signal,
        })) as unknown as Readable);
  if (destination.kind === 'stream') {
    const written = new ByteCounter(() => {});
    // Without gzip the stages only count bytes: sent chunks go back to the engine stream.
    await writeToSink(source, [...stages, written], destination.open, signal, !opts.gzip);
    return { path: destination.name, bytes: written.bytes };
  }
  // As `docker save -o`: a download thread writes the engine's bytes as they come (fileDownload.ts).
  const written = opts.gzip
    ? undefined
    : await downloadOnThread(docker, `/images/get?${query}`, destination.path, signal, report);
  if (written !== undefined) return { path: destination.path, bytes: written };
  await writeAtomically(source, stages, destination.path, signal);
  const bytes = opts.gzip ? (await stat(destination.path)).size : counter.bytes;
  return { path: destination.path, bytes };
};

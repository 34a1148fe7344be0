import { createReadStream } from 'node:fs';
import { finished, type Readable } from 'node:stream';
import tar from 'tar-stream';
import { ApiError } from '../../../shared/contract/errors';
import { toApiError } from '../errors';
import { CompressedDataError, isZstd } from './decompress';
import { allBytes, peekBytes, spoolZstdLayer } from './zstdLayer';
import { archiveProblem, compressedDataProblem } from './problem';
import { dockerManifestFromOci, OciConversionError, type DockerManifestEntry, type Platform } from './ociToDocker';

/** What pack.entry takes (tar-stream does not export the type). */
type HeaderArg = Parameters<tar.Pack['entry']>[0];

/** Small files kept in memory while streaming: JSON documents only, never layers. */
const MAX_KEPT_FILE = 1024 * 1024;
/** Upper bound of all kept JSON together, so memory stays bounded whatever the archive. */
const MAX_KEPT_TOTAL = 64 * 1024 * 1024;

export type ArchiveFormat = 'docker-archive' | 'oci-layout' | 'legacy';

export interface RepackSummary {
  format: ArchiveFormat;
  /** Entries of the manifest.json the engine reads (ours for an OCI layout). */
  manifest: DockerManifestEntry[];
}

/** "./a/b" → "a/b": tar entry names as manifest.json paths spell them. */
const normalise = (name: string): string => name.replace(/^(\.\/)+/, '').replace(/^\/+/, '');

const keepsContent = (name: string, size: number): boolean =>
  size <= MAX_KEPT_FILE && (name === 'manifest.json' || name === 'index.json' || name.startsWith('blobs/'));

const readAll = async (entry: AsyncIterable<unknown>): Promise<Buffer> => {
  const chunks: Buffer[] = [];
  for await (const chunk of entry) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
};

const parseJson = (buf: Buffer | undefined): unknown => {
  if (!buf) return undefined;
  try {
    return JSON.parse(buf.toString('utf8')) as unknown;
  } catch {
    return undefined;
  }
};

/** Writes one entry's bytes into the pack, honouring the pack's backpressure. */
const copyEntry = async (
  pack: tar.Pack,
  header: HeaderArg,
  entry: AsyncIterable<unknown>,
  /** Bytes of the entry already read (see peekBytes), written first. */
  first: readonly Buffer[] = [],
): Promise<void> => {
  let settle!: (err?: Error | null) => void;
  const done = new Promise<void>((resolve, reject) => {
    settle = (err) => (err ? reject(err) : resolve());
  });
  // When reading the entry fails (the archive ends early), the copy throws
  // that error and never awaits `done`; the pack, destroyed afterwards, then
  // fails this entry too ("tar entry destroyed"). That later rejection is
  // expected and must not go unobserved (it would end the process).
  done.catch(() => undefined);
  const sink = pack.entry(header, (err) => settle(err));
  // A destroyed pack (the load was cut) errors its open entry: that ends the copy.
  sink.on('error', (err: Error) => settle(err));
  const write = async (chunk: Buffer) => {
    if (!sink.write(chunk)) await Promise.race([new Promise<void>((r) => sink.once('drain', () => r())), done]);
  };
  for (const chunk of first) await write(chunk);
  for await (const chunk of entry) await write(chunk as Buffer);
  // streamx types want an argument; a null chunk ends without writing.
  sink.end(null);
  await done;
};

/**
 * A zstd-compressed layer, decompressed into the archive under its own name
 * (what manifest.json and our OCI conversion point at): Engine 20.10 reads
 * plain, gzip, bzip2 and xz layers, not zstd.
 */
const copyDecompressed = async (
  pack: tar.Pack,
  header: tar.Header,
  bytes: AsyncIterable<Buffer> | Iterable<Buffer>,
): Promise<void> => {
  let layer;
  try {
    layer = await spoolZstdLayer(bytes);
  } catch (err) {
    if (err instanceof CompressedDataError) {
      throw archiveProblem('damaged', `${normalise(header.name)}: ${err.message}`, { entry: normalise(header.name) });
    }
    // A full disk or a temporary folder we may not write: say so, not "damaged archive".
    if ((err as NodeJS.ErrnoException).syscall) throw toApiError(err);
    throw err;
  }
  try {
    await copyEntry(pack, { ...headerFor(header), size: layer.size }, createReadStream(layer.path));
  } finally {
    await layer.dispose();
  }
};

const headerFor = (h: tar.Header): HeaderArg => ({
  name: h.name,
  mode: h.mode,
  uid: h.uid,
  gid: h.gid,
  size: h.size,
  mtime: h.mtime,
  type: h.type,
  linkname: h.linkname,
  uname: h.uname,
  gname: h.gname,
  devmajor: h.devmajor,
  devminor: h.devminor,
});

const truncatedOrDamaged = (err: unknown, lastEntry: string | undefined) => {
  // Already said (a damaged layer, a full disk): keep it.
  if (err instanceof ApiError) return err;
  const message = err instanceof Error ? err.message : String(err);
  if (err instanceof CompressedDataError && !err.truncated) return compressedDataProblem(err);
  if (/unexpected end/i.test(message) || (err instanceof CompressedDataError && err.truncated)) {
    return archiveProblem(
      'truncated',
      `unexpected EOF: the archive ends in the middle of ${lastEntry ?? 'its first entry'} (the file is truncated)`,
      lastEntry ? { entry: lastEntry } : undefined,
    );
  }
  return archiveProblem(
    'damaged',
    `the tar is damaged after ${lastEntry ?? 'its start'}: ${message}`,
    lastEntry ? { entry: lastEntry } : undefined,
  );
};

/**
 * Reads an (uncompressed) image archive and writes a docker-archive the
 * engine can load into `pack`, entry by entry, without holding any layer in
 * memory. A docker-archive (manifest.json; Docker ≥ 25 archives have one too)
 * passes through unchanged. An OCI layout (index.json only) passes through
 * too, plus a manifest.json appended at the end that points at its blobs:
 * Engine ≤ 24 reads the whole tar before it parses manifest.json, so order
 * does not matter. Anything referenced but absent fails before the pack is
 * finalised, so the engine sees a cut stream and loads nothing.
 */
export const repackForEngine = async (input: Readable, pack: tar.Pack, platform: Platform): Promise<RepackSummary> => {
  const extract = tar.extract();
  // Counts what the tar holds, to tell a whole tar from one cut at an entry boundary.
  let inputBytes = 0;
  // An input that fails or is destroyed early (a cancelled load), even before
  // we got here (see peek), ends the extraction: the loop below throws.
  finished(input, { writable: false }, (err) => {
    if (err) extract.destroy(err);
  });
  input.pipe(extract);
  // Beside the pipe, not a stage of its own; pipe's pauses hold it too.
  input.on('data', (chunk: Buffer) => (inputBytes += chunk.length));

  const present = new Set<string>();
  const kept = new Map<string, Buffer>();
  let keptBytes = 0;
  let lastEntry: string | undefined;
  /** Where the last entry's data (with its padding) ends. */
  let entriesEnd = 0;
  try {
    for await (const entry of extract) {
      const header = entry.header;
      const name = normalise(header.name);
      lastEntry = name;
      present.add(name);
      const size = header.size ?? 0;
      // tar-stream sets byteOffset (where the data starts); its types lack it.
      const dataAt = (header as tar.Header & { byteOffset?: number }).byteOffset ?? 0;
      entriesEnd = Math.max(entriesEnd, dataAt + Math.ceil(size / 512) * 512);
      if (header.type === 'file' && keepsContent(name, size) && keptBytes + size <= MAX_KEPT_TOTAL) {
        const body = await readAll(entry);
        if (body.length !== size) throw new Error('Unexpected end of data');
        // JSON objects (manifests, configs) and the manifest.json list; layers never start so.
        if (body[0] === 0x7b || name === 'manifest.json') {
          kept.set(name, body);
          keptBytes += body.length;
        }
        if (isZstd(body)) await copyDecompressed(pack, header, [body]);
        else
          await new Promise<void>((resolve, reject) =>
            pack.entry(headerFor(header), body, (err) => (err ? reject(err) : resolve())),
          );
      } else if (header.type === 'file') {
        const { head, first, rest } = await peekBytes(entry, 4);
        if (isZstd(head)) await copyDecompressed(pack, header, allBytes(first, rest));
        else await copyEntry(pack, headerFor(header), rest, first);
      } else {
        await copyEntry(pack, headerFor(header), entry);
      }
    }
  } catch (err) {
    throw truncatedOrDamaged(err, lastEntry);
  }
  // A tar ends with zero blocks after its last entry. Without them the file
  // was cut exactly between two entries: whatever follows is lost.
  if (present.size > 0 && inputBytes < entriesEnd + 512) {
    throw archiveProblem(
      'truncated',
      `unexpected EOF: the archive ends right after ${lastEntry ?? 'its first entry'}, without the end-of-archive blocks of a tar (the file is truncated)`,
      lastEntry ? { entry: lastEntry } : undefined,
    );
  }

  const has = (p: string) => present.has(p);
  if (present.has('manifest.json')) {
    const manifest = parseJson(kept.get('manifest.json'));
    if (!Array.isArray(manifest)) throw archiveProblem('damaged', 'manifest.json is not a list of images');
    const entries = manifest as DockerManifestEntry[];
    for (const m of entries) {
      for (const p of [m.Config, ...(m.Layers ?? [])]) {
        if (typeof p !== 'string' || !has(normalise(p))) {
          throw archiveProblem('missing-blob', `manifest.json refers to ${String(p)}, which the archive lacks`, {
            name: String(p),
          });
        }
      }
    }
    pack.finalize();
    return { format: 'docker-archive', manifest: entries };
  }
  if (present.has('index.json')) {
    const index = parseJson(kept.get('index.json'));
    if (index === undefined) throw archiveProblem('damaged', 'index.json is not valid JSON');
    let manifest: DockerManifestEntry[];
    try {
      manifest = dockerManifestFromOci(index, (p) => parseJson(kept.get(p)), has, platform);
    } catch (err) {
      if (err instanceof OciConversionError) {
        const p = err.problem;
        throw archiveProblem(
          p.kind === 'missing-blob' ? 'missing-blob' : p.kind === 'unsupported-layer' ? 'unsupported' : 'damaged',
          err.message,
          'digest' in p ? { name: p.digest } : undefined,
        );
      }
      throw err;
    }
    const body = Buffer.from(JSON.stringify(manifest));
    await new Promise<void>((resolve, reject) =>
      pack.entry({ name: 'manifest.json', size: body.length, mode: 0o644, mtime: new Date(0) }, body, (err) =>
        err ? reject(err) : resolve(),
      ),
    );
    pack.finalize();
    return { format: 'oci-layout', manifest };
  }
  if (present.has('repositories')) {
    // Pre-1.10 layout: the engine's legacy loader reads it.
    pack.finalize();
    return { format: 'legacy', manifest: [] };
  }
  if (present.size === 0) throw archiveProblem('empty', 'the tar archive holds no files');
  throw archiveProblem(
    'not-image-archive',
    'this tar has neither manifest.json (docker save) nor index.json (OCI layout): it is not an image archive. A root file system tarball is imported with Import…, not loaded',
  );
};

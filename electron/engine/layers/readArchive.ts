import { finished, type Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import tar from 'tar-stream';
import { isZstd, ZstdDecompress } from '../archives/decompress';
import { LayerRecords } from './layerRecords';
import { PathTable } from './pathTable';

/** JSON documents (manifests, configs, index) are small; anything larger that starts with "{" is skipped. */
const MAX_JSON = 16 * 1024 * 1024;
/** All JSON kept from one archive (an archive of many large JSON members must not fill the memory). */
const MAX_JSON_TOTAL = 64 * 1024 * 1024;
const HEAD = 512;
/** Large stream buffers: fewer pauses and wake-ups per megabyte (each costs a scheduling round on a busy machine). */
const BUFFER = 1024 * 1024;

/** What one pass over an image archive collected. */
export interface ArchiveContents {
  paths: PathTable;
  /** Parsed layer tars by their member name in the archive ("abc/layer.tar", "blobs/sha256/…"). */
  layers: Map<string, LayerRecords>;
  /** Small JSON members by name. */
  json: Map<string, Buffer>;
  /** Symbolic link members (engines ≤ 24 link a repeated layer.tar to the first), name → target name. */
  links: Map<string, string>;
}

export interface ReadOptions {
  /** Called after each layer tar has been read. */
  onLayer?: (layersRead: number) => void;
}

/** "./a/b" → "a/b", as manifest.json and index.json spell member names. */
export const memberName = (name: string): string => name.replace(/^(\.\/)+/, '').replace(/^\/+/, '');

/** Resolves a link member's target relative to the link's own folder. */
const resolveMember = (from: string, target: string): string => {
  const parts = from.split('/').slice(0, -1);
  for (const part of target.split('/')) {
    if (part === '..') parts.pop();
    else if (part !== '.' && part !== '') parts.push(part);
  }
  return parts.join('/');
};

/** Reads until at least `bytes` bytes came (or the entry ended). */
const readHead = async (it: AsyncIterator<Buffer>, bytes: number): Promise<{ chunks: Buffer[]; ended: boolean }> => {
  const chunks: Buffer[] = [];
  let have = 0;
  while (have < bytes) {
    const r = await it.next();
    if (r.done) return { chunks, ended: true };
    chunks.push(r.value);
    have += r.value.length;
  }
  return { chunks, ended: false };
};

/** Called for each entry of a layer tar; `next` once its data has been consumed. */
export type LayerEntryHandler = (
  header: tar.Header,
  stream: AsyncIterable<Buffer> & { on(event: 'end' | 'error', fn: () => void): unknown; resume(): unknown },
  next: () => void,
) => void;

/** Drains an entry and reports its header: the usual handler (only headers are kept). */
export const headersInto =
  (records: LayerRecords): LayerEntryHandler =>
  (header, stream, next) => {
    records.add(header);
    stream.on('end', next);
    stream.on('error', next);
    stream.resume();
  };

/**
 * Feeds one layer tar (its first bytes already read, then the rest of the
 * archive member) through a tar parser, entry by entry. gzip and zstd
 * layers (OCI layouts keep the registry's compressed blobs) are
 * decompressed on the way.
 */
export const readLayer = async (
  first: Buffer[],
  rest: AsyncIterator<Buffer> | undefined,
  compression: 'gzip' | 'zstd' | undefined,
  onEntry: LayerEntryHandler,
  /** Stops reading early (the layer's parser is destroyed, the promise rejects). */
  stop?: Promise<unknown>,
): Promise<void> => {
  const inner = tar.extract({ highWaterMark: BUFFER });
  void stop?.then(
    () => inner.destroy(),
    () => inner.destroy(),
  );
  const done = new Promise<void>((resolve, reject) => {
    inner.on('entry', (header, stream, next) => {
      try {
        onEntry(header, stream as never, () => next());
      } catch (err) {
        // e.g. more distinct names than the path table holds: end this read with the reason
        inner.destroy(err as Error);
      }
    });
    inner.on('finish', resolve);
    inner.on('error', reject);
    inner.on('close', () => reject(new Error('the layer ended before its end-of-archive marker')));
  });
  const decoder =
    compression === 'gzip'
      ? createGunzip({ chunkSize: 256 * 1024 })
      : compression === 'zstd'
        ? new ZstdDecompress()
        : undefined;
  const target: NodeJS.WritableStream = decoder ?? (inner as unknown as NodeJS.WritableStream);
  if (decoder) {
    decoder.on('data', (chunk: Buffer) => {
      if (!inner.write(chunk)) decoder.pause();
    });
    inner.on('drain', () => decoder.resume());
    decoder.on('end', () => {
      inner.end(undefined as never);
    });
    decoder.on('error', (err) => inner.destroy(err));
  }
  const write = async (chunk: Buffer): Promise<void> => {
    if (!target.write(chunk)) {
      await new Promise<void>((resolve, reject) => {
        target.once('drain', resolve);
        done.catch(reject);
      });
    }
  };
  const feed = async (): Promise<void> => {
    for (const chunk of first) await write(chunk);
    if (rest) for (let r = await rest.next(); !r.done; r = await rest.next()) await write(r.value);
    target.end();
  };
  // Either side failing ends both: a damaged layer stops the read, a cut archive too.
  await Promise.all([
    feed().catch((err: unknown) => {
      inner.destroy(err as Error);
      throw err;
    }),
    done,
  ]);
};

/** The compression of a layer from its first bytes (undefined: a plain tar). */
export const layerCompression = (head: Buffer): 'gzip' | 'zstd' | undefined =>
  head[0] === 0x1f && head[1] === 0x8b ? 'gzip' : isZstd(head) ? 'zstd' : undefined;

export { readHead };

/**
 * One streaming pass over an image archive (`docker save` output or an OCI
 * layout tar): each layer's tar headers go into compact records, the small
 * JSON documents are kept, everything else drains. Nothing larger than one
 * JSON document is held in memory, whatever the image's size.
 */
export const readImageArchive = async (source: Readable, opts: ReadOptions = {}): Promise<ArchiveContents> => {
  const paths = new PathTable();
  const contents: ArchiveContents = { paths, layers: new Map(), json: new Map(), links: new Map() };
  const outer = tar.extract({ highWaterMark: BUFFER });
  finished(source, { writable: false }, (err) => {
    if (err) outer.destroy(err);
  });
  source.pipe(outer as unknown as NodeJS.WritableStream);
  let layersRead = 0;
  let jsonBytes = 0;
  for await (const entry of outer) {
    const header = entry.header;
    const name = memberName(header.name);
    if (header.type === 'symlink' && header.linkname) {
      contents.links.set(name, resolveMember(name, header.linkname));
      entry.resume();
      continue;
    }
    if (header.type !== 'file' && header.type !== 'contiguous-file') {
      entry.resume();
      continue;
    }
    const it = (entry as AsyncIterable<Buffer>)[Symbol.asyncIterator]();
    const { chunks, ended } = await readHead(it, HEAD);
    const head = Buffer.concat(chunks);
    const size = header.size ?? 0;
    if (head[0] === 0x7b /* { */ || name === 'manifest.json' || name === 'repositories') {
      if (size > MAX_JSON || jsonBytes + size > MAX_JSON_TOTAL) {
        if (!ended) for (let r = await it.next(); !r.done; r = await it.next());
        continue;
      }
      const all = [...chunks];
      if (!ended) for (let r = await it.next(); !r.done; r = await it.next()) all.push(r.value);
      jsonBytes += size;
      contents.json.set(name, Buffer.concat(all));
      continue;
    }
    if (name === 'oci-layout' || name.endsWith('/VERSION') || name.endsWith('/json')) {
      if (!ended) for (let r = await it.next(); !r.done; r = await it.next());
      continue;
    }
    // Everything else is a layer: gzip, zstd or a plain tar (an empty layer is all zero blocks).
    const records = new LayerRecords(paths);
    try {
      await readLayer(chunks, ended ? undefined : it, layerCompression(head), headersInto(records));
    } catch (err) {
      throw new LayerReadError(name, err);
    }
    contents.layers.set(name, records.finish());
    opts.onLayer?.(++layersRead);
  }
  return contents;
};

/** A layer tar inside the archive could not be read (damaged, cut, not a tar). */
export class LayerReadError extends Error {
  constructor(
    readonly member: string,
    cause: unknown,
  ) {
    super(`${member}: ${cause instanceof Error ? cause.message : String(cause)}`);
  }
}

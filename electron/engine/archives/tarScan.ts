import type { FileHandle } from 'node:fs/promises';
import { Header } from 'tar';
import { isZstd } from './decompress';
import type { DockerManifestEntry } from './ociToDocker';

/** Entries looked at before giving up on the quick look (a docker-archive has ~4 per layer). */
const MAX_ENTRIES = 4096;
/** Largest manifest.json read (the engine's are a few KiB). */
const MAX_MANIFEST = 1024 * 1024;
const BLOCK = 512;

/** Entry types a docker-archive holds; anything else (PAX, GNU long names, devices…) takes the full path. */
const PLAIN_TYPES = new Set(['File', 'OldFile', 'ContiguousFile', 'Directory', 'SymbolicLink', 'Link']);

/** "./a/b" → "a/b": tar entry names as manifest.json paths spell them. */
const normalise = (name: string): string => name.replace(/^(\.\/)+/, '').replace(/^\/+/, '');

const isZeroes = (buf: Buffer): boolean => buf.every((b) => b === 0);

/** A directory whose size field is not zero: tar readers disagree on whether data follows. */
const dirWithSize = (block: Buffer): boolean => !/^[0 \0]*$/.test(block.toString('latin1', 124, 136));

export interface PlainArchive {
  manifest: DockerManifestEntry[];
  /** Where the tar's end-of-archive block starts. */
  entriesEnd: number;
}

/**
 * A quick look at an uncompressed tar file on disk, reading only its
 * headers (one positional read per entry, whatever the layers weigh): is it
 * a complete docker-archive the engine can take as it is? That is, a
 * manifest.json listing configs and layers that are all in the tar, no
 * zstd layer (Engine 20.10 cannot read them), no extension headers, every
 * entry whole and the end-of-archive block in place. Then load.ts sends the
 * file's bytes untouched (loadFile.ts). Anything else — an OCI layout, a
 * missing layer, a cut file — is `undefined`: the full path re-packs or
 * says precisely what is wrong (repack.ts).
 *
 * Header blocks are decoded by node-tar; only the walk from one header to
 * the next (header, data rounded up to 512 bytes) is ours.
 */
export const scanPlainArchive = async (file: FileHandle, size: number): Promise<PlainArchive | undefined> => {
  const present = new Set<string>();
  let manifestBytes: Buffer | undefined;
  let offset = 0;
  // The header and the start of its data: the data's first bytes tell a zstd layer.
  const block = Buffer.alloc(2 * BLOCK);
  for (let entries = 0; ; entries++) {
    if (entries > MAX_ENTRIES || offset + BLOCK > size) return undefined;
    const { bytesRead } = await file.read(block, 0, block.length, offset);
    if (bytesRead < BLOCK) return undefined;
    const head = block.subarray(0, BLOCK);
    if (isZeroes(head)) break;
    const header = new Header(head);
    if (!header.cksumValid || !PLAIN_TYPES.has(header.type) || header.size === undefined) return undefined;
    if (header.type === 'Directory' && dirWithSize(head)) return undefined;
    const name = normalise(header.path ?? '');
    const length = header.type === 'Directory' ? 0 : header.size;
    const dataAt = offset + BLOCK;
    const next = dataAt + Math.ceil(length / BLOCK) * BLOCK;
    if (next > size) return undefined;
    if (header.type !== 'Directory' && header.type !== 'SymbolicLink' && header.type !== 'Link') {
      if (length >= 4 && isZstd(block.subarray(BLOCK, BLOCK + Math.min(bytesRead - BLOCK, 4)))) return undefined;
      if (name === 'manifest.json') {
        if (length > MAX_MANIFEST) return undefined;
        manifestBytes = Buffer.alloc(length);
        const read = await file.read(manifestBytes, 0, length, dataAt);
        if (read.bytesRead !== length) return undefined;
      }
    }
    present.add(name);
    offset = next;
  }
  if (!manifestBytes) return undefined;
  let manifest: unknown;
  try {
    manifest = JSON.parse(manifestBytes.toString('utf8'));
  } catch {
    return undefined;
  }
  if (!Array.isArray(manifest) || manifest.length === 0) return undefined;
  for (const entry of manifest as unknown[]) {
    if (!entry || typeof entry !== 'object') return undefined;
    const { Config, Layers } = entry as Partial<DockerManifestEntry>;
    if (!Array.isArray(Layers)) return undefined;
    for (const p of [Config, ...Layers]) {
      if (typeof p !== 'string' || !present.has(normalise(p))) return undefined;
    }
  }
  return { manifest: manifest as DockerManifestEntry[], entriesEnd: offset };
};

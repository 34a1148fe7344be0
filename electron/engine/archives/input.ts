import type { Readable } from 'node:stream';
import { CompressedDataError, decompressed } from './decompress';
import { archiveProblem, compressedDataProblem } from './problem';
import { peek, sniff, SNIFF_BYTES } from './sniff';

/**
 * Turns the bytes of a file the user chose into an uncompressed tar stream,
 * or fails naming what the file is instead (a zip, random bytes, an xz of
 * something else…). Reads what `docker load` reads — plain, gzip, bzip2 and
 * xz tars — and zstd too, which Engine 20.10 cannot: Lading decompresses
 * them itself, as they stream (nothing is buffered), because it looks inside
 * (checks references, converts OCI layouts) before the engine sees a byte.
 */
export const openTar = async (source: Readable): Promise<Readable> => {
  const { head, stream } = await peek(source, SNIFF_BYTES);
  const kind = sniff(head);
  switch (kind) {
    case 'tar':
      return stream;
    case 'gzip':
    case 'bzip2':
    case 'xz':
    case 'zstd': {
      const plain = decompressed(stream, kind);
      let inner: { head: Buffer; stream: Readable };
      try {
        inner = await peek(plain, SNIFF_BYTES);
        // The first bytes came, then the data failed (before anyone listened: see peek).
        if (inner.stream.errored) throw inner.stream.errored;
      } catch (err) {
        throw err instanceof CompressedDataError ? compressedDataProblem(err) : err;
      }
      const innerKind = sniff(inner.head);
      if (innerKind !== 'tar') {
        plain.destroy();
        stream.destroy();
        throw archiveProblem(
          'compressed-not-tar',
          `the file is ${kind}-compressed, but what it holds is not a tar archive (${innerKind === 'empty' ? 'nothing' : innerKind})`,
          { compression: kind },
        );
      }
      return inner.stream;
    }
    case 'zip':
      stream.destroy();
      throw archiveProblem(
        'zip',
        'this is a zip file; image archives are tar files (docker save, skopeo, podman save), plain or compressed with gzip, bzip2, xz or zstd',
      );
    case 'empty':
      throw archiveProblem('empty', 'the file is empty');
    case 'unknown':
      stream.destroy();
      throw archiveProblem(
        'not-tar',
        'the file is not a tar archive (its first bytes are neither a tar header nor a known compression format)',
      );
  }
};

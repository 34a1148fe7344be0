import type { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { archiveProblem } from './problem';
import { peek, sniff, SNIFF_BYTES } from './sniff';

/**
 * Turns the bytes of a file the user chose into an uncompressed tar stream,
 * or fails naming what the file is instead (a zip, random bytes, a gzip of
 * something else…). Decompression streams (zlib), nothing is buffered.
 */
export const openTar = async (source: Readable): Promise<Readable> => {
  const { head, stream } = await peek(source, SNIFF_BYTES);
  const kind = sniff(head);
  switch (kind) {
    case 'tar':
      return stream;
    case 'gzip': {
      const gunzip = createGunzip({ chunkSize: 256 * 1024 });
      stream.on('error', (err) => gunzip.destroy(err));
      stream.pipe(gunzip);
      let inner: { head: Buffer; stream: Readable };
      try {
        inner = await peek(gunzip, SNIFF_BYTES);
      } catch (err) {
        const message = err instanceof Error ? err.message : String(err);
        throw /unexpected end/i.test(message)
          ? archiveProblem('truncated', `unexpected EOF: the gzip data ends early (${message})`)
          : archiveProblem('damaged', `the gzip data is damaged: ${message}`);
      }
      const innerKind = sniff(inner.head);
      if (innerKind !== 'tar') {
        stream.destroy();
        throw archiveProblem(
          'gzip-not-tar',
          `the file is gzip-compressed, but what it holds is not a tar archive (${innerKind === 'empty' ? 'nothing' : innerKind})`,
        );
      }
      return inner.stream;
    }
    case 'zip':
      stream.destroy();
      throw archiveProblem(
        'zip',
        'this is a zip file; image archives are tar files (docker save, skopeo, podman save), plain or gzip-compressed',
      );
    case 'empty':
      throw archiveProblem('empty', 'the file is empty');
    case 'bzip2':
    case 'xz':
    case 'zstd':
      stream.destroy();
      throw archiveProblem(
        'unsupported',
        `the archive is ${kind}-compressed; Lading reads plain and gzip-compressed tar archives (decompress it first)`,
      );
    case 'unknown':
      stream.destroy();
      throw archiveProblem(
        'not-tar',
        'the file is not a tar archive (its first bytes are neither a tar header nor a known compression format)',
      );
  }
};

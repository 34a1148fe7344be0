import { finished, Readable } from 'node:stream';
import tar from 'tar-stream';
import { normalizePath } from './pathTable';
import { layerCompression, memberName, readHead, readLayer } from './readArchive';

/**
 * Streams an image archive again until one entry of one layer comes, hands
 * that entry's data to `use` (as a Node stream, read at the consumer's
 * pace), then stops reading. Undefined when the entry is not there.
 */
export const withLayerEntry = async <T>(
  source: Readable,
  member: string,
  entryPath: string,
  use: (data: Readable, header: tar.Header) => Promise<T>,
): Promise<{ value: T } | undefined> => {
  const outer = tar.extract();
  finished(source, { writable: false }, (err) => {
    if (err) outer.destroy(err);
  });
  source.pipe(outer as unknown as NodeJS.WritableStream);
  let using: Promise<T> | undefined;
  try {
    for await (const entry of outer) {
      if (memberName(entry.header.name) !== member || entry.header.type !== 'file') {
        entry.resume();
        continue;
      }
      const it = (entry as AsyncIterable<Buffer>)[Symbol.asyncIterator]();
      const { chunks, ended } = await readHead(it, 512);
      const head = Buffer.concat(chunks);
      let used: () => void = () => {};
      const stop = new Promise<void>((resolve) => (used = resolve));
      await readLayer(
        chunks,
        ended ? undefined : it,
        layerCompression(head),
        (header, stream, next) => {
          if (using !== undefined || normalizePath(header.name) !== entryPath) {
            stream.on('end', next);
            stream.resume();
            return;
          }
          using = use(Readable.from(stream as AsyncIterable<Buffer>, { objectMode: false }), header);
          // Once used, the rest of the archive is not needed: stop the engine's stream.
          using.then(used, used);
        },
        stop,
      ).catch((err: unknown) => {
        // Stopping the read on purpose (or the consumer failing) ends the layer early.
        if (using === undefined) throw err;
      });
      break;
    }
  } catch (err) {
    if (using === undefined) throw err;
  } finally {
    source.destroy();
  }
  return using === undefined ? undefined : { value: await using };
};

/** Text files larger than this are shown cut. */
export const TEXT_CAP = 512 * 1024;

/**
 * Up to `cap` bytes of a stream, and whether they look like text: no NUL
 * byte and valid UTF-8 (a character cut at the cap is allowed).
 */
export const readCapped = async (data: Readable, cap: number): Promise<{ bytes: Buffer; truncated: boolean }> => {
  const chunks: Buffer[] = [];
  let have = 0;
  let truncated = false;
  for await (const chunk of data as AsyncIterable<Buffer>) {
    const room = cap - have;
    if (chunk.length > room) {
      chunks.push(chunk.subarray(0, room));
      truncated = true;
      break;
    }
    chunks.push(chunk);
    have += chunk.length;
  }
  return { bytes: Buffer.concat(chunks), truncated };
};

export const looksBinary = (bytes: Buffer, truncated: boolean): boolean => {
  if (bytes.includes(0)) return true;
  // A multi-byte character cut by the cap is not damage: check up to the last complete one.
  let end = bytes.length;
  if (truncated) {
    let back = 0;
    while (back < 4 && end - back - 1 >= 0 && (bytes[end - back - 1]! & 0xc0) === 0x80) back++;
    if (end - back - 1 >= 0 && bytes[end - back - 1]! >= 0xc0) end = end - back - 1;
  }
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, end));
    return false;
  } catch {
    return true;
  }
};

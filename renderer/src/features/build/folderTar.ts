import tar from 'tar-stream';
import type { TarItem } from './droppedFolder';

/** Packed bytes gathered before they move into a Blob (the browser keeps Blobs out of the page's memory). */
const FLUSH_BYTES = 4 * 1024 * 1024;

/**
 * A browser cannot tell a file's mode: everything goes as rwxr-xr-x, as the
 * docker CLI sends a context from Windows (it warns the same way), so a
 * script the Dockerfile runs stays runnable.
 */
const MODE = 0o755;
const OWNER = { uid: 0, gid: 0, uname: '', gname: '' };

/**
 * Writes the planned items as a tar with tar-stream, one file at a time,
 * each read in chunks from its File; what is packed moves into Blob parts
 * every few MB, so the page never holds the whole context. The result is a
 * Blob the upload streams from.
 */
export const packFolder = async (
  items: readonly TarItem[],
  onBytes: (packed: number) => void,
  signal: AbortSignal,
): Promise<Blob> => {
  const pack = tar.pack();
  const parts: Blob[] = [];
  let pending: Uint8Array[] = [];
  let pendingBytes = 0;
  const flush = () => {
    if (!pending.length) return;
    parts.push(new Blob(pending as Uint8Array<ArrayBuffer>[]));
    pending = [];
    pendingBytes = 0;
  };
  pack.on('data', (data: unknown) => {
    const chunk = data as Uint8Array;
    pending.push(chunk);
    pendingBytes += chunk.length;
    if (pendingBytes >= FLUSH_BYTES) flush();
  });
  const ended = new Promise<void>((resolve, reject) => {
    pack.on('end', () => resolve());
    pack.on('error', (err: Error) => reject(err));
  });

  let packed = 0;
  const mtime = new Date();
  for (const item of items) {
    if (signal.aborted) {
      pack.destroy();
      throw new DOMException('packing stopped', 'AbortError');
    }
    if (item.kind === 'folder') {
      await new Promise<void>((resolve, reject) =>
        pack.entry({ name: item.rel, type: 'directory', mode: MODE, mtime, ...OWNER }, (err) =>
          err ? reject(err) : resolve(),
        ),
      );
      continue;
    }
    const content = item.content;
    const modified = content instanceof File ? new Date(content.lastModified) : mtime;
    await new Promise<void>((resolve, reject) => {
      const sink = pack.entry(
        { name: item.rel, type: 'file', size: content.size, mode: MODE, mtime: modified, ...OWNER },
        (err) => (err ? reject(err) : resolve()),
      );
      const reader = content.stream().getReader();
      const pump = async () => {
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          packed += value.length;
          onBytes(packed);
          // Backpressure: wait for the tar to take the chunk before reading the next.
          if (!sink.write(value)) await new Promise<void>((r) => sink.once('drain', () => r()));
        }
        sink.end(undefined);
      };
      pump().catch((err: unknown) => {
        sink.destroy(err instanceof Error ? err : new Error(String(err)));
        reject(err instanceof Error ? err : new Error(String(err)));
      });
    });
  }
  pack.finalize();
  await ended;
  flush();
  return new Blob(parts, { type: 'application/x-tar' });
};

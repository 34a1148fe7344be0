import type { FileHandle } from 'node:fs/promises';
import type { Socket } from 'node:net';
import { archiveProblem } from './problem';

/** The connection went away while the file was sent: the engine's answer (or the cancel) says why. */
export class UploadCut extends Error {}

/** Bytes per read and per write. */
const PIECE = 1024 * 1024;
/** Pieces between the file and the engine at once: the whole of a load's memory. */
const POOL = 4;

/**
 * Sends `size` bytes of an open file onto the engine connection, as the
 * body of a request with that Content-Length. The file is read into a few
 * reused 1 MiB buffers, each written to the socket and refilled once the
 * socket is done with it: no Buffer is allocated per piece, so there is
 * nothing for the garbage collector, and nothing passes through a stream.
 * Measured on a 300 MB load (README "Archives"): ~0.12 s of CPU against
 * ~0.55 s through the stream path, and the engine is never kept waiting.
 *
 * Resolves once every byte is handed to the socket; rejects when reading
 * fails, when the file turns out shorter than `size` (it changed while it
 * was read), or with UploadCut when the connection fails or closes first.
 */
export const sendFile = (
  socket: Socket,
  file: FileHandle,
  size: number,
  onSent: (bytes: number) => void,
): Promise<void> =>
  new Promise((resolve, reject) => {
    const free: Buffer[] = Array.from({ length: Math.min(POOL, Math.max(1, Math.ceil(size / PIECE))) }, () =>
      Buffer.allocUnsafe(Math.min(PIECE, Math.max(size, 1))),
    );
    let read = 0;
    let sent = 0;
    let pumping = false;
    let blocked = false;
    let done = false;

    const finish = (err?: Error) => {
      if (done) return;
      done = true;
      socket.off('close', onClose);
      if (err) reject(err);
      else resolve();
    };
    const onClose = () => finish(new UploadCut('the engine closed the connection while the upload was under way'));
    socket.once('close', onClose);

    const pump = async () => {
      if (pumping) return;
      pumping = true;
      try {
        while (!done && !blocked && read < size && free.length) {
          const buf = free.pop() as Buffer;
          const want = Math.min(buf.length, size - read);
          const { bytesRead } = await file.read(buf, 0, want, read);
          if (done) return;
          if (bytesRead === 0) {
            throw archiveProblem(
              'truncated',
              `the file ended after ${read} of its ${size} bytes: it changed while it was being loaded`,
            );
          }
          read += bytesRead;
          const room = socket.write(bytesRead === buf.length ? buf : buf.subarray(0, bytesRead), (err) => {
            if (err) return finish(new UploadCut(err.message));
            sent += bytesRead;
            onSent(sent);
            free.push(buf);
            if (sent === size) finish();
            else void pump();
          });
          if (!room) {
            blocked = true;
            socket.once('drain', () => {
              blocked = false;
              void pump();
            });
          }
        }
      } catch (err) {
        finish(err as Error);
      } finally {
        pumping = false;
      }
    };
    if (size === 0) finish();
    else void pump();
  });

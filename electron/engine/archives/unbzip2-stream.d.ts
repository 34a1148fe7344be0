declare module 'unbzip2-stream' {
  import type { Duplex } from 'node:stream';

  /**
   * A classic `through` stream: bzip2 bytes in, decompressed bytes out
   * ('data' events, emitted synchronously from write and end).
   */
  export default function unbzip2Stream(): Duplex;
}

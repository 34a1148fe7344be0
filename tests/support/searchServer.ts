import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface CannedResult {
  name: string;
  description: string;
  star_count: number;
  is_official: boolean;
  is_automated: boolean;
}

/** Canned Docker Hub v1 search answers: the engine's own search path asks this server. */
export const CANNED_SEARCH: CannedResult[] = [
  {
    name: 'library/busybox',
    description: 'Busybox base image.',
    star_count: 3100,
    is_official: true,
    is_automated: false,
  },
  {
    name: 'someone/busybox-tools',
    description:
      'Busybox with extra tools for debugging containers in production clusters, kept small and updated weekly.',
    star_count: 12,
    is_official: false,
    is_automated: false,
  },
  {
    name: 'another/busybox-arm',
    description: 'Busybox for ARM boards.',
    star_count: 3,
    is_official: false,
    is_automated: true,
  },
];

export interface SearchServerOptions {
  results?: CannedResult[];
  /**
   * A real registry ("127.0.0.1:PORT") to pass `/v2/` requests to, so a
   * search result can be pulled from this same host.
   */
  registry?: string;
  /** Slows blob downloads through the pass-through to about this many bytes per second. */
  blobBytesPerSecond?: number;
}

/** One blob download through the pass-through, as this server saw it. */
export interface BlobTransfer {
  path: string;
  /** Bytes handed to the engine so far. */
  sent: number;
  /** `closed`: the engine hung up before the blob's end (a cancelled pull). */
  state: 'open' | 'finished' | 'closed';
}

/**
 * A loopback server answering the Docker Hub v1 search API (`/v1/_ping`,
 * `/v1/search?q=&n=`), as the engine asks a `HOST:PORT/term` search. With
 * `registry`, `/v2/` goes through to that real registry. `requests`
 * records what it was asked, `blobs` each paced blob download and how it ended.
 */
export const startSearchServer = async (
  opts: SearchServerOptions = {},
): Promise<{ host: string; requests: string[]; blobs: BlobTransfer[]; close(): Promise<void> }> => {
  const requests: string[] = [];
  const blobs: BlobTransfer[] = [];
  const canned = opts.results ?? CANNED_SEARCH;
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    requests.push(url.pathname + url.search);
    if (url.pathname === '/v1/_ping') {
      res.writeHead(200, { 'content-type': 'application/json' }).end('true');
      return;
    }
    if (url.pathname === '/v1/search') {
      const q = url.searchParams.get('q') ?? '';
      const n = Number(url.searchParams.get('n') ?? '25');
      const results = canned.filter((r) => r.name.includes(q)).slice(0, n);
      res
        .writeHead(200, { 'content-type': 'application/json' })
        .end(JSON.stringify({ num_results: results.length, query: q, results }));
      return;
    }
    if (opts.registry && url.pathname.startsWith('/v2')) {
      const [hostname, port] = opts.registry.split(':');
      const upstream = request(
        {
          hostname,
          port: Number(port),
          path: req.url,
          method: req.method,
          headers: { ...req.headers, host: opts.registry },
        },
        (up) => {
          res.writeHead(up.statusCode ?? 502, up.headers);
          const rate = opts.blobBytesPerSecond;
          if (!rate || !url.pathname.includes('/blobs/')) {
            up.pipe(res);
            return;
          }
          const blob: BlobTransfer = { path: url.pathname, sent: 0, state: 'open' };
          if (req.method === 'GET') blobs.push(blob);
          // Paced: pause after each chunk for as long as the chunk "should" take.
          up.on('data', (chunk: Buffer) => {
            up.pause();
            res.write(chunk, () => {
              blob.sent += chunk.length;
              setTimeout(() => up.resume(), (chunk.length / rate) * 1000);
            });
          });
          up.on('end', () => res.end(() => (blob.state = 'finished')));
          res.on('close', () => {
            if (blob.state === 'open' && !res.writableFinished) blob.state = 'closed';
          });
        },
      );
      upstream.on('error', () => res.destroy());
      res.on('close', () => upstream.destroy());
      req.pipe(upstream);
      return;
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    host: `127.0.0.1:${port}`,
    requests,
    blobs,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
};

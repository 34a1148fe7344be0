import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Canned Docker Hub v1 search answers: the engine's own search path asks this server. */
export const CANNED_SEARCH = [
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

/**
 * A loopback server answering the Docker Hub v1 search API (`/v1/_ping`,
 * `/v1/search?q=&n=`), as the engine asks a `HOST:PORT/term` search. Only
 * the search API; every other path is 404. `requests` records what it was asked.
 */
export const startSearchServer = async (): Promise<{ host: string; requests: string[]; close(): Promise<void> }> => {
  const requests: string[] = [];
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
      const results = CANNED_SEARCH.filter((r) => r.name.includes(q)).slice(0, n);
      res
        .writeHead(200, { 'content-type': 'application/json' })
        .end(JSON.stringify({ num_results: results.length, query: q, results }));
      return;
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    host: `127.0.0.1:${port}`,
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
};

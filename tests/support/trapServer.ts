import { createServer, type Server } from 'node:http';

export interface TrapServer {
  port: number;
  /** Every request it received: "METHOD url". */
  requests: string[];
  close(): Promise<void>;
}

/**
 * A loopback HTTP server that should never be asked anything: hostile
 * references name it, and a test asserts it saw no request (the backend
 * was not made to fetch a caller-chosen host:port).
 */
export const startTrapServer = async (): Promise<TrapServer> => {
  const requests: string[] = [];
  const server: Server = createServer((req, res) => {
    requests.push(`${req.method} ${req.url}`);
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    port,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
};

import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import sirv from 'sirv';
import { WebSocketServer, type WebSocket } from 'ws';
import { DOWNLOAD_PATH, TOKEN_PARAM, UPLOAD_PATH, WS_PATH, type ServerMessage } from '../../shared/contract/protocol';
import type { Dispatcher } from '../api/dispatcher';
import type { UploadRegistry } from '../api/uploads';
import type { DownloadRegistry } from '../api/downloads';
import { encodeServerMessage } from '../../shared/contract/wireText';
import { REFUSED_PAGE, REFUSED_PAGE_CSP } from './refusedPage';
import { checkRequest, newToken, tokenCookie, tokenSource, type Refusal } from './auth';
import { RENDERER_CSP } from '../shell/policy';

export interface ServeOptions {
  dispatcher: Dispatcher;
  uploads: UploadRegistry;
  /** Saves and exports streamed to the browser (GET /downloads/<id>). */
  downloads?: DownloadRegistry;
  /** The built renderer (index.html and assets). */
  staticDir: string;
  host: string;
  port: number;
  /** Fixed token for tests; a random one otherwise. */
  token?: string;
}

export interface RunningServer {
  url: string;
  port: number;
  token: string;
  server: Server;
  close(): Promise<void>;
}

const refuse = (res: ServerResponse, refusal: Refusal): void => {
  if (refusal === 'bad-token') {
    res.writeHead(401, {
      'Content-Type': 'text/html; charset=utf-8',
      'Cache-Control': 'no-store',
      'Content-Security-Policy': REFUSED_PAGE_CSP,
    });
    res.end(REFUSED_PAGE);
  } else {
    res.writeHead(403, { 'Content-Type': 'text/plain; charset=utf-8' });
    res.end('Forbidden: serve mode answers only same-origin requests to a loopback address.\n');
  }
};

/** Largest client message accepted (calls are small; files travel over HTTP). */
const MAX_MESSAGE_BYTES = 1024 * 1024;

const sendJson = (ws: WebSocket, message: ServerMessage): Promise<void> =>
  new Promise((resolve, reject) => {
    if (ws.readyState !== ws.OPEN) return reject(new Error('socket closed'));
    ws.send(encodeServerMessage(message), (err) => (err ? reject(err) : resolve()));
  });

/**
 * Serve mode: the built renderer over HTTP and the API over one WebSocket,
 * on a loopback address only, behind a per-run token and a same-origin check.
 */
export const startServer = async (opts: ServeOptions): Promise<RunningServer> => {
  const token = opts.token ?? newToken();
  const assets = sirv(opts.staticDir, {
    single: true,
    etag: true,
    setHeaders: (res, pathname) => {
      if (pathname === '/' || pathname.endsWith('.html')) {
        res.setHeader('Cache-Control', 'no-store');
        res.setHeader('Content-Security-Policy', RENDERER_CSP);
      } else if (pathname.startsWith('/assets/')) {
        // The build names these files for their content: a reload takes them from the cache
        // without asking (no revalidation round trips while the page boots).
        res.setHeader('Cache-Control', 'private, max-age=31536000, immutable');
      }
      res.setHeader('X-Content-Type-Options', 'nosniff');
      res.setHeader('Referrer-Policy', 'no-referrer');
    },
  });

  // requestTimeout 0: Node's default (300 s for a whole request) would cut a
  // multi-GB archive upload that moves at the engine's pace.
  const server = createServer({ requestTimeout: 0 }, (req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const refusal = checkRequest(req, token);
    if (refusal) {
      refuse(res, refusal);
      return;
    }
    if (url.pathname.startsWith(`${UPLOAD_PATH}/`)) {
      receiveUpload(req, res, url.pathname.slice(UPLOAD_PATH.length + 1));
      return;
    }
    if (url.pathname.startsWith(`${DOWNLOAD_PATH}/`)) {
      sendDownload(req, res, url.pathname.slice(DOWNLOAD_PATH.length + 1));
      return;
    }
    if (tokenSource(req, token) === 'query' && req.method === 'GET') {
      // First visit: keep the token in a cookie and take it out of the address bar.
      url.searchParams.delete(TOKEN_PARAM);
      res.writeHead(303, {
        'Set-Cookie': tokenCookie(req.headers.host ?? '', token),
        Location: url.pathname + url.search,
        'Cache-Control': 'no-store',
      });
      res.end();
      return;
    }
    assets(req, res, () => {
      res.statusCode = 404;
      res.end('Not found');
    });
  });

  /**
   * Browser → main file stream: the request body is handed, unread, to the
   * operation that consumes it; it reads at the engine's pace.
   */
  const receiveUpload = (req: IncomingMessage, res: ServerResponse, id: string) => {
    if (req.method !== 'POST') {
      res.writeHead(405, { Allow: 'POST' }).end();
      return;
    }
    if (!opts.uploads.attach(id, req)) {
      res.writeHead(404).end('unknown or already used upload');
      return;
    }
    req.once('end', () => res.writeHead(204).end());
  };

  /**
   * Main → browser file stream: the response is handed to the save or
   * export operation, which sends the headers once the engine is about to
   * send and streams at the browser's pace. One fetch per download id.
   */
  const sendDownload = (req: IncomingMessage, res: ServerResponse, id: string) => {
    if (req.method !== 'GET') {
      res.writeHead(405, { Allow: 'GET' }).end();
      return;
    }
    if (!opts.downloads?.attach(id, res)) {
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('unknown or already used download\n');
    }
  };

  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
  server.on('upgrade', (req, socket, head) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    const refusal = path === WS_PATH ? checkRequest(req, token) : 'bad-host';
    if (refusal) {
      socket.end(`HTTP/1.1 ${refusal === 'bad-token' ? '401 Unauthorized' : '403 Forbidden'}\r\n\r\n`);
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      const session = opts.dispatcher.openSession({ send: (m) => sendJson(ws, m) }, () => ws.terminate());
      ws.on('message', (data, isBinary) => {
        if (isBinary) return;
        let parsed: unknown;
        try {
          parsed = JSON.parse(String(data));
        } catch {
          parsed = undefined;
        }
        void session.handle(parsed).then((reply) => sendJson(ws, reply).catch(() => {}));
      });
      ws.on('close', () => session.close());
      ws.on('error', () => session.close());
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const shownHost = opts.host.includes(':') ? `[${opts.host}]` : opts.host;
  const url = `http://${shownHost}:${port}/?${TOKEN_PARAM}=${token}`;
  return {
    url,
    port,
    token,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        for (const client of wss.clients) client.terminate();
        wss.close();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
};

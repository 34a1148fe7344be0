import { resolve } from 'node:path';
import { createBackend, type Backend } from '../../electron/backend';
import { startServer, type RunningServer } from '../../electron/serve/server';
import type { EventMessage } from '../../shared/contract/protocol';
import type { HostServices } from '../../electron/api/hostServices';
import type { SandboxEnv } from './sandbox';
import { TestWsClient } from './wsClient';

export interface ServeHarness {
  backend: Backend;
  server: RunningServer;
  client: TestWsClient;
  wsUrl: string;
  /** The final update (succeeded / failed / cancelled) of an operation. */
  finalOf(operationId: string): Promise<Extract<EventMessage, { type: 'operation' }>>;
  close(): Promise<void>;
}

/** The real serve-mode server on a sandbox engine, with one connected protocol client. */
export const startServeHarness = async (
  env: SandboxEnv,
  defaultDirectory: string,
  /** Serve mode's files roots (`--files-root`); none: any path, as the desktop app. */
  fileRoots?: readonly string[],
): Promise<ServeHarness> => {
  const host: HostServices = {
    info: { mode: 'serve', nativeDialogs: false, defaultDirectory, platform: 'linux', appVersion: 'test' },
    ...(fileRoots ? { fileRoots } : {}),
  };
  const backend = createBackend({ engineHost: env.dockerHost, host });
  const server = await startServer({
    dispatcher: backend.dispatcher,
    uploads: backend.uploads,
    downloads: backend.downloads,
    staticDir: resolve('dist/renderer'),
    host: '127.0.0.1',
    port: 0,
  });
  const wsUrl = `ws://127.0.0.1:${server.port}/api?token=${server.token}`;
  const client = await TestWsClient.open(wsUrl, `http://127.0.0.1:${server.port}`);
  return {
    backend,
    server,
    client,
    wsUrl,
    finalOf: (operationId) =>
      client.waitFor(
        (m) => m.type === 'operation' && m.update.operationId === operationId && m.update.state !== 'running',
        120_000,
      ) as Promise<Extract<EventMessage, { type: 'operation' }>>,
    close: async () => {
      client.close();
      await server.close();
      backend.dispose();
    },
  };
};

import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createBackend } from '../backend';
import { resolveEngineHost } from '../engine/host';
import { isLoopbackAddress } from './auth';
import { startServer } from './server';

const usage = `Usage: npm run serve -- [--port N] [--host 127.0.0.1] [--engine DOCKER_HOST]

Serves Lading in a browser on this machine (loopback only). Open the printed
URL; it holds a token that is new each run. On a headless server, reach it
through an SSH tunnel:  ssh -L 7420:127.0.0.1:7420 server
`;

const main = async (): Promise<void> => {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '7420' },
      host: { type: 'string', default: '127.0.0.1' },
      engine: { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(usage);
    return;
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`--port must be a number from 0 to 65535 (got "${values.port}")`);
  }
  if (!isLoopbackAddress(values.host)) {
    throw new Error(`--host must be a loopback address (got "${values.host}"); use an SSH tunnel for remote access`);
  }
  const engineHost = values.engine ?? resolveEngineHost();
  const backend = createBackend({
    engineHost,
    host: {
      info: {
        mode: 'serve',
        nativeDialogs: false,
        defaultDirectory: process.env.LADING_SAVE_DIR ?? join(homedir(), 'Downloads'),
        platform: process.platform,
        appVersion: process.env.npm_package_version ?? '0.0.0',
      },
    },
  });
  const staticDir = resolve(__dirname, '..', 'renderer');
  const running = await startServer({
    dispatcher: backend.dispatcher,
    uploads: backend.uploads,
    staticDir,
    host: values.host,
    port,
  });
  process.stdout.write(`Lading (serve mode) — engine ${engineHost}\nOpen ${running.url}\n`);

  const shutdown = () => {
    backend.dispose();
    void running.close().then(() => process.exit(0));
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
};

main().catch((err: unknown) => {
  process.stderr.write(`lading serve: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});

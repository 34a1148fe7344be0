import { statSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { startEarlyList } from '../engine/images/earlyList';
import { resolveEngineHost } from '../engine/hostAddress';
import { installLastResort } from '../lastResort';
import { isLoopbackAddress } from './auth';

const usage = `Usage: npm run serve -- [--port N] [--host 127.0.0.1] [--engine DOCKER_HOST] [--files-root DIR]…

Serves Lading in a browser on this machine (loopback only). Open the printed
URL; it holds a token that is new each run. On a headless server, reach it
through an SSH tunnel:  ssh -L 7420:127.0.0.1:7420 server

Save and Export download to the browser's computer. Paths on this server
(loading or importing by server path, any server-side write) are allowed
only inside the files roots: --files-root DIR, repeatable; default: the
save directory (LADING_SAVE_DIR, else ~/Downloads).
`;

/** How long serve mode waits for its early requests to the engine to be on their way (they take ~15 ms). */
const EARLY_WAIT_MS = 200;

const main = async (): Promise<void> => {
  installLastResort();
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '7420' },
      host: { type: 'string', default: '127.0.0.1' },
      engine: { type: 'string' },
      'files-root': { type: 'string', multiple: true },
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
  // The engine starts on the image list while the rest of Lading loads (about
  // a third of a second of module loading, which blocks this thread: so the
  // requests are sent first). Both entries below are bundled into this file.
  const early = startEarlyList(engineHost);
  // An engine slow to answer its ping must not hold up the address: past
  // this, the requests go out once the code below has loaded.
  await Promise.race([early.sent, new Promise((resolve) => setTimeout(resolve, EARLY_WAIT_MS))]);
  const [{ createBackend }, { startServer }] = await Promise.all([import('../backend'), import('./server')]);
  const saveDir = process.env.LADING_SAVE_DIR ?? join(homedir(), 'Downloads');
  const fileRoots = (values['files-root'] ?? [saveDir]).map((dir) => resolve(dir));
  for (const root of values['files-root'] ?? []) {
    if (!statSync(root, { throwIfNoEntry: false })?.isDirectory()) {
      throw new Error(`--files-root ${root} is not an existing folder`);
    }
  }
  const backend = createBackend({
    engineHost,
    early,
    host: {
      fileRoots,
      // Registry settings (mirrors); logins go to the docker credential helper or stay in memory.
      dataDir: process.env.LADING_DATA_DIR ?? join(homedir(), '.config', 'lading'),
      info: {
        mode: 'serve',
        nativeDialogs: false,
        defaultDirectory: saveDir,
        platform: process.platform,
        appVersion: process.env.npm_package_version ?? '0.0.0',
      },
    },
  });
  const staticDir = resolve(__dirname, '..', 'renderer');
  const running = await startServer({
    dispatcher: backend.dispatcher,
    uploads: backend.uploads,
    downloads: backend.downloads,
    staticDir,
    host: values.host,
    port,
  });
  process.stdout.write(
    `Lading (serve mode) — engine ${engineHost}\nServer-side files only inside: ${fileRoots.join(', ')}\nOpen ${running.url}\n`,
  );

  // Quitting cancels running saves and exports (each removes its partial
  // file) before the process exits; a second signal exits at once.
  let quitting = false;
  const shutdown = () => {
    if (quitting) process.exit(1);
    quitting = true;
    void backend
      .shutdown()
      .then(() => running.close())
      .then(() => process.exit(0));
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
};

main().catch((err: unknown) => {
  process.stderr.write(`lading serve: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});

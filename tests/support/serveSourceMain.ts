/**
 * Serve mode's backend and server as electron/serve/cli.ts starts them, run
 * from source in a process of its own (see serveSource.ts). The renderer's
 * files are not needed by protocol tests: an empty folder stands in.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createBackend } from '../../electron/backend';
import { startServer } from '../../electron/serve/server';

const engineHost = process.argv[2];
if (!engineHost) throw new Error('usage: serveSourceMain.ts DOCKER_HOST');
const backend = createBackend({
  engineHost,
  host: {
    info: {
      mode: 'serve',
      nativeDialogs: false,
      defaultDirectory: process.env.LADING_SAVE_DIR ?? tmpdir(),
      platform: process.platform,
      appVersion: 'test',
    },
  },
});
void startServer({
  dispatcher: backend.dispatcher,
  uploads: backend.uploads,
  staticDir: mkdtempSync(join(tmpdir(), 'lading-no-renderer-')),
  host: '127.0.0.1',
  port: 0,
}).then((running) => {
  process.stdout.write(`Open ${running.url}\n`);
  process.on('SIGTERM', () => {
    backend.dispose();
    void running.close().then(() => process.exit(0));
  });
});

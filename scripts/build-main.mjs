// Bundles the main side with esbuild: serve mode, the Electron main process
// and the preload (which must be self-contained: sandboxed preloads cannot
// require node_modules).
import { build } from 'esbuild';
import { existsSync } from 'node:fs';

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: true,
  logLevel: 'warning',
};

await build({ ...common, entryPoints: ['electron/serve/cli.ts'], outfile: 'dist/serve/cli.cjs', packages: 'external' });
// The thread that writes a save or export into its file (engine/archives/fileDownload.ts
// finds it next to the bundle that starts it). It needs no package.
const fileDownloadWorker = { ...common, entryPoints: ['electron/engine/archives/fileDownloadWorker.ts'] };
await build({ ...fileDownloadWorker, outfile: 'dist/serve/fileDownloadWorker.cjs' });

if (existsSync('electron/shell/main.ts')) {
  await build({
    ...common,
    entryPoints: ['electron/shell/main.ts'],
    outfile: 'dist/electron/main.cjs',
    packages: 'external',
    external: ['electron'],
  });
  await build({ ...fileDownloadWorker, outfile: 'dist/electron/fileDownloadWorker.cjs' });
  await build({
    ...common,
    entryPoints: ['electron/shell/preload.ts'],
    outfile: 'dist/electron/preload.cjs',
    external: ['electron'],
  });
}

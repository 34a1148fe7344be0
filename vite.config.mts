import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The renderer is one static bundle, served by Electron (file://) or by serve mode.
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react()],
  // The browser builds a dropped folder's context with the main side's own
  // libraries: @balena/dockerignore asks for Node's `path` (posix here, as
  // Docker matches context paths) and tar-stream's streams for `events`.
  resolve: {
    alias: [
      { find: /^path$/, replacement: 'pathe' },
      { find: /^events$/, replacement: 'bare-events' },
    ],
  },
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    target: 'chrome120',
    sourcemap: true,
  },
});

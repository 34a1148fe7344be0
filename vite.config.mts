import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The renderer is one static bundle, served by Electron (file://) or by serve mode.
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    target: 'chrome120',
    sourcemap: true,
  },
});

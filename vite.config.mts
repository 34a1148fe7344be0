import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

/**
 * main.tsx opens the link to the backend first and imports the UI
 * (app/start.tsx) after; this plugin lists the UI's chunks as
 * <link rel="modulepreload"> in index.html, so the browser fetches and
 * compiles them while the first chunk runs instead of after it.
 */
const preloadUi = (entry: string): Plugin => ({
  name: 'lading-preload-ui',
  apply: 'build',
  transformIndexHtml: {
    order: 'post',
    handler: (html, { bundle }) => {
      const chunks = Object.values(bundle ?? {}).flatMap((c) => (c.type === 'chunk' ? [c] : []));
      const ui = chunks.find((c) => c.facadeModuleId?.endsWith(entry));
      if (!ui) throw new Error(`lading-preload-ui: no chunk for ${entry}`);
      const link = (attrs: Record<string, string | boolean>) => ({ tag: 'link', attrs, injectTo: 'head' as const });
      return [
        ...[ui.fileName, ...ui.imports]
          .filter((file) => !html.includes(`./${file}"`)) // the entry and what it preloads already
          .map((file) => link({ rel: 'modulepreload', crossorigin: true, href: `./${file}` })),
        ...[...(ui.viteMetadata?.importedCss ?? [])].map((file) =>
          link({ rel: 'preload', as: 'style', crossorigin: true, href: `./${file}` }),
        ),
      ];
    },
  },
});

// The renderer is one static bundle, served by Electron (file://) or by serve mode.
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react(), preloadUi('/src/app/start.tsx')],
  // The browser builds a dropped folder's context with the main side's own
  // libraries: @balena/dockerignore asks for Node's `path` (posix here, as
  // Docker matches context paths) and tar-stream's streams for `events`.
  // Without these the Build view does not start (e2e/build.spec.ts).
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

import { spawnSync } from 'node:child_process';
import { buildSync } from 'esbuild';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The last resort keeps the process serving after a bug it did not
 * handle, and says so on stderr (which the fuzz test watches). Run in a
 * child: the test runner has handlers of its own.
 */
describe('last resort', () => {
  it('logs an unhandled rejection and an uncaught exception, and the process keeps running', () => {
    const { outputFiles } = buildSync({
      stdin: {
        contents: `
          import { installLastResort } from './electron/lastResort';
          installLastResort();
          void Promise.reject(new Error('rejected on purpose'));
          setTimeout(() => { throw new Error('thrown on purpose'); }, 10);
          setTimeout(() => console.log('still serving'), 100);
        `,
        resolveDir: resolve('.'),
        loader: 'ts',
      },
      bundle: true,
      platform: 'node',
      format: 'cjs',
      write: false,
    });
    const r = spawnSync(process.execPath, ['-e', outputFiles[0]?.text ?? ''], { encoding: 'utf8', timeout: 30_000 });
    expect(r.status).toBe(0);
    expect(r.stdout.trim()).toBe('still serving');
    expect(r.stderr).toMatch(/lading: last resort: unhandled rejection [^\n]*rejected on purpose/);
    expect(r.stderr).toMatch(/lading: last resort: uncaught exception from uncaughtException [\s\S]*thrown on purpose/);
  });

  it('serve mode and the desktop main process install it', async () => {
    const { readFileSync } = await import('node:fs');
    for (const entry of ['electron/serve/cli.ts', 'electron/shell/main.ts']) {
      expect(readFileSync(entry, 'utf8'), entry).toMatch(/^\s*installLastResort\(\);/m);
    }
  });
});

import { buildSync } from 'esbuild';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

let built: string | undefined;

/**
 * NODE_OPTIONS that preload the loopback guard (loopbackGuardChild.ts) into
 * a Node process a test starts. The preload is bundled once per test
 * process to plain CommonJS, so the child needs no TypeScript loader.
 */
export const loopbackGuardNodeOptions = (): string => {
  if (!built) {
    built = join(mkdtempSync(join(tmpdir(), 'lading-guard-preload-')), 'loopbackGuardChild.cjs');
    buildSync({
      entryPoints: [resolve('tests/support/loopbackGuardChild.ts')],
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      outfile: built,
      logLevel: 'warning',
    });
  }
  return `--require ${built}`;
};

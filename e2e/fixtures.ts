import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test as base } from '@playwright/test';
import { sandboxEnv, type SandboxEnv } from '../tests/support/sandbox';

export interface ServeInstance {
  /** The URL serve mode printed, token included. */
  url: string;
  /** Where the save dialog proposes to write. */
  saveDir: string;
  stop(): Promise<void>;
}

/** Starts `node dist/serve/cli.cjs` (what `npm run serve` runs) and reads the URL it prints. */
export const startServe = async (engine: string): Promise<ServeInstance> => {
  const saveDir = mkdtempSync(join(tmpdir(), 'lading-e2e-save-'));
  const child: ChildProcess = spawn(process.execPath, ['dist/serve/cli.cjs', '--port', '0', '--engine', engine], {
    env: { ...process.env, LADING_SAVE_DIR: saveDir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve mode printed no URL:\n${output}`)), 20_000);
    const onData = (d: Buffer) => {
      output += d.toString();
      const m = /(http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)/.exec(output);
      if (m?.[1]) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`serve mode exited (${code}):\n${output}`)));
  });
  return {
    url,
    saveDir,
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(saveDir, { recursive: true, force: true });
    },
  };
};

export const test = base.extend<{ serve: ServeInstance }, { sandbox: SandboxEnv }>({
  // Playwright requires the destructuring pattern even when no fixture is used.
  // eslint-disable-next-line no-empty-pattern
  sandbox: [async ({}, use) => use(sandboxEnv()), { scope: 'worker' }],
  serve: async ({ sandbox }, use) => {
    const instance = await startServe(sandbox.dockerHost);
    await use(instance);
    await instance.stop();
  },
});

export { expect } from '@playwright/test';

import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface SourceServe {
  /** http://127.0.0.1:PORT (no token). */
  origin: string;
  token: string;
  /** ws://…/api?token=… */
  wsUrl: string;
  saveDir: string;
  /** True while the process runs: a crash (an unhandled rejection) ends it. */
  alive(): boolean;
  /** Settles when the process ends, with its exit code or signal. */
  exited: Promise<string>;
  /** What the process printed (stdout and stderr), for failure messages. */
  output(): string;
  stop(): Promise<void>;
}

/**
 * Serve mode as its own process, run from the TypeScript source (no build
 * needed): tests that must see the backend survive a hostile input run it
 * apart from the test process, since an unhandled rejection ends it.
 */
export const startServeFromSource = async (engine: string): Promise<SourceServe> => {
  const saveDir = mkdtempSync(join(tmpdir(), 'lading-serve-src-'));
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'tests/support/serveSourceMain.ts', engine], {
    env: { ...process.env, LADING_SAVE_DIR: saveDir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const onData = (d: Buffer) => (output += d.toString());
  child.stdout?.on('data', onData);
  child.stderr?.on('data', onData);
  const url = await new Promise<URL>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve mode printed no URL:\n${output}`)), 30_000);
    const check = () => {
      const m = /(http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)/.exec(output);
      if (m?.[1]) {
        clearTimeout(timer);
        resolve(new URL(m[1]));
      }
    };
    child.stdout?.on('data', check);
    child.stderr?.on('data', check);
    child.once('exit', (code) => reject(new Error(`serve mode exited (${code}):\n${output}`)));
  });
  const token = url.searchParams.get('token') ?? '';
  const exited = new Promise<string>((r) => child.once('exit', (code, signal) => r(String(code ?? signal))));
  return {
    origin: url.origin,
    token,
    wsUrl: `ws://${url.host}/api?token=${token}`,
    saveDir,
    alive: () => child.exitCode === null && child.signalCode === null,
    exited,
    output: () => output,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(saveDir, { recursive: true, force: true });
    },
  };
};

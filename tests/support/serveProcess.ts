import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { GuardAttempt } from './loopbackGuard';
import { loopbackGuardNodeOptions } from './loopbackGuardPreload';

export interface ServeProcess {
  /** The URL serve mode printed, token included. */
  url: string;
  /** Where the save dialog proposes to write. */
  saveDir: string;
  pid: number;
  /** False once the process has exited (a crash, in a test that did not stop it). */
  alive(): boolean;
  /** What it printed so far (stdout and stderr). */
  output(): string;
  /** DNS lookups and connections beyond loopback it attempted (refused by the loopback guard). */
  guardAttempts(): GuardAttempt[];
  stop(): Promise<void>;
}

/**
 * Starts `node dist/serve/cli.cjs` (what `npm run serve` runs) on a free
 * port and reads the URL it prints. Used by e2e tests and the benches.
 */
export const startServe = async (
  engine: string,
  /** A command to run node under (e.g. `setpriv …` to drop root's file-permission override). */
  wrapper: string[] = [],
): Promise<ServeProcess> => {
  const saveDir = mkdtempSync(join(tmpdir(), 'lading-serve-save-'));
  // All test traffic stays on loopback: the child refuses and records anything else.
  const guardLog = join(mkdtempSync(join(tmpdir(), 'lading-guard-')), 'attempts.jsonl');
  const guard = loopbackGuardNodeOptions();
  const dataDir = mkdtempSync(join(tmpdir(), 'lading-serve-data-'));
  const dockerConfig = mkdtempSync(join(tmpdir(), 'lading-serve-docker-'));
  const argv = [process.execPath, 'dist/serve/cli.cjs', '--port', '0', '--engine', engine];
  const [command = process.execPath, ...args] = [...wrapper, ...argv];
  const child: ChildProcess = spawn(command, args, {
    env: {
      ...process.env,
      LADING_SAVE_DIR: saveDir,
      LADING_LOOPBACK_GUARD_LOG: guardLog,
      NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} ${guard}`.trim(),
      // Registry settings and the docker CLI config of this run only, never the user's.
      LADING_DATA_DIR: dataDir,
      DOCKER_CONFIG: dockerConfig,
    },
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
    pid: child.pid ?? -1,
    alive: () => child.exitCode === null && child.signalCode === null,
    output: () => output,
    guardAttempts: () =>
      existsSync(guardLog)
        ? readFileSync(guardLog, 'utf8')
            .split('\n')
            .filter(Boolean)
            .map((line) => JSON.parse(line) as GuardAttempt)
        : [],
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }
      for (const dir of [saveDir, dataDir, dockerConfig]) rmSync(dir, { recursive: true, force: true });
    },
    // The guard's log folder stays until the OS cleans tmp: a test may read it after stop().
  };
};

/** Resident and peak resident memory of a process, bytes (Linux /proc; NaN elsewhere). */
export const processMemory = (pid: number): { rss: number; peak: number } => {
  let status = '';
  try {
    status = readFileSync(`/proc/${pid}/status`, 'utf8');
  } catch {
    // not Linux, or the process is gone
  }
  const field = (name: string) => {
    const m = new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status);
    return m?.[1] ? Number(m[1]) * 1024 : NaN;
  };
  return { rss: field('VmRSS'), peak: field('VmHWM') };
};

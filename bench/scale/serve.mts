// Serve mode as `npm run serve` runs it (dist/serve/cli.cjs), like
// e2e/fixtures.ts's startServe, plus the pid so the bench can read the
// server's memory.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface Serve {
  /** The printed URL, token included (first visit). */
  url: string;
  /** The same server without the token (visits after the cookie is set). */
  origin: string;
  /** Resident and peak resident memory of the server process, bytes (Linux). */
  memory(): { rss: number; peak: number };
  stop(): Promise<void>;
}

const statusField = (pid: number, field: string): number => {
  try {
    const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m?.[1] ? Number(m[1]) * 1024 : NaN;
  } catch {
    return NaN;
  }
};

export const startServe = async (engine: string): Promise<Serve> => {
  const saveDir = mkdtempSync(join(tmpdir(), 'lading-scale-save-'));
  const child = spawn(process.execPath, ['dist/serve/cli.cjs', '--port', '0', '--engine', engine], {
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
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => reject(new Error(`serve mode exited (${code}):\n${output}`)));
  });
  const pid = child.pid ?? -1;
  return {
    url,
    origin: `${new URL(url).origin}/`,
    memory: () => ({ rss: statusField(pid, 'VmRSS'), peak: statusField(pid, 'VmHWM') }),
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(saveDir, { recursive: true, force: true });
    },
  };
};

import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface SandboxEnv {
  dir: string;
  dockerHost: string;
  registry: string;
  podmanHost: string | undefined;
}

/**
 * The engine stack started by `scripts/sandbox.sh start` (npm test starts
 * it). Tests read its env file rather than guessing sockets.
 */
export const sandboxEnv = (): SandboxEnv => {
  const dir = process.env.LADING_SANDBOX_DIR ?? '/tmp/lading-sandbox';
  const file = `${dir}/env`;
  if (!existsSync(file)) {
    throw new Error(`No sandbox at ${dir}: run "bash scripts/sandbox.sh start --podman" first (npm test does).`);
  }
  const vars: Record<string, string> = {};
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const m = /^(?:export\s+)?([A-Z_]+)=["']?([^"'\n]*)["']?$/.exec(line.trim());
    if (m?.[1]) vars[m[1]] = m[2] ?? '';
  }
  const dockerHost = vars.DOCKER_HOST;
  const registry = vars.LADING_REGISTRY;
  if (!dockerHost || !registry) throw new Error(`${file} lacks DOCKER_HOST or LADING_REGISTRY`);
  return { dir, dockerHost, registry, podmanHost: vars.LADING_PODMAN_HOST };
};

/** The docker CLI against the sandbox engine: the user's own terminal, in tests. */
export const dockerCli = async (env: SandboxEnv, ...args: string[]): Promise<string> => {
  const { stdout } = await run('docker', args, {
    env: { ...process.env, DOCKER_HOST: env.dockerHost, DOCKER_BUILDKIT: '0' },
    maxBuffer: 64 * 1024 * 1024,
  });
  return stdout;
};

/** Runs scripts/sandbox.sh with a subcommand (engine-stop, engine-start, …). */
export const sandboxCommand = async (...args: string[]): Promise<void> => {
  await run('bash', ['scripts/sandbox.sh', ...args], { env: process.env, maxBuffer: 16 * 1024 * 1024 });
};

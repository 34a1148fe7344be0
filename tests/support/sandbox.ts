import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface SandboxEnv {
  dir: string;
  dockerHost: string;
  registry: string;
  podmanHost: string | undefined;
  /** The registry that requires a login (htpasswd), with its user and password. */
  authRegistry: string | undefined;
  authUser: string | undefined;
  authPassword: string | undefined;
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
  return {
    dir,
    dockerHost,
    registry,
    podmanHost: vars.LADING_PODMAN_HOST,
    authRegistry: vars.LADING_AUTH_REGISTRY,
    authUser: vars.LADING_AUTH_USER,
    authPassword: vars.LADING_AUTH_PASSWORD,
  };
};

/** The docker CLI against the sandbox engine: the user's own terminal, in tests. */
export const dockerCli = async (env: SandboxEnv, ...args: string[]): Promise<string> => {
  const { stdout } = await run('docker', args, {
    env: { ...process.env, DOCKER_HOST: env.dockerHost, DOCKER_BUILDKIT: '0' },
    maxBuffer: 64 * 1024 * 1024,
  });
  return stdout;
};

/** Sorted "ID repo:tag" lines: the engine's image list as `docker images -a --no-trunc` prints it. */
export const imageListing = async (env: SandboxEnv): Promise<string[]> =>
  (await dockerCli(env, 'images', '-a', '--no-trunc', '--format', '{{.ID}} {{.Repository}}:{{.Tag}}'))
    .trim()
    .split('\n')
    .sort();

/** Runs scripts/sandbox.sh with a subcommand (engine-stop, engine-start, …). */
export const sandboxCommand = async (...args: string[]): Promise<void> => {
  await run('bash', ['scripts/sandbox.sh', ...args], { env: process.env, maxBuffer: 16 * 1024 * 1024 });
};

/**
 * `docker build -t TAG -` with the Dockerfile on stdin (no context): a quick
 * throwaway image. Each call with a fresh `LABEL` gives a distinct image ID.
 */
export const dockerBuild = async (env: SandboxEnv, tag: string, dockerfile: string): Promise<string> => {
  const { spawn } = await import('node:child_process');
  return new Promise((resolve, reject) => {
    const child = spawn('docker', ['build', '-q', '-t', tag, '-'], {
      env: { ...process.env, DOCKER_HOST: env.dockerHost, DOCKER_BUILDKIT: '0' },
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 ? resolve(out.trim().split('\n').at(-1) ?? '') : reject(new Error(`docker build ${tag}: ${err}`)),
    );
    child.stdin.end(dockerfile);
  });
};

/** A throwaway image FROM the busybox fixture, distinct by its labels. */
export const throwawayImage = (env: SandboxEnv, tag: string, labels: Record<string, string> = {}) =>
  dockerBuild(
    env,
    tag,
    `FROM fixture/busybox:1\nLABEL ${Object.entries({
      'lading.test': tag,
      nonce: `${Date.now()}-${Math.random()}`,
      ...labels,
    })
      .map(([k, v]) => `${JSON.stringify(k)}=${JSON.stringify(v)}`)
      .join(' ')}\n`,
  );

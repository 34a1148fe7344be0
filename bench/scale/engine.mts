// The engine side of the scale bench: the docker CLI and the raw API, both
// on the sandbox engine only.
import { execFile } from 'node:child_process';
import { request } from 'node:http';
import { performance } from 'node:perf_hooks';
import { promisify } from 'node:util';
import { SCALE_LABEL } from './archive.mjs';

const run = promisify(execFile);

/** The docker CLI against `dockerHost` (the user's terminal, in the bench). */
export const docker = async (dockerHost: string, ...args: string[]): Promise<string> => {
  const { stdout } = await run('docker', args, {
    env: { ...process.env, DOCKER_HOST: dockerHost, DOCKER_BUILDKIT: '0' },
    maxBuffer: 256 * 1024 * 1024,
  });
  return stdout;
};

const socketPath = (dockerHost: string): string => {
  if (!dockerHost.startsWith('unix://'))
    throw new Error(`the scale bench needs a unix socket engine, got ${dockerHost}`);
  return dockerHost.slice('unix://'.length);
};

/** GET `path` on the engine's socket; resolves with status and body length once the whole body arrived. */
export const engineGet = (dockerHost: string, path: string): Promise<{ status: number; body: Buffer }> =>
  new Promise((resolve, reject) => {
    const req = request({ socketPath: socketPath(dockerHost), path, method: 'GET' }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });

/** Time of one raw `GET /images/json` (what `docker images` asks), and its size. */
export const timeRawList = async (dockerHost: string): Promise<{ ms: number; bytes: number }> => {
  const t = performance.now();
  const { status, body } = await engineGet(dockerHost, '/images/json');
  const elapsed = performance.now() - t;
  if (status !== 200) throw new Error(`GET /images/json answered ${status}`);
  return { ms: elapsed, bytes: body.length };
};

/** How many distinct images the bench generated are on the engine. */
export const countScaleImages = async (dockerHost: string): Promise<number> => {
  const filters = encodeURIComponent(JSON.stringify({ label: [`${SCALE_LABEL}=1`] }));
  const { status, body } = await engineGet(dockerHost, `/images/json?filters=${filters}`);
  if (status !== 200) throw new Error(`GET /images/json answered ${status}`);
  return (JSON.parse(body.toString()) as unknown[]).length;
};

/** Engine facts for the report. */
export const engineVersion = async (dockerHost: string): Promise<{ version: string; apiVersion: string }> => {
  const { body } = await engineGet(dockerHost, '/version');
  const v = JSON.parse(body.toString()) as { Version?: string; ApiVersion?: string };
  return { version: v.Version ?? '?', apiVersion: v.ApiVersion ?? '?' };
};

import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import type { SandboxEnv } from './sandbox';

/** A stream's SHA-256 and length. */
export const digest = async (stream: Readable): Promise<{ sha: string; bytes: number }> => {
  const hash = createHash('sha256');
  let bytes = 0;
  for await (const chunk of stream) {
    hash.update(chunk as Buffer);
    bytes += (chunk as Buffer).length;
  }
  return { sha: hash.digest('hex'), bytes };
};

/** `docker save IMAGE` through the CLI, hashed. */
export const cliSave = (env: SandboxEnv, image: string): Promise<{ sha: string; bytes: number }> =>
  new Promise((resolve, reject) => {
    const child = execFile('docker', ['save', image], {
      env: { ...process.env, DOCKER_HOST: env.dockerHost },
      encoding: 'buffer',
      maxBuffer: 1024 * 1024 * 1024,
    });
    const hash = createHash('sha256');
    let bytes = 0;
    child.stdout?.on('data', (c: Buffer) => {
      hash.update(c);
      bytes += c.length;
    });
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 ? resolve({ sha: hash.digest('hex'), bytes }) : reject(new Error(`exit ${code}`)),
    );
  });

import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { dockerBuild, type SandboxEnv } from './sandbox';

const run = promisify(execFile);

/**
 * An image whose waste is known exactly, built on the sandbox engine:
 * layer 2 writes /data/a (1000), /data/b (2000), /o/x (300), /h1 (4000)
 * hard-linked as /h2, /keep (500); layer 3 rewrites /data/a (1500) and adds
 * /tmpfile (700); layer 4 deletes /data/b and /tmpfile, replaces /o (an
 * opaque folder hides /o/x) with /o/y ("hi\n"), deletes /h1 (its data
 * lives on as /h2); layer 5 deletes /h2. Waste: 1000 + 2000 + 700 + 300 + 4000.
 */
export const WASTE_DOCKERFILE = `FROM fixture/busybox:1
RUN mkdir -p /data /o && head -c 1000 /dev/zero > /data/a && head -c 2000 /dev/zero > /data/b && head -c 300 /dev/zero > /o/x && head -c 4000 /dev/zero > /h1 && ln /h1 /h2 && head -c 500 /dev/zero > /keep
RUN head -c 1500 /dev/zero > /data/a && head -c 700 /dev/zero > /tmpfile
RUN rm /data/b /tmpfile && rm -rf /o && mkdir /o && echo hi > /o/y && rm /h1
RUN rm /h2
`;
export const WASTE_BYTES = 8000;
/** Regular-file bytes the image adds over its base. */
export const ADDED_BYTES = 1000 + 2000 + 300 + 4000 + 500 + 1500 + 700 + 3;

export const buildWasteImage = (env: SandboxEnv, tag: string): Promise<string> =>
  dockerBuild(env, tag, WASTE_DOCKERFILE);

/** Regular-file bytes in fixture/busybox:1's one layer, as GNU tar lists them (independent of Lading's reader). */
export const baseFileBytes = async (env: SandboxEnv): Promise<number> => {
  const { stdout } = await run(
    'bash',
    [
      '-c',
      `set -o pipefail; docker save fixture/busybox:1 | tar -x -O --wildcards '*/layer.tar' | tar -tv | awk '$1 ~ /^-/ { s += $3 } END { print s }'`,
    ],
    { env: { ...process.env, DOCKER_HOST: env.dockerHost } },
  );
  return Number(stdout.trim());
};

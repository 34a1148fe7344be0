// A docker-archive (what `docker save` writes on engines ≤ 24) holding many
// distinct images that share one tiny layer, streamed: entries are produced
// one at a time under the tar stream's backpressure, so only the manifest
// (a few hundred bytes per image) is ever held in memory.
import { createHash } from 'node:crypto';
import { spawn } from 'node:child_process';
import type { Writable } from 'node:stream';
import { pack as tarPack, type Pack } from 'tar-stream';

/** Label every generated image carries (value "1"), to count and clean them. */
export const SCALE_LABEL = 'lading.scale.bench';
const LAYER_PATH = 'layer/layer.tar';
const BASE_CREATED = Date.UTC(2024, 0, 1);

/** What image number `i` is called: ~N/4 repositories with several tags each, 2 % untagged. */
export const scaleImage = (i: number): { repoTags: string[]; created: string } => {
  const repo = Math.floor(i / 4);
  const slot = i % 4;
  const name = `scale/team-${repo % 40}/svc-${repo}`;
  const repoTags =
    i % 50 === 49
      ? [] // dangling: <none>:<none>
      : [`${name}:${['v1', 'v2', 'v3-rc', 'v3'][slot]}.${i % 10}`, ...(slot === 3 ? [`${name}:latest`] : [])];
  // Creation dates scattered over ~2 years so the default sort is not load order.
  const created = new Date(BASE_CREATED + ((i * 7919) % 10_007) * 6_300_000).toISOString();
  return { repoTags, created };
};

const sha256 = (b: Buffer | string): string => createHash('sha256').update(b).digest('hex');

/** The one layer every image shares: a tar holding a single small file. */
const sharedLayer = async (): Promise<Buffer> => {
  const p = tarPack();
  const chunks: Buffer[] = [];
  p.on('data', (c: unknown) => chunks.push(c as Buffer));
  const done = new Promise<void>((resolve, reject) => {
    p.on('end', resolve);
    p.on('error', reject);
  });
  p.entry({ name: 'scale', type: 'directory', mode: 0o755, mtime: new Date(BASE_CREATED) });
  p.entry(
    { name: 'scale/README', mode: 0o644, mtime: new Date(BASE_CREATED) },
    'One layer shared by every image of the Lading scale bench.\n',
  );
  p.finalize();
  await done;
  return Buffer.concat(chunks);
};

const entry = (p: Pack, name: string, body: Buffer | string): Promise<void> =>
  new Promise((resolve, reject) =>
    // The callback fires once the entry went into the pack's buffer, which
    // waits while the reader (docker load) is behind: that is the backpressure.
    p.entry({ name, mode: 0o644, mtime: new Date(BASE_CREATED) }, body, (err) => (err ? reject(err) : resolve())),
  );

/** Streams images [from, to) as one docker-archive into `sink`. */
export const writeScaleArchive = async (from: number, to: number, sink: Writable): Promise<void> => {
  const p = tarPack();
  const piped = new Promise<void>((resolve, reject) => {
    sink.on('error', reject);
    sink.on('finish', resolve);
    sink.on('close', resolve);
    p.on('error', reject);
  });
  p.pipe(sink);
  const layer = await sharedLayer();
  const diffId = `sha256:${sha256(layer)}`;
  await entry(p, 'layer/VERSION', '1.0');
  await entry(p, LAYER_PATH, layer);
  const manifest: { Config: string; RepoTags: string[]; Layers: string[] }[] = [];
  for (let i = from; i < to; i++) {
    const { repoTags, created } = scaleImage(i);
    const config = JSON.stringify({
      architecture: 'amd64',
      os: 'linux',
      created,
      config: {
        Env: ['PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', `SCALE_INDEX=${i}`],
        Cmd: ['sh'],
        Labels: { [SCALE_LABEL]: '1', 'lading.scale.index': String(i) },
      },
      rootfs: { type: 'layers', diff_ids: [diffId] },
      history: [{ created, created_by: `lading scale bench image ${i}` }],
    });
    const file = `${sha256(config)}.json`;
    await entry(p, file, config);
    manifest.push({ Config: file, RepoTags: repoTags, Layers: [LAYER_PATH] });
  }
  await entry(p, 'manifest.json', JSON.stringify(manifest));
  p.finalize();
  await piped;
};

/** `docker load -q` of images [from, to), the archive piped straight into the CLI. */
export const loadScaleImages = async (dockerHost: string, from: number, to: number): Promise<void> => {
  const child = spawn('docker', ['load', '-q'], {
    env: { ...process.env, DOCKER_HOST: dockerHost },
    stdio: ['pipe', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', resolve);
  });
  await writeScaleArchive(from, to, child.stdin);
  const code = await exited;
  if (code !== 0) throw new Error(`docker load exited ${code}: ${stderr.trim()}`);
};

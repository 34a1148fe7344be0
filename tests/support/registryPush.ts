import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { pack } from 'tar-stream';

const MANIFEST = 'application/vnd.docker.distribution.manifest.v2+json';
const MANIFEST_LIST = 'application/vnd.docker.distribution.manifest.list.v2+json';

const sha256 = (data: Buffer | string) => `sha256:${createHash('sha256').update(data).digest('hex')}`;

/** A tar holding one small file: a layer the engine can extract (it never runs it). */
const layerTar = (name: string, content: string): Promise<Buffer> =>
  new Promise((resolve, reject) => {
    const p = pack();
    const chunks: Buffer[] = [];
    p.on('data', (c: unknown) => void chunks.push(c as Buffer));
    p.on('end', () => resolve(Buffer.concat(chunks)));
    p.on('error', reject);
    p.entry({ name, mode: 0o644, mtime: new Date(0) }, content, (err) => (err ? reject(err) : p.finalize()));
  });

const check = async (res: Response, what: string): Promise<Response> => {
  if (!res.ok) throw new Error(`${what}: HTTP ${res.status} ${await res.text()}`);
  return res;
};

/** Uploads one blob with the Distribution API's monolithic upload (POST, then PUT with the digest). */
const putBlob = async (registry: string, repo: string, data: Buffer): Promise<string> => {
  const digest = sha256(data);
  const started = await check(
    await fetch(`http://${registry}/v2/${repo}/blobs/uploads/`, { method: 'POST' }),
    `start upload to ${repo}`,
  );
  const location = new URL(started.headers.get('location') ?? '', `http://${registry}`);
  location.searchParams.set('digest', digest);
  await check(
    await fetch(location, {
      method: 'PUT',
      body: data,
      headers: { 'content-type': 'application/octet-stream' },
    }),
    `upload blob to ${repo}`,
  );
  return digest;
};

const putManifest = async (registry: string, repo: string, ref: string, body: string, type: string) => {
  await check(
    await fetch(`http://${registry}/v2/${repo}/manifests/${ref}`, {
      method: 'PUT',
      body,
      headers: { 'content-type': type },
    }),
    `put manifest ${repo}:${ref}`,
  );
  return sha256(body);
};

export interface PushedPlatform {
  platform: string;
  /** The image config's digest: what the engine reports as the image ID once pulled. */
  configDigest: string;
  manifestDigest: string;
}

/**
 * Writes a single-platform image straight into a loopback registry with the
 * Distribution API: one gzip layer holding `/platform` (the platform's name
 * and `nonce`), a config whose `os`/`architecture` say `platform`. It is
 * never run, so its layer need not be executable for that architecture.
 */
export const pushSyntheticImage = async (
  registry: string,
  repo: string,
  platform: string,
  nonce: string,
  tag?: string,
): Promise<PushedPlatform & { size: number; body: string }> => {
  const [os, architecture, variant] = platform.split('/');
  const tar = await layerTar('platform', `${platform} ${nonce}\n`);
  const layer = gzipSync(tar);
  const layerDigest = await putBlob(registry, repo, layer);
  const config = JSON.stringify({
    architecture,
    os,
    ...(variant ? { variant } : {}),
    created: '2026-01-01T00:00:00Z',
    config: { Cmd: ['/platform'], Labels: { 'lading.test': nonce, 'lading.platform': platform } },
    rootfs: { type: 'layers', diff_ids: [sha256(tar)] },
    history: [{ created: '2026-01-01T00:00:00Z', created_by: `lading test layer for ${platform}` }],
  });
  const configDigest = await putBlob(registry, repo, Buffer.from(config));
  const body = JSON.stringify({
    schemaVersion: 2,
    mediaType: MANIFEST,
    config: {
      mediaType: 'application/vnd.docker.container.image.v1+json',
      size: Buffer.byteLength(config),
      digest: configDigest,
    },
    layers: [
      { mediaType: 'application/vnd.docker.image.rootfs.diff.tar.gzip', size: layer.length, digest: layerDigest },
    ],
  });
  const manifestDigest = await putManifest(registry, repo, tag ?? sha256(body), body, MANIFEST);
  return { platform, configDigest, manifestDigest, size: Buffer.byteLength(body), body };
};

/**
 * A manifest list under `repo:tag` with one synthetic image per platform
 * ("linux/amd64", "linux/arm64"): what a multi-platform image on Docker Hub is.
 */
export const pushMultiPlatform = async (
  registry: string,
  repo: string,
  tag: string,
  platforms: string[],
  nonce: string,
): Promise<PushedPlatform[]> => {
  const images = [];
  for (const platform of platforms) images.push(await pushSyntheticImage(registry, repo, platform, nonce));
  const list = JSON.stringify({
    schemaVersion: 2,
    mediaType: MANIFEST_LIST,
    manifests: images.map((i) => {
      const [os, architecture, variant] = i.platform.split('/');
      return {
        mediaType: MANIFEST,
        size: i.size,
        digest: i.manifestDigest,
        platform: { architecture, os, ...(variant ? { variant } : {}) },
      };
    }),
  });
  await putManifest(registry, repo, tag, list, MANIFEST_LIST);
  return images.map(({ platform, configDigest, manifestDigest }) => ({ platform, configDigest, manifestDigest }));
};

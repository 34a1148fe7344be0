import { execFile } from 'node:child_process';
import { readFile, rename, writeFile, mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { CredentialStorage } from '../../../shared/contract/methods/registries';

export interface Credential {
  username: string;
  password: string;
}

/**
 * Encrypts with the OS keychain. The Electron shell implements it with
 * `safeStorage`; the engine layer only sees this interface.
 */
export interface SecretBox {
  encrypt(plain: string): Buffer;
  decrypt(cipher: Buffer): string;
}

/** Where Lading keeps the logins it was given. */
export interface CredentialStore {
  readonly storage: CredentialStorage;
  get(registry: string): Promise<Credential | undefined>;
  set(registry: string, credential: Credential): Promise<void>;
  /** True when something was removed. */
  remove(registry: string): Promise<boolean>;
  list(): Promise<{ registry: string; username: string }[]>;
}

/** For the life of the process only (serve mode without a credential helper). */
export class MemoryCredentialStore implements CredentialStore {
  readonly storage = 'memory' as const;
  private map = new Map<string, Credential>();
  get = async (registry: string) => this.map.get(registry);
  set = async (registry: string, credential: Credential) => void this.map.set(registry, credential);
  remove = async (registry: string) => this.map.delete(registry);
  list = async () => [...this.map].map(([registry, c]) => ({ registry, username: c.username }));
}

/** Writes a file atomically: a new exclusive temporary file beside it, renamed over it. */
const writeAtomic = async (path: string, data: string): Promise<void> => {
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  const tmp = `${path}.${randomBytes(6).toString('hex')}.partial`;
  await writeFile(tmp, data, { flag: 'wx', mode: 0o600 });
  await rename(tmp, path);
};

/**
 * The desktop app's store: one JSON file whose values are encrypted by the
 * SecretBox (safeStorage); user names are kept encrypted too.
 */
export class EncryptedFileStore implements CredentialStore {
  readonly storage = 'safeStorage' as const;
  constructor(
    private readonly path: string,
    private readonly box: SecretBox,
  ) {}

  private async read(): Promise<Record<string, string>> {
    try {
      const parsed = JSON.parse(await readFile(this.path, 'utf8')) as unknown;
      return typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, string>) : {};
    } catch {
      return {};
    }
  }

  private open(value: string | undefined): Credential | undefined {
    if (typeof value !== 'string') return undefined;
    try {
      const c = JSON.parse(this.box.decrypt(Buffer.from(value, 'base64'))) as Credential;
      return typeof c.username === 'string' && typeof c.password === 'string' ? c : undefined;
    } catch {
      return undefined; // written under another OS user or keychain: as good as absent
    }
  }

  async get(registry: string) {
    return this.open((await this.read())[registry]);
  }

  async set(registry: string, credential: Credential) {
    const all = await this.read();
    all[registry] = this.box.encrypt(JSON.stringify(credential)).toString('base64');
    await writeAtomic(this.path, JSON.stringify(all));
  }

  async remove(registry: string) {
    const all = await this.read();
    if (!(registry in all)) return false;
    delete all[registry];
    await writeAtomic(this.path, JSON.stringify(all));
    return true;
  }

  async list() {
    const all = await this.read();
    return Object.entries(all).flatMap(([registry, v]) => {
      const c = this.open(v);
      return c ? [{ registry, username: c.username }] : [];
    });
  }
}

const HELPER_TIMEOUT_MS = 15_000;

/** Runs `docker-credential-NAME ACTION` with `input` on stdin. */
const runHelper = (helper: string, action: string, input: string): Promise<string> =>
  new Promise((resolve, reject) => {
    const child = execFile(
      `docker-credential-${helper}`,
      [action],
      { timeout: HELPER_TIMEOUT_MS, maxBuffer: 1024 * 1024 },
      (err, stdout, stderr) => (err ? reject(new Error(`${stderr || stdout || err.message}`.trim())) : resolve(stdout)),
    );
    child.stdin?.end(input);
  });

/** A docker credential helper (the `credsStore` of ~/.docker/config.json). */
export class HelperCredentialStore implements CredentialStore {
  readonly storage = 'helper' as const;
  /** What this process stored through the helper: logout removes only these. */
  private mine = new Set<string>();
  constructor(readonly helper: string) {}

  async get(registry: string) {
    return helperGet(this.helper, registry);
  }

  async set(registry: string, credential: Credential) {
    await runHelper(
      this.helper,
      'store',
      JSON.stringify({ ServerURL: registry, Username: credential.username, Secret: credential.password }),
    );
    this.mine.add(registry);
  }

  async remove(registry: string) {
    if (!this.mine.has(registry)) return false;
    await runHelper(this.helper, 'erase', registry);
    this.mine.delete(registry);
    return true;
  }

  async list() {
    const out: { registry: string; username: string }[] = [];
    for (const registry of this.mine) {
      const c = await this.get(registry);
      if (c) out.push({ registry, username: c.username });
    }
    return out;
  }
}

export const helperGet = async (helper: string, registry: string): Promise<Credential | undefined> => {
  try {
    const got = JSON.parse(await runHelper(helper, 'get', registry)) as { Username?: string; Secret?: string };
    return got.Username !== undefined && got.Secret !== undefined
      ? { username: got.Username, password: got.Secret }
      : undefined;
  } catch {
    return undefined; // "credentials not found in native keychain", or no such helper
  }
};

/** The docker CLI's config: `auths`, `credsStore`, `credHelpers`. */
export interface DockerConfig {
  auths: Record<string, { auth?: string; username?: string; password?: string }>;
  credsStore?: string;
  credHelpers: Record<string, string>;
}

export const dockerConfigDir = (env: NodeJS.ProcessEnv, home: string): string =>
  env.DOCKER_CONFIG ?? join(home, '.docker');

export const readDockerConfig = async (dir: string): Promise<DockerConfig> => {
  try {
    const raw = JSON.parse(await readFile(join(dir, 'config.json'), 'utf8')) as Partial<DockerConfig>;
    return {
      auths: typeof raw.auths === 'object' && raw.auths ? raw.auths : {},
      ...(typeof raw.credsStore === 'string' && raw.credsStore ? { credsStore: raw.credsStore } : {}),
      credHelpers: typeof raw.credHelpers === 'object' && raw.credHelpers ? raw.credHelpers : {},
    };
  } catch {
    return { auths: {}, credHelpers: {} };
  }
};

/** Docker Hub's key in config.json. */
export const HUB_KEY = 'https://index.docker.io/v1/';
const keysFor = (registry: string): string[] =>
  registry === 'docker.io' || registry === 'index.docker.io'
    ? [HUB_KEY, 'docker.io', 'index.docker.io']
    : [registry, `https://${registry}`, `http://${registry}`];

/** A login the docker CLI stored: a helper for this registry, the inline `auth`, or the default credsStore. */
export const dockerConfigCredential = async (
  config: DockerConfig,
  registry: string,
): Promise<Credential | undefined> => {
  const keys = keysFor(registry);
  for (const key of keys) {
    const helper = config.credHelpers[key];
    if (helper) return helperGet(helper, key);
  }
  for (const key of keys) {
    const entry = config.auths[key];
    if (!entry) continue;
    if (entry.auth) {
      const decoded = Buffer.from(entry.auth, 'base64').toString('utf8');
      const colon = decoded.indexOf(':');
      if (colon > 0) return { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
    }
    if (entry.username && entry.password) return { username: entry.username, password: entry.password };
    if (config.credsStore) return helperGet(config.credsStore, key);
  }
  return undefined;
};

/** Registries config.json holds a login for (without asking helpers for secrets). */
export const dockerConfigRegistries = (config: DockerConfig): string[] => {
  const names = new Set<string>();
  for (const key of [...Object.keys(config.auths), ...Object.keys(config.credHelpers)]) {
    names.add(key === HUB_KEY ? 'docker.io' : key.replace(/^https?:\/\//, '').replace(/\/.*$/, ''));
  }
  return [...names];
};

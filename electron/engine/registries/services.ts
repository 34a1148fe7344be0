import { homedir } from 'node:os';
import { join } from 'node:path';
import type { CredentialStorage, LoginInfo } from '../../../shared/contract/methods/registries';
import {
  EncryptedFileStore,
  HelperCredentialStore,
  MemoryCredentialStore,
  dockerConfigCredential,
  dockerConfigDir,
  dockerConfigRegistries,
  readDockerConfig,
  type Credential,
  type CredentialStore,
  type SecretBox,
} from './credentials';
import { RegistryClient } from './registryClient';
import { RegistrySettings } from './settings';

export interface RegistryServicesOptions {
  /** Desktop: the OS keychain through safeStorage. */
  secretBox?: SecretBox;
  /** Where Lading keeps its own files (logins file, settings); none: memory only. */
  dataDir?: string;
  /** The docker CLI's config folder (DOCKER_CONFIG or ~/.docker). */
  dockerConfigDir?: string;
}

/** The engine's `X-Registry-Auth` / `/auth` shape. */
export interface EngineAuth {
  username: string;
  password: string;
  serveraddress: string;
}

/**
 * Logins, mirrors and the browsing client, shared by the handlers. Lading's
 * own store is picked once: safeStorage on the desktop, the CLI's
 * `credsStore` helper in serve mode when there is one, else memory.
 */
export class RegistryServices {
  readonly settings: RegistrySettings;
  readonly client: RegistryClient;
  private readonly configDir: string;
  private readonly store: Promise<CredentialStore>;

  constructor(opts: RegistryServicesOptions) {
    const configDir = opts.dockerConfigDir ?? dockerConfigDir(process.env, homedir());
    this.configDir = configDir;
    this.settings = new RegistrySettings(opts.dataDir ? join(opts.dataDir, 'registries.json') : undefined);
    this.client = new RegistryClient({ credential: (registry) => this.credential(registry) });
    this.store = (async (): Promise<CredentialStore> => {
      if (opts.secretBox && opts.dataDir)
        return new EncryptedFileStore(join(opts.dataDir, 'logins.json'), opts.secretBox);
      const config = await readDockerConfig(configDir);
      return config.credsStore ? new HelperCredentialStore(config.credsStore) : new MemoryCredentialStore();
    })();
  }

  async storage(): Promise<CredentialStorage> {
    return (await this.store).storage;
  }

  /** Lading's own login first, then the docker CLI's. */
  async credential(registry: string): Promise<Credential | undefined> {
    const store = await this.store;
    return (
      (await store.get(registry)) ?? (await dockerConfigCredential(await readDockerConfig(this.configDir), registry))
    );
  }

  async engineAuth(registry: string): Promise<EngineAuth | undefined> {
    const c = await this.credential(registry);
    return c
      ? {
          username: c.username,
          password: c.password,
          serveraddress: registry === 'docker.io' ? 'https://index.docker.io/v1/' : registry,
        }
      : undefined;
  }

  async save(registry: string, credential: Credential): Promise<CredentialStorage> {
    const store = await this.store;
    await store.set(registry, credential);
    return store.storage;
  }

  async remove(registry: string): Promise<boolean> {
    return (await this.store).remove(registry);
  }

  async logins(): Promise<LoginInfo[]> {
    const store = await this.store;
    const own = (await store.list()).map((l): LoginInfo => ({ ...l, source: 'lading' }));
    const config = await readDockerConfig(this.configDir);
    const theirs: LoginInfo[] = [];
    for (const registry of dockerConfigRegistries(config)) {
      if (own.some((l) => l.registry === registry)) continue;
      const c = await dockerConfigCredential(config, registry);
      if (c) theirs.push({ registry, username: c.username, source: 'dockerConfig' });
    }
    return [...own, ...theirs];
  }
}

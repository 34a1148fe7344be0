import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { dirname } from 'node:path';

/**
 * The registry settings the backend keeps (mirrors), in one JSON file
 * when the host gives a folder for it, else for the life of the process.
 */
export class RegistrySettings {
  private mirrors: string[] | undefined;

  constructor(private readonly path: string | undefined) {}

  async getMirrors(): Promise<string[]> {
    if (this.mirrors) return this.mirrors;
    let found: string[] = [];
    if (this.path) {
      try {
        const parsed = JSON.parse(await readFile(this.path, 'utf8')) as { mirrors?: unknown };
        if (Array.isArray(parsed.mirrors)) found = parsed.mirrors.filter((m): m is string => typeof m === 'string');
      } catch {
        // no file yet, or unreadable: no mirrors
      }
    }
    this.mirrors = found;
    return found;
  }

  async setMirrors(mirrors: string[]): Promise<string[]> {
    const clean = [
      ...new Set(
        mirrors.map((m) =>
          m
            .trim()
            .replace(/^https?:\/\//, '')
            .replace(/\/+$/, ''),
        ),
      ),
    ].filter(Boolean);
    if (this.path) {
      await mkdir(dirname(this.path), { recursive: true, mode: 0o700 });
      const tmp = `${this.path}.${randomBytes(6).toString('hex')}.partial`;
      await writeFile(tmp, JSON.stringify({ mirrors: clean }, null, 2), { flag: 'wx', mode: 0o600 });
      await rename(tmp, this.path);
    }
    this.mirrors = clean;
    return clean;
  }
}

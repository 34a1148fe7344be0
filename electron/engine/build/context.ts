import { randomBytes } from 'node:crypto';
import type { Stats } from 'node:fs';
import { lstat, opendir, readFile, readlink, stat } from 'node:fs/promises';
import { isAbsolute, join, relative, sep } from 'node:path';
import { contextRules, walkDecision, walkOrder, type ContextRules } from '../../../shared/build/contextRules';
import { ApiError } from '../../../shared/contract/errors';
import { MAX_DOCKERFILE_BYTES } from '../../../shared/contract/methods/build';
import { fileError } from '../files/kinds';

/** One thing the context sends: a file, a folder or a symbolic link (kept as a link). */
export interface ContextEntry {
  /** Relative to the context, with `/`. */
  rel: string;
  abs: string;
  kind: 'file' | 'folder' | 'link';
  stats: Stats;
}

export interface ContextPlan extends ContextRules {
  context: string;
  /** The Dockerfile's name inside the tar the engine gets (`dockerfile=` parameter). */
  dockerfileName: string;
  /**
   * Entries whose content is sent from memory instead of the disk (added
   * when the walk does not meet them): the editor's Dockerfile text, a
   * Dockerfile from outside the context, and the `.dockerignore` that lists it.
   */
  substitutes: Map<string, Buffer>;
  dockerfileFound: boolean;
  dockerfileInContext: string | null;
}

const toSlash = (p: string) => (sep === '/' ? p : p.split(sep).join('/'));

const readDockerignore = async (context: string): Promise<string | null> => {
  try {
    const s = await stat(join(context, '.dockerignore'));
    if (!s.isFile()) return null;
    return await readFile(join(context, '.dockerignore'), 'utf8');
  } catch (err) {
    if ((err as { code?: string }).code === 'ENOENT') return null;
    throw fileError(err, join(context, '.dockerignore'), 'read');
  }
};

export { ignorePatterns, makeMatcher } from '../../../shared/build/contextRules';

/**
 * Works out what a build sends: the ignore rules and where the Dockerfile
 * goes. As the docker CLI does, `.dockerignore` and the Dockerfile are
 * always sent even when a pattern matches them, and a Dockerfile outside
 * the context (or the editor's unsaved text) is added under a random
 * `.dockerfile.<hex>` name that the sent `.dockerignore` lists, so
 * `COPY . .` does not copy it.
 */
export const planContext = async (
  context: string,
  dockerfile: string | undefined,
  dockerfileText: string | undefined,
): Promise<ContextPlan> => {
  let top: Stats;
  try {
    top = await stat(context);
  } catch (err) {
    throw fileError(err, context, 'read');
  }
  if (!top.isDirectory()) {
    throw new ApiError('INVALID_ARGUMENT', `${context} is not a folder; a build context is a folder`, {
      path: context,
      kind: 'contextNotFolder',
    });
  }
  const dockerfilePath = dockerfile ?? join(context, 'Dockerfile');
  const rel = relative(context, dockerfilePath);
  const inContext = rel !== '' && !rel.startsWith('..') && !isAbsolute(rel) ? toSlash(rel) : null;

  let found = true;
  let outsideBytes: Buffer | undefined;
  const substitutes = new Map<string, Buffer>();
  if (dockerfileText !== undefined) {
    if (inContext !== null) substitutes.set(inContext, Buffer.from(dockerfileText, 'utf8'));
    else outsideBytes = Buffer.from(dockerfileText, 'utf8');
  } else {
    try {
      const s = await stat(dockerfilePath);
      if (!s.isFile()) found = false;
      else if (inContext === null) {
        if (s.size > MAX_DOCKERFILE_BYTES) {
          throw new ApiError('INVALID_ARGUMENT', `${dockerfilePath} is too big for a Dockerfile`, {
            path: dockerfilePath,
            kind: 'dockerfileTooBig',
          });
        }
        outsideBytes = await readFile(dockerfilePath);
      }
    } catch (err) {
      if (err instanceof ApiError) throw err;
      if ((err as { code?: string }).code !== 'ENOENT') throw fileError(err, dockerfilePath, 'read');
      found = false;
    }
  }

  const ignoreText = await readDockerignore(context);
  const rules = contextRules(ignoreText, inContext);

  let dockerfileName = inContext ?? 'Dockerfile';
  if (outsideBytes !== undefined) {
    dockerfileName = `.dockerfile.${randomBytes(10).toString('hex')}`;
    substitutes.set(dockerfileName, outsideBytes);
    substitutes.set('.dockerignore', Buffer.from(`${ignoreText ?? ''}\n${dockerfileName}\n`, 'utf8'));
  }
  return {
    context,
    ...rules,
    dockerfileName,
    substitutes,
    dockerfileFound: found || dockerfileText !== undefined,
    dockerfileInContext: inContext,
  };
};

/**
 * The context's entries in the order the CLI's walk sends them (names
 * sorted), `.dockerignore` applied. An ignored folder is skipped whole
 * unless an exception pattern ("!dir/keep") reaches inside it, as
 * moby's archive.TarWithOptions does. Sockets, pipes and devices are
 * reported through `onSpecial` and not sent.
 */
export async function* walkContext(
  plan: ContextPlan,
  hooks: { onIgnored?: (rel: string) => void; onSpecial?: (rel: string) => void } = {},
): AsyncGenerator<ContextEntry> {
  const { context } = plan;
  async function* walk(dirAbs: string, dirRel: string): AsyncGenerator<ContextEntry> {
    let names: string[];
    try {
      const dir = await opendir(dirAbs);
      names = [];
      for await (const d of dir) names.push(d.name);
    } catch (err) {
      throw fileError(err, dirAbs, 'read');
    }
    names.sort(walkOrder);
    for (const name of names) {
      const rel = dirRel ? `${dirRel}/${name}` : name;
      const abs = join(dirAbs, name);
      let stats: Stats;
      try {
        stats = await lstat(abs);
      } catch (err) {
        if ((err as { code?: string }).code === 'ENOENT') continue; // gone while we walked
        throw fileError(err, abs, 'read');
      }
      const decision = walkDecision(plan, rel, stats.isDirectory());
      if (decision === 'skip') {
        hooks.onIgnored?.(rel);
        continue;
      }
      if (decision === 'descend') {
        yield* walk(abs, rel); // the folder itself is not sent, only what the exception keeps
        continue;
      }
      if (stats.isSymbolicLink()) yield { rel, abs, kind: 'link', stats };
      else if (stats.isDirectory()) {
        yield { rel, abs, kind: 'folder', stats };
        yield* walk(abs, rel);
      } else if (stats.isFile()) yield { rel, abs, kind: 'file', stats };
      else hooks.onSpecial?.(rel);
    }
  }
  yield* walk(context, '');
}

export const linkTarget = (abs: string): Promise<string> => readlink(abs);

import ignore, { type Ignore } from '@balena/dockerignore';

/**
 * What a build context sends, as the docker CLI decides it: `.dockerignore`
 * read and matched the CLI's way, the build's own files never left out, an
 * ignored folder skipped whole unless an exception reaches inside it. Pure
 * code, used by the main side's walk of a folder on disk and by the
 * browser's walk of a dropped folder, so both send the same files.
 */

/** Past either of these the UI warns before sending (the CLI prints the size as it sends). */
export const HUGE_BYTES = 500 * 1024 * 1024;
export const HUGE_FILES = 50_000;

/** The `.dockerignore` lines as Docker reads them: trimmed, no comments or blanks. */
export const ignorePatterns = (text: string): string[] =>
  text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'));

/** Docker matches case-sensitively (node-ignore, which this builds on, would not by default). */
export const makeMatcher = (patterns: string[]): Ignore => ignore({ ignorecase: false }).add(patterns);

export interface ContextRules {
  /** The matcher built from `.dockerignore` plus the CLI's own exceptions. */
  matcher: Ignore;
  /** Some pattern starts with "!": an ignored folder may still hold sent files. */
  exceptions: string[];
  /** Patterns in the `.dockerignore` itself. */
  patternCount: number;
}

/**
 * The rules for a context whose `.dockerignore` reads `ignoreText` (null:
 * none) and whose Dockerfile lies at `dockerfileRel` inside it (null:
 * outside). As the CLI's TrimBuildFilesFromExcludes, `.dockerignore` and
 * the Dockerfile are sent even when a pattern matches them.
 */
export const contextRules = (ignoreText: string | null, dockerfileRel: string | null): ContextRules => {
  const patterns = ignoreText === null ? [] : ignorePatterns(ignoreText);
  const patternCount = patterns.length;
  const probe = makeMatcher(patterns);
  if (probe.ignores('.dockerignore')) patterns.push('!.dockerignore');
  if (dockerfileRel !== null && probe.ignores(dockerfileRel)) patterns.push(`!${dockerfileRel}`);
  return {
    matcher: makeMatcher(patterns),
    exceptions: patterns.filter((p) => p.startsWith('!')).map((p) => p.slice(1).replace(/^\/+/, '')),
    patternCount,
  };
};

/**
 * What the walk does with one entry (`rel` relative to the context, with
 * `/`): send it, skip it (ignored), or, for an ignored folder an exception
 * reaches into ("!dir/keep"), go inside without sending the folder itself,
 * as moby's archive.TarWithOptions does.
 */
export const walkDecision = (rules: ContextRules, rel: string, isFolder: boolean): 'send' | 'skip' | 'descend' => {
  if (!rules.matcher.ignores(rel)) return 'send';
  if (!isFolder) return 'skip';
  return rules.exceptions.some((e) => `${e}/`.startsWith(`${rel}/`)) ? 'descend' : 'skip';
};

/** Names in the order the CLI's walk sends them (Go's byte order, not the locale's). */
export const walkOrder = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** The biggest top-level entries of a context, to know what to add to `.dockerignore`. */
export const largestTop = (byTop: Map<string, number>, count = 5): { path: string; bytes: number }[] =>
  [...byTop.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([path, bytes]) => ({ path, bytes }));

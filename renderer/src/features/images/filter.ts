import type { ImageRow } from '../../../../shared/images/rows';

/**
 * The filter box's language: free words plus the `docker images --filter`
 * vocabulary, written `key:value`:
 *   dangling:true|false   label:KEY  label:KEY=VALUE
 *   before:REF  since:REF (an image created before/after REF)
 *   reference:PATTERN     (glob on name or name:tag, as the engine matches it)
 * Words with another key (e.g. `app:1.0`) are free text; when that key names
 * no repository here (`foo:bar`, `is:dangling`) a hint says so. `sha256:…`
 * matches image IDs by prefix.
 */
export type FilterProblem =
  | { kind: 'badDangling'; value: string }
  | { kind: 'unknownImage'; key: 'before' | 'since'; value: string }
  | { kind: 'emptyValue'; key: string };

/** Not an error: a word that looks like a filter but is searched as text. */
export type FilterHint = { kind: 'unknownKey'; key: string; token: string; suggestion?: string };

export interface CompiledFilter {
  test(row: ImageRow): boolean;
  problems: FilterProblem[];
  hints: FilterHint[];
  /** True when the query has anything to apply. */
  active: boolean;
  /**
   * True when the query is free words only (each row must contain every
   * word): then a query that extends this one matches a subset of its rows.
   */
  wordsOnly: boolean;
}

/** What before:/since: may point at: an image by tag or ID prefix. */
export interface ImageLookup {
  created(reference: string): number | undefined;
  /** Whether some image's repository is `name` or ends in `/name` (so `name:tag` is a reference, not a key). */
  hasRepository?(name: string): boolean;
}

/** What people type from other tools' filter languages, and the word that does it here. */
const SUGGESTIONS: Record<string, string> = { 'is:dangling': 'dangling:true', 'is:untagged': 'dangling:true' };

const KEYS = new Set(['dangling', 'label', 'before', 'since', 'reference']);

/** Docker Hub names as the CLI shows them ("docker.io/library/busybox" → "busybox"). */
const familiar = (ref: string): string => ref.replace(/^docker\.io\/(library\/)?/, '');

/** Go's path.Match as a RegExp: `*` and `?` never cross a `/`. */
export const globToRegExp = (pattern: string): RegExp => {
  let out = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i] as string;
    if (c === '*') out += '[^/]*';
    else if (c === '?') out += '[^/]';
    else if (c === '\\' && i + 1 < pattern.length) out += `\\${pattern[++i]}`;
    else if (c === '[') {
      const end = pattern.indexOf(']', i + 1);
      if (end === -1) out += '\\[';
      else {
        out += `[${pattern.slice(i + 1, end)}]`; // same syntax as Go's, `^` negates
        i = end;
      }
    } else out += c.replace(/[.+^${}()|\]\\/]/g, '\\$&');
  }
  return new RegExp(`^${out}$`);
};

const referenceMatches = (re: RegExp, refs: readonly string[]): boolean =>
  refs.some((ref) => {
    const name = familiar(ref);
    const colon = name.lastIndexOf(':');
    const repo = colon > name.lastIndexOf('/') ? name.slice(0, colon) : name;
    return re.test(name) || re.test(repo);
  });

export const compileFilter = (query: string, lookup?: ImageLookup): CompiledFilter => {
  const tests: ((row: ImageRow) => boolean)[] = [];
  const problems: FilterProblem[] = [];
  const hints: FilterHint[] = [];
  const words: string[] = [];
  for (const token of query.split(/\s+/).filter(Boolean)) {
    const colon = token.indexOf(':');
    const key = colon > 0 ? token.slice(0, colon).toLowerCase() : '';
    if (key === 'sha256') {
      const prefix = `sha256:${token.slice(colon + 1).toLowerCase()}`;
      tests.push((row) => row.id.startsWith(prefix));
      continue;
    }
    if (!KEYS.has(key)) {
      words.push(token.toLowerCase());
      if (/^[a-z]+(?:-[a-z]+)*$/.test(key) && !lookup?.hasRepository?.(key)) {
        const suggestion = SUGGESTIONS[token.toLowerCase()];
        hints.push({ kind: 'unknownKey', key, token, ...(suggestion ? { suggestion } : {}) });
      }
      continue;
    }
    const value = token.slice(colon + 1);
    if (!value) {
      problems.push({ kind: 'emptyValue', key });
      continue;
    }
    switch (key) {
      case 'dangling': {
        const v = value.toLowerCase();
        if (v !== 'true' && v !== 'false' && v !== '1' && v !== '0') problems.push({ kind: 'badDangling', value });
        else {
          const want = v === 'true' || v === '1';
          tests.push((row) => row.dangling === want);
        }
        break;
      }
      case 'label': {
        const eq = value.indexOf('=');
        const k = eq === -1 ? value : value.slice(0, eq);
        const v = eq === -1 ? undefined : value.slice(eq + 1);
        tests.push((row) => Object.hasOwn(row.labels, k) && (v === undefined || row.labels[k] === v));
        break;
      }
      case 'before':
      case 'since': {
        const created = lookup?.created(value);
        if (created === undefined) problems.push({ kind: 'unknownImage', key, value });
        else if (key === 'before') tests.push((row) => row.created < created);
        else tests.push((row) => row.created > created);
        break;
      }
      case 'reference': {
        const re = globToRegExp(value);
        tests.push((row) => {
          if (row.dangling) return false;
          // A tag row matches by its own tag (as the engine keeps only matching tags); a grouped row by any.
          return referenceMatches(re, row.reference.startsWith('sha256:') ? row.repoTags : [row.reference]);
        });
        break;
      }
    }
  }
  if (words.length > 0) {
    tests.push((row) => words.every((w) => row.search.includes(w)));
  }
  return {
    test: tests.length === 0 ? () => true : (row) => tests.every((t) => t(row)),
    problems,
    hints,
    active: tests.length > 0,
    wordsOnly: problems.length === 0 && tests.length === (words.length > 0 ? 1 : 0),
  };
};

/** before:/since: lookups over the current list: a tag (":latest" implied) or an ID prefix. */
export const lookupFrom = (images: readonly { id: string; repoTags: string[]; created: number }[]): ImageLookup => ({
  hasRepository: (name) =>
    images.some((img) =>
      img.repoTags.some((t) => {
        const repo = familiar(t).slice(0, familiar(t).lastIndexOf(':'));
        return repo === name || repo.endsWith(`/${name}`);
      }),
    ),
  created: (reference) => {
    const withTag =
      reference.includes(':') && reference.lastIndexOf(':') > reference.lastIndexOf('/')
        ? reference
        : `${reference}:latest`;
    const hex = reference.replace(/^sha256:/, '').toLowerCase();
    const byTag = images.find((img) =>
      img.repoTags.some((t) => t === reference || t === withTag || familiar(t) === withTag),
    );
    if (byTag) return byTag.created;
    if (/^[0-9a-f]{4,64}$/.test(hex))
      return images.find((img) => img.id.replace(/^sha256:/, '').startsWith(hex))?.created;
    return undefined;
  },
});

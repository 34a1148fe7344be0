import { parseReference, type ReferenceProblem } from '../../../../shared/contract/reference';

/** The tags field: names separated by spaces or commas, each checked against the reference grammar. */
export const parseTags = (text: string): { tags: string[]; invalid?: { tag: string; problem: ReferenceProblem } } => {
  const tags = text.split(/[\s,]+/).filter(Boolean);
  for (const tag of tags) {
    const parsed = parseReference(tag);
    if (!parsed.ok) return { tags, invalid: { tag, problem: parsed.problem } };
  }
  return { tags: [...new Set(tags)] };
};

/**
 * `--build-arg` / `--label` lines: `KEY=VALUE`, the value taken literally
 * after the first "=" (quotes kept, as the CLI passes them on). Blank lines
 * and `#` comments are skipped.
 */
export const parseKeyValues = (
  text: string,
): { values: Record<string, string>; invalid?: { line: number; text: string } } => {
  const values: Record<string, string> = {};
  const lines = text.split(/\r?\n/);
  for (const [i, raw] of lines.entries()) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const eq = line.indexOf('=');
    const key = eq > 0 ? line.slice(0, eq).trim() : '';
    if (!key || /[\s=]/.test(key)) return { values, invalid: { line: i + 1, text: line } };
    values[key] = line.slice(eq + 1);
  }
  return { values };
};

/**
 * A `--filter label=…` term as `docker image prune` takes it: `KEY` or
 * `KEY=VALUE`. The engine accepts anything and simply matches nothing when a
 * term is mistyped, so Lading says what is wrong instead ("Nothing to prune"
 * would be the engine's answer). Shared by the contract and the dialog.
 */
export type LabelFilterProblem =
  /** "=web": no key before "=". */
  | 'emptyKey'
  /** "label=team" or "--filter …": the CLI's wrapping typed into the box. */
  | 'cliSyntax'
  /** "team:web": a colon where "=" separates key and value. */
  | 'colon'
  /** Quotes, which the engine would take literally. */
  | 'quotes'
  /** Spaces or control characters, which no label key contains. */
  | 'whitespace';

export const labelFilterProblem = (term: string): LabelFilterProblem | undefined => {
  if (/^(?:--filter|-f)\b/.test(term) || /^label[=:]/.test(term)) return 'cliSyntax';
  if (term.startsWith('=')) return 'emptyKey';
  if (/["'“”‘’]/.test(term)) return 'quotes';
  // eslint-disable-next-line no-control-regex -- control characters are exactly what this refuses
  if (/[\s\u0000-\u001f\u007f]/.test(term)) return 'whitespace';
  const key = term.split('=', 1)[0] ?? '';
  if (key.includes(':')) return 'colon';
  return undefined;
};

/** Small statistics and formatting helpers for the scale bench. */

/** The p-th percentile (0–100) by nearest rank; NaN for no samples. */
export const percentile = (xs: readonly number[], p: number): number => {
  if (xs.length === 0) return NaN;
  const sorted = [...xs].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))] ?? NaN;
};

export const median = (xs: readonly number[]): number => percentile(xs, 50);
export const max = (xs: readonly number[]): number => (xs.length === 0 ? NaN : Math.max(...xs));

export const ms = (x: number): string => (Number.isFinite(x) ? `${x < 10 ? x.toFixed(1) : x.toFixed(0)} ms` : '—');
export const mb = (bytes: number): string => {
  if (!Number.isFinite(bytes)) return '—';
  const x = bytes / 1024 / 1024;
  return `${x < 10 ? x.toFixed(1) : x.toFixed(0)} MB`;
};
export const ratio = (x: number): string => (Number.isFinite(x) ? x.toFixed(2) : '—');
export const int = (n: number): string => n.toLocaleString('en-US');

/** A GitHub-flavoured markdown table, columns padded so Prettier leaves it alone. */
export const markdownTable = (head: readonly string[], rows: readonly (readonly string[])[]): string => {
  const widths = head.map((h, i) => Math.max(3, h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' | ')} |`;
  return [line(head), `| ${widths.map((w) => '-'.repeat(w)).join(' | ')} |`, ...rows.map(line)].join('\n');
};

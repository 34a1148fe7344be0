import type { AnalyzeReport } from '../../../../shared/contract/layerModels';

/** One CSV field, quoted when it needs to be (RFC 4180). */
const field = (v: string | number): string => {
  const s = String(v);
  return /[",\r\n]/.test(s) || /^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/**
 * The report as CSV: one row per wasted path (path, bytes, layer number
 * counted from 1, that layer's digest and command), then a totals row.
 */
export const reportCsv = (report: AnalyzeReport): string => {
  const lines = [['path', 'bytes', 'layer', 'layer_digest', 'layer_command'].join(',')];
  for (const w of report.wasted) {
    const layer = report.layers[w.layer];
    lines.push([w.path, w.bytes, w.layer + 1, layer?.digest ?? '', layer?.command ?? ''].map(field).join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
};

/** A file name from an image reference ("team/app:1" → "team_app_1"). */
export const reportName = (image: string, ext: 'json' | 'csv'): string =>
  `${image
    .replace(/^sha256:/, '')
    .slice(0, 80)
    .replace(/[^A-Za-z0-9._-]+/g, '_')}-layers.${ext}`;

/** Lets the browser (or Electron's download handling) store text as a file. */
export const downloadText = (name: string, text: string, type: string): void => {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
};

// `npm run -s analyze -- IMAGE [--json] [--max-waste PCT] [--min-efficiency X]`
// Reads IMAGE's layers from the engine at DOCKER_HOST (as the app does) and
// reports its wasted bytes. Exit 0: within the thresholds; 1: above a
// threshold; 2: wrong arguments or the image could not be analysed.
// With --json, stdout holds exactly one JSON object (the report) and nothing else.
import { parseArgs } from 'node:util';
import { createDockerClient } from '../electron/engine/host';
import { resolveEngineHost } from '../electron/engine/hostAddress';
import { analyzeImage } from '../electron/engine/layers/analyze';

const USAGE =
  'usage: npm run -s analyze -- IMAGE [--json] [--max-waste PCT] [--min-efficiency X]\n' +
  '  --max-waste PCT       fail (exit 1) when wasted bytes are more than PCT % of all file bytes\n' +
  '  --min-efficiency X    fail (exit 1) when efficiency (1 − wasted/total) is below X (0–1, or a percentage like 95%)\n' +
  '  --json                print the report as one JSON object on stdout\n';

const fail = (message: string, code = 2): never => {
  process.stderr.write(`analyze: ${message}\n`);
  process.exit(code);
};

const number = (text: string | undefined, what: string, percentAllowed: boolean): number | undefined => {
  if (text === undefined) return undefined;
  const percent = text.endsWith('%');
  const n = Number(percent ? text.slice(0, -1) : text);
  if (!Number.isFinite(n) || n < 0 || text.trim() === '') fail(`${what} must be a number, got "${text}"\n${USAGE}`);
  if (percent && !percentAllowed) fail(`${what} takes a plain number of percent, got "${text}"`);
  return percent ? n / 100 : n;
};

const human = (bytes: number): string => {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let v = bytes;
  let u = 0;
  while (v >= 1000 && u < units.length - 1) {
    v /= 1000;
    u++;
  }
  return `${u === 0 ? v : v.toFixed(1)} ${units[u]}`;
};

const main = async (): Promise<void> => {
  let parsed;
  try {
    parsed = parseArgs({
      allowPositionals: true,
      options: {
        json: { type: 'boolean', default: false },
        'max-waste': { type: 'string' },
        'min-efficiency': { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (err) {
    return fail(`${(err as Error).message}\n${USAGE}`);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    process.stdout.write(USAGE);
    return;
  }
  if (positionals.length !== 1) return fail(`give exactly one image\n${USAGE}`);
  const image = positionals[0]!;
  const maxWaste = number(values['max-waste'], '--max-waste', false);
  const minEfficiency = number(values['min-efficiency'], '--min-efficiency', true);
  if (minEfficiency !== undefined && minEfficiency > 1) fail('--min-efficiency is between 0 and 1 (or a percentage)');

  const docker = createDockerClient(resolveEngineHost());
  let result;
  try {
    result = await analyzeImage(docker, image, { signal: new AbortController().signal });
  } catch (err) {
    return fail(`${image}: ${(err as Error).message}`);
  }
  const { analysis } = result;
  const report = analysis.report(image);
  const wastedPct = report.totalBytes === 0 ? 0 : (report.wastedBytes / report.totalBytes) * 100;

  if (values.json) {
    process.stdout.write(`${JSON.stringify(report)}\n`);
  } else {
    const out: string[] = [];
    out.push(`image       ${image} (${analysis.imageId})`);
    out.push(`total       ${human(report.totalBytes)} (${report.totalBytes} bytes in ${report.layers.length} layers)`);
    out.push(`wasted      ${human(report.wastedBytes)} (${report.wastedBytes} bytes, ${wastedPct.toFixed(2)} %)`);
    out.push(`efficiency  ${(report.efficiency * 100).toFixed(2)} %`);
    out.push('', 'layers:');
    report.layers.forEach((l, i) =>
      out.push(
        `  ${String(i + 1).padStart(3)}  ${human(l.bytes).padStart(9)}  ${String(l.files).padStart(7)} files  ${l.command.slice(0, 90)}`,
      ),
    );
    const full = analysis.summary(image, false, 0).wasted;
    if (full.length > 0) {
      out.push('', `wasted (${report.wasted.length} paths, biggest first):`);
      for (const w of full.slice(0, 20)) {
        const verb =
          w.how === 'overwritten' ? 'overwritten' : w.how === 'hidden' ? 'hidden by an opaque folder' : 'deleted';
        out.push(
          `  ${human(w.bytes).padStart(9)}  ${w.path}: written in layer ${w.layer + 1}, ${verb} in layer ${w.removedIn + 1}`,
        );
      }
      if (full.length > 20) out.push(`  … and ${report.wasted.length - 20} more (--json lists all)`);
    }
    process.stdout.write(`${out.join('\n')}\n`);
  }

  const problems: string[] = [];
  if (maxWaste !== undefined && wastedPct > maxWaste) {
    problems.push(`wasted ${wastedPct.toFixed(2)} % is above --max-waste ${maxWaste} %`);
  }
  if (minEfficiency !== undefined && report.efficiency < minEfficiency) {
    problems.push(`efficiency ${report.efficiency.toFixed(4)} is below --min-efficiency ${minEfficiency}`);
  }
  if (problems.length > 0) {
    for (const p of problems) process.stderr.write(`analyze: ${p}\n`);
    process.exit(1);
  }
};

main().catch((err: unknown) => fail(err instanceof Error ? err.message : String(err)));

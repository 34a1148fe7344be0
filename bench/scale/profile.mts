// Where a filter keystroke's time goes, at whatever size the sandbox holds:
// a CPU profile (self time by function, and by package) and a timeline trace
// (script, style, layout, paint per keystroke) of the scale bench's keys.
//
//   LADING_SANDBOX_DIR=… node --import tsx bench/scale/profile.mts [--rounds 2] [--plain]
//
// --plain: no profiler and no trace, only the keystroke figures (for
// before/after comparisons of two builds, alternating).
//
// Build with `npx vite build --minify false` first for readable names.
import { parseArgs } from 'node:util';
import type { BrowserContext, Page } from '@playwright/test';
import { launchChromium, measureKeystrokes, waitFirstRow, waitStable } from './browser.mjs';
import { HARNESS } from './harness.mjs';
import { startServe } from './serve.mjs';
import { sandboxEnv } from '../../tests/support/sandbox';

const { values: opts } = parseArgs({
  options: { rounds: { type: 'string', default: '2' }, plain: { type: 'boolean', default: false } },
});
const QUERIES = ['svc-17', '1234', 'team-4/', 'v3-rc', 'latest', '9f0', 'svc-2'];
const KEYS = Array.from({ length: Number(opts.rounds) }, () =>
  QUERIES.flatMap((q) => [...q, ...Array<string>(q.length).fill('Backspace')]),
).flat();

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: Node[];
  samples: number[];
  timeDeltas: number[];
}

const pkgOf = (url: string): string => {
  const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url) ?? /assets\/([^-.]+)/.exec(url);
  return m?.[1] ?? (url ? url.replace(/^.*\//, '') : '(native)');
};

const serve = await startServe(sandboxEnv().dockerHost);
const browser = await launchChromium();
try {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  await context.addInitScript({ content: HARNESS });
  const page = await context.newPage();
  await page.goto(serve.url);
  await waitFirstRow(page);
  await waitStable(page);
  const box = page.getByRole('searchbox', { name: 'Filter images' });
  await box.fill('');
  await box.focus();
  await measureKeystrokes(page, KEYS.slice(0, 14)); // warm up the JIT
  if (opts.plain) {
    const ks = (await measureKeystrokes(page, KEYS)).filter((k) => k.committed !== null);
    const q = (xs: number[]) => {
      const sorted = [...xs].sort((a, b) => a - b);
      const at = (p: number) => sorted[Math.max(0, Math.ceil((sorted.length * p) / 100) - 1)]?.toFixed(1);
      return `p50 ${at(50)} p95 ${at(95)}`;
    };
    const late = ks.map((k) =>
      k.nextFrame === null || !k.frameMs
        ? 0
        : Math.max(0, Math.ceil(((k.committed as number) - k.nextFrame) / k.frameMs)),
    );
    console.log(
      `n=${ks.length} committed ${q(ks.map((k) => (k.committed as number) - k.keydown))} | ` +
        `handled→committed ${q(ks.flatMap((k) => (k.dispatched === null ? [] : [(k.committed as number) - k.dispatched])))} | ` +
        `frame ${q(ks.map((k) => (k.reflected as number) - k.keydown))} | ` +
        `echo ${q(ks.flatMap((k) => (k.echoed === null ? [] : [k.echoed - k.keydown])))} | ` +
        `missed next frame ${late.filter((n) => n >= 1).length}, by 2+ ${late.filter((n) => n >= 2).length}`,
    );
  } else await profileKeys(context, page);
  await context.close();
} finally {
  await browser.close();
  await serve.stop();
}

async function profileKeys(context: BrowserContext, page: Page): Promise<void> {
  // 1. CPU profile.
  const cdp = await context.newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
  await cdp.send('Profiler.start');
  const samples = await measureKeystrokes(page, KEYS);
  const { profile } = (await cdp.send('Profiler.stop')) as unknown as { profile: Profile };
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<string, number>();
  const byPkg = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    const n = byId.get(id);
    if (!n) return;
    const dt = (profile.timeDeltas[i] ?? 0) / 1000;
    const f = n.callFrame;
    const name = `${f.functionName || '(anon)'} ${pkgOf(f.url)}:${f.lineNumber + 1}`;
    self.set(name, (self.get(name) ?? 0) + dt);
    if (!['(idle)', '(program)'].includes(f.functionName)) byPkg.set(pkgOf(f.url), (byPkg.get(pkgOf(f.url)) ?? 0) + dt);
  });
  const per = (ms: number) => (ms / KEYS.length).toFixed(2);
  console.log(`\nCPU profile, ${KEYS.length} keystrokes: self ms per keystroke`);
  for (const [k, v] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 70)) console.log(per(v).padStart(7), k);
  console.log('\nby package/file (ms per keystroke):');
  for (const [k, v] of [...byPkg].sort((a, b) => b[1] - a[1]).slice(0, 15)) console.log(per(v).padStart(7), k);
  const lat = (xs: typeof samples, f: (s: (typeof samples)[number]) => number | null) =>
    xs
      .map(f)
      .filter((x): x is number => x !== null)
      .sort((a, b) => a - b);
  const show = (name: string, xs: number[]) =>
    console.log(
      `${name}: n=${xs.length} p50 ${xs[Math.floor(xs.length / 2)]?.toFixed(1)} p95 ${xs[Math.ceil(xs.length * 0.95) - 1]?.toFixed(1)}`,
    );
  show(
    'committed (profiled)',
    lat(samples, (s) => (s.committed === null ? null : s.committed - s.keydown)),
  );
  show(
    'reflected (profiled)',
    lat(samples, (s) => (s.reflected === null ? null : s.reflected - s.keydown)),
  );

  // 2. Timeline trace: main-thread time by event kind.
  await browser.startTracing(page, {
    categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'blink.user_timing'],
  });
  const traced = await measureKeystrokes(page, KEYS);
  const buf = await browser.stopTracing();
  const events = (
    JSON.parse(buf.toString()) as {
      traceEvents: { name: string; ph: string; dur?: number; tdur?: number; tid: number; pid: number }[];
    }
  ).traceEvents;
  // The renderer main thread: the one with the most FunctionCall time.
  const tids = new Map<string, number>();
  for (const e of events)
    if (e.name === 'FunctionCall' && e.dur) tids.set(`${e.pid}:${e.tid}`, (tids.get(`${e.pid}:${e.tid}`) ?? 0) + e.dur);
  const main = [...tids].sort((a, b) => b[1] - a[1])[0]?.[0];
  const kinds = new Map<string, number>();
  for (const e of events)
    if (e.ph === 'X' && e.dur && `${e.pid}:${e.tid}` === main)
      kinds.set(e.name, (kinds.get(e.name) ?? 0) + e.dur / 1000);
  // Thread time (CPU actually spent) as well as wall time: on a busy machine the
  // wall time includes waiting for a core, the thread time much less so.
  const cpu = new Map<string, number>();
  for (const e of events)
    if (e.ph === 'X' && e.tdur && `${e.pid}:${e.tid}` === main) cpu.set(e.name, (cpu.get(e.name) ?? 0) + e.tdur / 1000);
  console.log(
    `\nTrace, ${KEYS.length} keystrokes: main-thread ms per keystroke by event, wall / CPU (nested events overlap)`,
  );
  for (const [k, v] of [...kinds].sort((a, b) => b[1] - a[1]).slice(0, 25))
    console.log(per(v).padStart(7), per(cpu.get(k) ?? NaN).padStart(7), k);
  show(
    'committed (traced)',
    lat(traced, (s) => (s.committed === null ? null : s.committed - s.keydown)),
  );
  show(
    'reflected (traced)',
    lat(traced, (s) => (s.reflected === null ? null : s.reflected - s.keydown)),
  );
}

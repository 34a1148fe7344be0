// `npm run bench:scale`: Lading at 1,000 / 5,000 / 10,000 images, against the
// docker CLI on the same sandbox engine, in one run.
//
//   npm run bench:scale [-- --sizes 1000,5000,10000] [--keep] [--build]
//                       [--runs 7] [--loads 5] [--events 20]
//
// For each size it loads the missing images (one streamed docker-archive per
// step, all sharing one layer), then measures:
//   - backend images.list (in process) vs `docker images --no-trunc`, and the raw GET /images/json;
//   - serve mode in Chromium: navigation → first data row of the "Images" grid,
//     filter keystroke → grid/status updated (p50/p95), renderer heap;
//   - events: `docker tag` in the terminal → row in the table (and `docker rmi` → row gone).
// Results: console tables, a markdown block for the README, and
// bench/results/scale-latest.json. Starts its own sandbox
// (LADING_SANDBOX_DIR, default /tmp/lading-bench-scale) and stops it
// (--clean) at the end unless --keep.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { dirname } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { loadScaleImages, scaleImage } from './scale/archive.mjs';
import { openBackend } from './scale/backend.mjs';
import { launchChromium, measureBrowser, profileContext, since, type BrowserResults } from './scale/browser.mjs';
import { countScaleImages, docker, engineGet, engineVersion, timeRawList } from './scale/engine.mjs';
import { measureFloor } from './scale/floor.mjs';
import { startServe, type Serve } from './scale/serve.mjs';
import { int, markdownTable, max, mb, median, ms, percentile, ratio } from './scale/stats.mjs';

const { values: opts } = parseArgs({
  options: {
    sizes: { type: 'string', default: '1000,5000,10000' },
    keep: { type: 'boolean', default: false },
    build: { type: 'boolean', default: false },
    runs: { type: 'string', default: '7' },
    loads: { type: 'string', default: '5' },
    events: { type: 'string', default: '20' },
  },
});
const sizes = opts.sizes
  .split(',')
  .map((s) => Number(s.trim().replace(/_/g, '')))
  .sort((a, b) => a - b);
if (sizes.some((n) => !Number.isInteger(n) || n < 1)) throw new Error(`--sizes: positive integers, got ${opts.sizes}`);
const runs = Number(opts.runs);
const loads = Number(opts.loads);
const eventCount = Number(opts.events);

// Filter keystrokes: each query typed one character at a time, then erased with Backspace.
const QUERIES = ['svc-17', '1234', 'team-4/', 'v3-rc', 'latest', '9f0', 'svc-2'];
const KEYS = QUERIES.flatMap((q) => [...q, ...Array<string>(q.length).fill('Backspace')]);

/** The issue's goals at 10,000 images, by summary line. */
const GOALS: Record<string, string> = {
  'ratio (goal ≤ 1.1)': '≤ 1.1',
  'first rows, first visit': '< 1 s',
  'first rows, median / max': '< 0.5 s, below the raw GET',
  'filter keystroke → rows committed in the DOM, p50 / p95': 'p95 < 16 ms',
  'filter keystrokes whose rows missed the next frame / missed it by 2+ frames': '0 / 0',
  'renderer heap after load / after the run': '< 150 MB',
};

const t0 = performance.now();
const log = (msg: string) => console.log(`[scale ${since(t0).padStart(7)}] ${msg}`);

process.env.LADING_SANDBOX_DIR ??= '/tmp/lading-bench-scale';
if (opts.build || !existsSync('dist/serve/cli.cjs') || !existsSync('dist/renderer')) {
  log('building (npm run build)');
  execFileSync('npm', ['run', 'build'], { stdio: 'inherit' });
}
execFileSync('bash', ['scripts/sandbox.sh', 'start', '--no-fixtures'], { stdio: 'inherit' });
const { sandboxEnv } = await import('../tests/support/sandbox');
const env = sandboxEnv();
const host = env.dockerHost;

interface SizeResult {
  target: number;
  images: number;
  rows: number;
  loadMs: number | null;
  backendMs: number[];
  cliMs: number[];
  rawMs: number[];
  rawBytes: number;
  serveRss: number;
  servePeakRss: number;
  /** Serve mode's process started → its address printed. */
  serveStartMs: number;
  browser: BrowserResults;
  /** A static page's first row in a new tab (floor.mts): the browser's own share, for scale. */
  floorMs: number[];
}

const machine = {
  date: new Date().toISOString(),
  cores: cpus().length,
  cpu: cpus()[0]?.model ?? '?',
  ramGiB: Math.round(totalmem() / 2 ** 30),
  os: /^PRETTY_NAME="?([^"\n]*)"?$/m.exec(readFileSync('/etc/os-release', 'utf8'))?.[1] ?? process.platform,
  node: process.version,
  engine: await engineVersion(host),
  dockerCli: (await docker(host, 'version', '--format', '{{.Client.Version}}')).trim(),
  chromium: '?',
  /** 1-minute load average, sampled every 5 s during the run: how busy the (shared) machine was. */
  load: { start: loadavg()[0] ?? NaN, mean: NaN, max: NaN },
};
const loadSamples: number[] = [];
const loadSampler = setInterval(() => loadSamples.push(loadavg()[0] ?? NaN), 5000);
loadSampler.unref();

const results: SizeResult[] = [];
const browser = await launchChromium();
machine.chromium = browser.version();
try {
  // Leftovers of an interrupted run would show in the events filter.
  const leftovers = (await docker(host, 'images', 'scale/evt', '--format', '{{.Repository}}:{{.Tag}}')).split('\n');
  for (const ref of leftovers.filter(Boolean)) await docker(host, 'rmi', ref);

  for (const target of sizes) {
    log(`=== ${int(target)} images`);
    const have = await countScaleImages(host);
    let loadMs: number | null = null;
    if (have < target) {
      const t = performance.now();
      await loadScaleImages(host, have, target);
      loadMs = performance.now() - t;
      log(`loaded images ${int(have)}…${int(target - 1)} in ${(loadMs / 1000).toFixed(1)} s`);
    } else if (have > target) {
      log(`the engine already holds ${int(have)} bench images (more than ${int(target)}; --keep run?)`);
    }
    const all = JSON.parse((await engineGet(host, '/images/json')).body.toString()) as { RepoTags: string[] | null }[];
    const images = all.length;
    const rows = all.reduce(
      (n, i) => n + Math.max(1, (i.RepoTags ?? []).filter((t) => t !== '<none>:<none>').length),
      0,
    );

    // 1. images.list vs docker images --no-trunc (and the raw API call), alternating.
    const backend = await openBackend(host);
    const backendMs: number[] = [];
    const cliMs: number[] = [];
    const rawMs: number[] = [];
    let rawBytes = 0;
    await backend.list(); // warm-up: connections, JIT
    for (let i = 0; i < runs; i++) {
      const ours = await backend.list();
      if (ours.count !== images) log(`note: images.list returned ${ours.count}, engine has ${images}`);
      backendMs.push(ours.ms);
      const t = performance.now();
      await docker(host, 'images', '--no-trunc');
      cliMs.push(performance.now() - t);
      const raw = await timeRawList(host);
      rawMs.push(raw.ms);
      rawBytes = raw.bytes;
    }
    backend.dispose();
    log(
      `images.list ${ms(median(backendMs))} vs docker images --no-trunc ${ms(median(cliMs))} ` +
        `(ratio ${ratio(median(backendMs) / median(cliMs))}); GET /images/json ${ms(median(rawMs))}, ${mb(rawBytes)}`,
    );

    // 2 + 3. Serve mode in Chromium. The browser is up first: the first
    // visit opens the address as soon as it is printed, backend cold.
    const profile = await profileContext();
    let serve: Serve | undefined;
    let browserResults: BrowserResults;
    let memory: { rss: number; peak: number };
    let serveStartMs: number;
    try {
      const started = performance.now();
      serve = await startServe(host);
      serveStartMs = performance.now() - started;
      browserResults = await measureBrowser(browser, serve, profile, {
        loads,
        keys: KEYS,
        queries: QUERIES,
        events: eventCount,
        eventSource: scaleImage(1).repoTags[0] ?? '',
        dockerHost: host,
        log,
      });
      memory = serve.memory();
    } finally {
      await serve?.stop();
      await profile.close();
    }
    const floorMs = await measureFloor(loads);
    log(`a static page's first row in a new tab: ${floorMs.map((x) => x.toFixed(0)).join(', ')} ms`);
    const result: SizeResult = {
      target,
      images,
      rows,
      loadMs,
      backendMs,
      cliMs,
      rawMs,
      rawBytes,
      serveRss: memory.rss,
      servePeakRss: memory.peak,
      serveStartMs,
      browser: browserResults,
      floorMs,
    };
    results.push(result);
    printSize(result);
  }
} finally {
  await browser.close();
  if (!opts.keep) execFileSync('bash', ['scripts/sandbox.sh', 'stop', '--clean'], { stdio: 'inherit' });
  else log(`sandbox kept: source ${env.dir}/env`);
}

clearInterval(loadSampler);
loadSamples.push(loadavg()[0] ?? NaN);
machine.load.mean = loadSamples.reduce((a, b) => a + b, 0) / loadSamples.length;
machine.load.max = Math.max(...loadSamples);
const out = 'bench/results/scale-latest.json';
mkdirSync(dirname(out), { recursive: true });
writeFileSync(
  out,
  `${JSON.stringify({ machine, options: { sizes, runs, loads, events: eventCount, keys: KEYS }, results }, null, 2)}\n`,
);
printMarkdown();
log(`raw results: ${out}`);

function keyLatencies(r: SizeResult): {
  reflected: number[];
  settled: number[];
  echoed: number[];
  committed: number[];
  /** From the page's keydown listener to the commit: the page's work without the input's delivery. */
  work: number[];
  framesLate: number[];
} {
  const ks = r.browser.keystrokes;
  return {
    committed: ks.flatMap((k) => (k.committed === null ? [] : [k.committed - k.keydown])),
    work: ks.flatMap((k) => (k.committed === null || k.dispatched === null ? [] : [k.committed - k.dispatched])),
    // Frames between the first frame after keydown and the one that could show the rows:
    // 0 when they were committed before that first frame began.
    framesLate: ks.flatMap((k) =>
      k.committed === null || k.nextFrame === null || !k.frameMs
        ? []
        : [Math.max(0, Math.ceil((k.committed - k.nextFrame) / k.frameMs))],
    ),
    reflected: ks.flatMap((k) => (k.reflected === null ? [] : [k.reflected - k.keydown])),
    settled: ks.flatMap((k) => (k.settled === null ? [] : [k.settled - k.keydown])),
    echoed: ks.flatMap((k) => (k.echoed === null ? [] : [k.echoed - k.keydown])),
  };
}

/** The median of marks that were made ('—' when none was). */
function marks(xs: (number | null)[]): string {
  const made = xs.filter((x): x is number => x !== null);
  return made.length ? ms(median(made)) : '—';
}

function summary(r: SizeResult): [string, string][] {
  const b = r.browser;
  const keys = keyLatencies(r);
  const p = (xs: number[]) => `${ms(percentile(xs, 50))} / ${ms(percentile(xs, 95))}`;
  return [
    ['images (table rows)', `${int(r.images)} (${int(r.rows)})`],
    ['docker load of the new images', r.loadMs === null ? '—' : `${(r.loadMs / 1000).toFixed(1)} s`],
    ['images.list, median', ms(median(r.backendMs))],
    ['docker images --no-trunc, median', ms(median(r.cliMs))],
    ['ratio (goal ≤ 1.1)', ratio(median(r.backendMs) / median(r.cliMs))],
    ['raw GET /images/json, median', `${ms(median(r.rawMs))} (${mb(r.rawBytes)})`],
    ['serve mode: process started → address printed', ms(r.serveStartMs)],
    // Opened as the address is printed: the backend is as cold as it gets.
    ['first rows, first visit', ms(b.firstRowsCold)],
    // The same cold page once the backend's list is warm: what the page itself costs on a first visit.
    ['first rows, first visit with the backend already warm', ms(b.firstRowsColdPage)],
    // Later loads are answered from the backend's warm list: no engine call at all.
    [
      `first rows, median / max of ${b.firstRows.length} loads (warm backend)`,
      `${ms(median(b.firstRows))} / ${ms(max(b.firstRows))}`,
    ],
    // The same in a private window, which keeps no compiled code between visits (as measured before).
    [
      `first rows in a private window, median / max of ${b.firstRowsPrivate.length} loads`,
      `${ms(median(b.firstRowsPrivate))} / ${ms(max(b.firstRowsPrivate))}`,
    ],
    // Where a warm load's time goes, from the page's own marks: data, code, then the first render.
    [
      "the same loads: first screen's data in / UI code evaluated / first row, medians",
      `${marks(b.firstRowsMarks.map((m) => m.firstScreenData))} / ${marks(b.firstRowsMarks.map((m) => m.uiEvaluated))} / ${ms(median(b.firstRows))}`,
    ],
    // The first screen comes first (images.firstScreen); the grid is aria-busy until the whole list is in.
    ['whole list in the grid, median / max of the same loads', `${ms(median(b.wholeList))} / ${ms(max(b.wholeList))}`],
    // The browser's own share of a new tab on this machine: no page can show rows sooner.
    [
      `a static page's first row in a new tab (the browser alone), median / max of ${r.floorMs.length}`,
      `${ms(median(r.floorMs))} / ${ms(max(r.floorMs))}`,
    ],
    [
      `first rows after a reload of the same tab, median / max of ${b.firstRowsReload.length}`,
      `${ms(median(b.firstRowsReload))} / ${ms(max(b.firstRowsReload))}`,
    ],
    [
      'extra load, network watched: list reply in / first row',
      `${ms(b.breakdown.listReplyAt)} (${mb(b.breakdown.listReplyBytes)}) / ${ms(b.breakdown.firstRow)}`,
    ],
    [
      `filter keystroke → rows committed in the DOM, p50 / p95 (${keys.committed.length} of ${b.keystrokes.length} changed rows)`,
      p(keys.committed),
    ],
    ['filter keydown handled → rows committed (the work alone), p50 / p95', p(keys.work)],
    [
      'filter keystrokes whose rows missed the next frame / missed it by 2+ frames',
      `${keys.framesLate.filter((n) => n >= 1).length} / ${keys.framesLate.filter((n) => n >= 2).length} of ${keys.framesLate.length}`,
    ],
    ['filter keystroke → first frame after the rows showed, p50 / p95', p(keys.reflected)],
    ['filter keystroke → rows settled (late cells too), p50 / p95', p(keys.settled)],
    ['filter keystroke → character echoed, p50 / p95', p(keys.echoed)],
    ['filter updates that came after the 300 ms settle', String(b.lateUpdates)],
    [
      'queries typed at full speed: characters dropped / other rows than typed slowly',
      `${b.fastTyping.charsDropped} / ${b.fastTyping.wrongRows} (of ${b.fastTyping.queries})`,
    ],
    ['renderer heap after load / after the run', `${mb(b.heapAfterLoad)} / ${mb(b.heapAfterAll)}`],
    [`docker tag → row shown, p50 / p95 (${b.eventsAdded.length})`, p(b.eventsAdded)],
    [`docker rmi → row gone, p50 / p95 (${b.eventsRemoved.length})`, p(b.eventsRemoved)],
    ['events missed (30 s limit)', String(b.eventsMissed)],
    ['serve process RSS, now / peak', `${mb(r.serveRss)} / ${mb(r.servePeakRss)}`],
    ['page errors', String(b.errors.length)],
  ];
}

function printSize(r: SizeResult): void {
  console.log(`\nLading at ${int(r.images)} images`);
  console.table(Object.fromEntries(summary(r)));
  for (const e of r.browser.errors.slice(0, 10)) console.log(`  ${e}`);
}

function printMarkdown(): void {
  if (results.length === 0) return;
  const labels = summary(results[0] as SizeResult).map(([k]) => k.replace(/ \(\d+( of \d+ changed rows)?\)/, ''));
  const cols = results.map(summary);
  const rowsMd = labels.map((label, i) => [
    label,
    ...cols.map((c) => c[i]?.[1] ?? ''),
    GOALS[label.replace(/ of \d+ loads.*$/, '').replace(' (warm backend)', '')] ?? '',
  ]);
  const e = machine.engine;
  console.log('\n--- README (markdown) ---\n');
  console.log(
    `Last run (${machine.cores} cores ${machine.cpu}, ${machine.ramGiB} GiB, ${machine.os}, Docker Engine ` +
      `${e.version} (API ${e.apiVersion}), docker CLI ${machine.dockerCli}, Node ${machine.node.slice(1)}, ` +
      `Chromium ${machine.chromium}; load average ${machine.load.mean.toFixed(1)} (max ${machine.load.max.toFixed(1)}) ` +
      `during the run; ` +
      `${machine.date.slice(0, 10)}):\n`,
  );
  if (machine.load.mean > machine.cores)
    console.log(
      `(The machine was busy — load average above its ${machine.cores} cores — so these timings are inflated.)\n`,
    );
  console.log(markdownTable(['what', ...results.map((r) => `${int(r.images)} images`), 'goal at 10,000'], rowsMd));
  const last = results[results.length - 1] as SizeResult;
  const changed = keyLatencies(last).reflected.length;
  console.log(
    `\nFilter: ${KEYS.length} keystrokes typing ${QUERIES.map((q) => `“${q}”`).join(', ')} and erasing each; ` +
      `p50/p95 over the ${changed} that changed the rows (at ${int(last.images)} images), from keydown's timestamp to: ` +
      `the grid and status showing the new result in the DOM (“committed”, the keystroke's work; “handled”: from the ` +
      `page's first keydown listener instead, without the input's delivery); the first animation ` +
      `frame after that (which adds the wait for the frame, up to one frame at random phase); the same after the last ` +
      `change (“settled”: cells filled in later included). “Missed the next frame”: the rows were committed after the ` +
      `first frame tick (vsync) after keydown began, so that frame could not show them. Then each query typed again ` +
      `at full speed (no wait between keys): the box must hold the whole query, the status read what it read when ` +
      `typed slowly. Events: \`docker tag\` / ` +
      `\`docker rmi\` exit to the row shown / gone.`,
  );
}

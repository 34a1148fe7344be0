// `npm run bench:archives`: save and load of a ~300 MB and a ~1 GB image
// (layers of incompressible data) through Lading's backend and with
// `docker save -o` / `docker load -i` on the same engine, alternating.
// Reports median wall times, their ratios, the backend's peak RSS, three
// saves at once, and where the time goes: the engine alone (curl on its
// socket, output to /dev/null) gives the floor — its time to the first byte
// is the engine preparing the archive, the rest is streaming.
//
// The backend runs as its own process (serve mode, `dist/serve/cli.cjs`,
// what `npm run serve` starts), driven over its WebSocket, so its RSS is the
// backend's alone; the peak is the kernel's VmHWM, reset between phases
// through /proc/PID/clear_refs. Starts its own sandbox
// (LADING_SANDBOX_DIR, default /tmp/lading-bench-archives); the big image
// is built there, never in the test fixtures.
import { execFileSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { get, type IncomingMessage } from 'node:http';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { processMemory, startServe } from '../tests/support/serveProcess';
import { TestWsClient } from '../tests/support/wsClient';

process.env.LADING_SANDBOX_DIR ??= '/tmp/lading-bench-archives';
const runs = Number(process.env.BENCH_RUNS ?? 3);
execFileSync('bash', ['scripts/sandbox.sh', 'start'], { stdio: 'inherit' });
const { sandboxEnv, dockerCli } = await import('../tests/support/sandbox');
const env = sandboxEnv();
const { createDockerClient } = await import('../electron/engine/host');
const { rawEngineGet } = await import('../electron/engine/archives/engineStream');
const { fillAtomically } = await import('../electron/engine/archives/atomicFile');
const { downloadToFile } = await import('../electron/engine/archives/fileDownload');
const docker = createDockerClient(env.dockerHost);
// BENCH_IMAGES=bench/archive:300m picks the sizes (default: both);
// BENCH_ONLY=load|save runs one phase.
const IMAGES = (process.env.BENCH_IMAGES ?? 'bench/archive:300m,bench/archive:1g').split(',');
const only = process.env.BENCH_ONLY;
const LAYER_MIB: Record<string, number[]> = {
  'bench/archive:300m': [100, 100, 100],
  'bench/archive:1g': [200, 200, 200, 200, 200],
};

for (const image of IMAGES) {
  const layerSizes = LAYER_MIB[image];
  if (!layerSizes || (await dockerCli(env, 'images', '-q', image)).trim()) continue;
  const ctx = mkdtempSync(join(tmpdir(), 'lading-bench-ctx-'));
  const layers = layerSizes.map((mib, n) => `RUN head -c ${mib}m /dev/urandom > /layer${n}`).join('\n');
  writeFileSync(join(ctx, 'Dockerfile'), `FROM fixture/busybox:1\n${layers}\n`);
  console.log(`building ${image} (${layerSizes.join(' + ')} MiB of random bytes)…`);
  await dockerCli(env, 'build', '-q', '-t', image, ctx);
  rmSync(ctx, { recursive: true, force: true });
}

const socket = env.dockerHost.replace(/^unix:\/\//, '');
/** The engine alone: curl on its socket. Seconds to the first byte and in all, as curl reports them. */
const curlEngine = (path: string, extra: string[] = []): { first: number; total: number } => {
  const out = execFileSync(
    'curl',
    [
      '-sS',
      '--unix-socket',
      socket,
      '-o',
      '/dev/null',
      '-w',
      '%{time_starttransfer} %{time_total} %{http_code}',
      ...extra,
      `http://engine${path}`,
    ],
    { encoding: 'utf8' },
  );
  const [first, total, code] = out.trim().split(' ');
  if (code !== '200') throw new Error(`engine answered ${code} for ${path}`);
  return { first: Number(first) * 1000, total: Number(total) * 1000 };
};

const serve = await startServe(env.dockerHost);
const { port, searchParams } = new URL(serve.url);
const origin = `http://127.0.0.1:${port}`;
const client = await TestWsClient.open(`ws://127.0.0.1:${port}/api?token=${searchParams.get('token')}`, origin);
const pid = serve.pid;
const loadStart = loadavg()[0] ?? NaN;

/** Resets VmHWM to the current RSS (Linux ≥ 4.0). */
const resetPeak = () => writeFileSync(`/proc/${pid}/clear_refs`, '5');

/** CPU time (user + system, ms) of a process, or of this process's waited-for children (the docker CLI runs). */
const statFields = (path: string) => readFileSync(path, 'utf8').split(') ')[1]?.split(' ') ?? [];
const TICK_MS = 10; // CLK_TCK is 100 on Linux
const backendCpu = () => {
  const f = statFields(`/proc/${pid}/stat`);
  return (Number(f[11]) + Number(f[12])) * TICK_MS;
};
const childrenCpu = () => {
  const f = statFields('/proc/self/stat');
  return (Number(f[13]) + Number(f[14])) * TICK_MS;
};
const cpuOf = async (counter: () => number, fn: () => Promise<unknown>) => {
  const c = counter();
  await fn();
  return counter() - c;
};

let seq = 0;
const operation = async (method: string, args: unknown) => {
  const operationId = `bench-${++seq}`;
  const reply = await client.call(method, args, operationId);
  if (!reply.ok) throw new Error(reply.error.message);
  const final = await client.waitFor(
    (m) => m.type === 'operation' && m.update.operationId === operationId && m.update.state !== 'running',
    3_600_000,
  );
  if (final.type === 'operation' && final.update.state !== 'succeeded') throw new Error(JSON.stringify(final.update));
};
const time = async (fn: () => Promise<unknown>) => {
  const t = performance.now();
  await fn();
  return performance.now() - t;
};
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

const idle = processMemory(pid).rss;
const measure = async (image: string) => {
  // Inside the serve process's files root (its save directory): serve mode refuses server paths elsewhere.
  const dir = mkdtempSync(join(serve.saveDir, 'bench-'));
  const ours = join(dir, 'ours.tar');
  const cli = join(dir, 'cli.tar');

  resetPeak();
  const save = { lading: [] as number[], cli: [] as number[], ladingCpu: [] as number[], cliCpu: [] as number[] };
  for (let i = 0; i < (only === 'load' ? 0 : runs); i++) {
    // Both start from no file, so neither pays for unlinking the last run's
    // gigabyte; the order swaps every run, so neither always goes first.
    const ladingSave = async () => {
      rmSync(ours, { force: true });
      save.ladingCpu.push(
        await cpuOf(backendCpu, async () => {
          save.lading.push(await time(() => operation('images.save', { references: [image], path: ours })));
        }),
      );
    };
    const cliSave = async () => {
      rmSync(cli, { force: true });
      save.cliCpu.push(
        await cpuOf(childrenCpu, async () => {
          save.cli.push(await time(() => dockerCli(env, 'save', '-o', cli, image)));
        }),
      );
    };
    for (const run of i % 2 === 0 ? [ladingSave, cliSave] : [cliSave, ladingSave]) await run();
    console.log(
      `save run ${i + 1}: lading ${save.lading.at(-1)?.toFixed(0)} ms, cli ${save.cli.at(-1)?.toFixed(0)} ms`,
    );
  }
  const savePeak = processMemory(pid).peak;

  // Serve mode's Save: the same archive streamed to the browser as a download
  // (here: an HTTP client writing it to a file), against `docker save -o`.
  resetPeak();
  const download = [] as number[];
  const downloadCpu = [] as number[];
  const downloaded = join(dir, 'downloaded.tar');
  for (let i = 0; i < (only === 'load' ? 0 : runs); i++) {
    rmSync(downloaded, { force: true });
    const cpuBefore = backendCpu();
    download.push(
      await time(async () => {
        const created = await client.call('downloads.create', { name: 'bench.tar' });
        if (!created.ok) throw new Error(created.error.message);
        const { downloadId, url } = created.value as { downloadId: string; url: string };
        const saving = operation('images.save', { references: [image], download: downloadId });
        // A browser downloads natively: node:http into 256 KiB file writes stands in
        // for it at little CPU (fetch's web streams cost more than Lading's side).
        const res = await new Promise<IncomingMessage>((resolve, reject) =>
          get(`${origin}${url}?token=${searchParams.get('token')}`, resolve).on('error', reject),
        );
        if (res.statusCode !== 200) throw new Error(`download answered ${res.statusCode}`);
        await pipeline(res, createWriteStream(downloaded, { highWaterMark: 256 * 1024 }));
        await saving;
      }),
    );
    downloadCpu.push(backendCpu() - cpuBefore);
    console.log(`download run ${i + 1}: lading ${download.at(-1)?.toFixed(0)} ms`);
  }
  const downloadPeak = processMemory(pid).peak;
  if (!existsSync(cli)) await dockerCli(env, 'save', '-o', cli, image);
  const size = statSync(cli).size;

  resetPeak();
  const load = { lading: [] as number[], cli: [] as number[], ladingCpu: [] as number[], cliCpu: [] as number[] };
  for (let i = 0; i < (only === 'save' ? 0 : runs); i++) {
    // Remove the image first, so each load really writes its layers.
    await dockerCli(env, 'rmi', image);
    const c = backendCpu();
    load.lading.push(await time(() => operation('images.load', { source: { kind: 'path', path: cli } })));
    load.ladingCpu.push(backendCpu() - c);
    await dockerCli(env, 'rmi', image);
    load.cliCpu.push(
      await cpuOf(childrenCpu, async () => {
        load.cli.push(await time(() => dockerCli(env, 'load', '-i', cli)));
      }),
    );
    console.log(
      `load run ${i + 1}: lading ${load.lading.at(-1)?.toFixed(0)} ms, cli ${load.cli.at(-1)?.toFixed(0)} ms`,
    );
  }
  const loadPeak = processMemory(pid).peak;

  // The engine alone, for the breakdown (alternating with nothing: after the runs above).
  const engineSave = [0, 1, 2].slice(0, runs).map(() => curlEngine(`/images/get?names=${encodeURIComponent(image)}`));
  const engineLoad: number[] = [];
  for (let i = 0; i < (only === 'save' ? 0 : runs); i++) {
    await dockerCli(env, 'rmi', image);
    engineLoad.push(
      curlEngine('/images/load?quiet=1', [
        '-X',
        'POST',
        '-H',
        'Content-Type: application/x-tar',
        '--data-binary',
        `@${cli}`,
      ]).total,
    );
  }
  if (!(await dockerCli(env, 'images', '-q', image)).trim()) await dockerCli(env, 'load', '-i', cli);

  // A save's parts apart, in this process with Lading's own code: the read
  // side (the engine's archive through Lading's engine connection,
  // engineStream.ts, into nothing) and the whole save on its thread
  // (fileDownload.ts: the same connection, each read written to the file).
  // process.cpuUsage counts every thread of this process.
  const readSide = [] as { first: number; total: number; cpu: number }[];
  const threadSide = [] as { total: number; cpu: number }[];
  for (let i = 0; i < (only === 'load' ? 0 : runs); i++) {
    const c = process.cpuUsage();
    const t = performance.now();
    const body = await rawEngineGet(
      docker,
      `/images/get?names=${encodeURIComponent(image)}`,
      new AbortController().signal,
    );
    const first = performance.now() - t;
    await pipeline(body, new Writable({ write: (_c, _e, done) => done() }));
    const used = process.cpuUsage(c);
    readSide.push({ first, total: performance.now() - t, cpu: (used.user + used.system) / 1000 });
    const target = join(dir, 'thread-side.tar');
    const c2 = process.cpuUsage();
    const t2 = performance.now();
    const signal = new AbortController().signal;
    await fillAtomically(target, signal, async (fd) => {
      await downloadToFile(docker, `/images/get?names=${encodeURIComponent(image)}`, fd, signal, () => {});
    });
    const used2 = process.cpuUsage(c2);
    threadSide.push({ total: performance.now() - t2, cpu: (used2.user + used2.system) / 1000 });
    rmSync(target, { force: true });
  }

  // Three saves at once, through Lading and with three `docker save -o`,
  // `runs` times, the order swapped every run: whichever goes first after
  // a disk-heavy phase pays for the page cache's writeback, and one run
  // of each read 0.93–1.25 from run to run of this bench.
  resetPeak();
  const many = { lading: [] as number[], cli: [] as number[], ladingCpu: [] as number[], cliCpu: [] as number[] };
  const files = [1, 2, 3].map((n) => join(dir, `many-${n}.tar`));
  const ladingThree = async () => {
    many.ladingCpu.push(
      await cpuOf(backendCpu, async () => {
        many.lading.push(
          await time(() => Promise.all(files.map((f) => operation('images.save', { references: [image], path: f })))),
        );
      }),
    );
    for (const f of files) rmSync(f, { force: true });
  };
  const cliThree = async () => {
    many.cliCpu.push(
      await cpuOf(childrenCpu, async () => {
        many.cli.push(await time(() => Promise.all(files.map((f) => dockerCli(env, 'save', '-o', f, image)))));
      }),
    );
    for (const f of files) rmSync(f, { force: true });
  };
  for (let i = 0; i < (only === 'load' ? 0 : runs); i++) {
    for (const run of i % 2 === 0 ? [ladingThree, cliThree] : [cliThree, ladingThree]) await run();
    console.log(
      `three at once run ${i + 1}: lading ${many.lading.at(-1)?.toFixed(0)} ms, cli ${many.cli.at(-1)?.toFixed(0)} ms`,
    );
  }
  const together = {
    lading: median(many.lading),
    cli: median(many.cli),
    ladingCpu: median(many.ladingCpu),
    cliCpu: median(many.cliCpu),
  };
  const togetherPeak = processMemory(pid).peak;
  rmSync(dir, { recursive: true, force: true });
  return {
    image,
    size,
    save,
    savePeak,
    download,
    downloadCpu,
    downloadPeak,
    readSide,
    threadSide,
    load,
    loadPeak,
    engineSave,
    engineLoad,
    together,
    togetherPeak,
  };
};
const results = [];
for (const image of IMAGES) results.push(await measure(image));
client.close();
await serve.stop();

const s = (x: number) => `${(x / 1000).toFixed(2)} s`;
const mb = (x: number) => `${(x / 1048576).toFixed(0)} MiB`;
const r = (a: number, b: number) => (a / b).toFixed(2);
console.log(
  `\nLading archives bench — ${new Date().toISOString()} — node ${process.version}, ${process.platform}, ${cpus().length} cores, load average ${loadavg()
    .map((x) => x.toFixed(1))
    .join(
      ' / ',
    )} at the end (${loadStart.toFixed(1)} at the start), ${runs} alternating runs each${only ? ` (${only} only)` : ''}`,
);
console.log('| what | Lading (median) | docker CLI (median) | ratio | backend peak RSS |');
console.log('|---|---|---|---|---|');
for (const x of results) {
  const name = `${x.image} (${mb(x.size)})`;
  console.log(
    `| ${name}: save (\`docker save -o\`) | ${s(median(x.save.lading))} | ${s(median(x.save.cli))} | ${r(median(x.save.lading), median(x.save.cli))} | ${mb(x.savePeak)} |`,
  );
  console.log(
    `| ${name}: save as a download (serve mode) | ${s(median(x.download))} | ${s(median(x.save.cli))} | ${r(median(x.download), median(x.save.cli))} | ${mb(x.downloadPeak)} |`,
  );
  console.log(
    `| ${name}: three saves at once | ${s(x.together.lading)} | ${s(x.together.cli)} | ${r(x.together.lading, x.together.cli)} | ${mb(x.togetherPeak)} |`,
  );
  console.log(
    `| ${name}: load (\`docker load -i\`) | ${s(median(x.load.lading))} | ${s(median(x.load.cli))} | ${r(median(x.load.lading), median(x.load.cli))} | ${mb(x.loadPeak)} |`,
  );
}
console.log('\nWhere the time goes (medians; the engine alone = curl on the engine socket, output to /dev/null):');
console.log('| what | engine: first byte | engine alone: all | docker CLI | Lading |');
console.log('|---|---|---|---|---|');
for (const x of results) {
  const first = median(x.engineSave.map((e) => e.first));
  const total = median(x.engineSave.map((e) => e.total));
  console.log(
    `| ${x.image} save | ${s(first)} | ${s(total)} | ${s(median(x.save.cli))} | ${s(median(x.save.lading))} |`,
  );
  console.log(
    `| ${x.image} load | — | ${s(median(x.engineLoad))} | ${s(median(x.load.cli))} | ${s(median(x.load.lading))} |`,
  );
}
console.log(`backend RSS when idle: ${mb(idle)}`);
console.log(
  "\nA save's parts apart (this process, Lading's code): read side = engine → Lading's engine connection → nothing; thread = the whole save on its thread (fileDownload.ts), engine → file:",
);
console.log('| what | read side: first byte | read side: all | read side CPU | thread: all | thread CPU |');
console.log('|---|---|---|---|---|---|');
for (const x of results) {
  if (!x.readSide.length) continue;
  console.log(
    `| ${x.image} | ${s(median(x.readSide.map((e) => e.first)))} | ${s(median(x.readSide.map((e) => e.total)))} | ${s(median(x.readSide.map((e) => e.cpu)))} | ${s(median(x.threadSide.map((e) => e.total)))} | ${s(median(x.threadSide.map((e) => e.cpu)))} |`,
  );
}
console.log(
  '\nCPU time (user + system; medians per operation, three at once: in all), far steadier than wall time on a busy machine:',
);
console.log('| what | Lading backend | docker CLI process(es) |');
console.log('|---|---|---|');
for (const x of results) {
  if (x.save.ladingCpu.length) {
    console.log(`| ${x.image} save | ${s(median(x.save.ladingCpu))} | ${s(median(x.save.cliCpu))} |`);
    console.log(`| ${x.image} save as a download | ${s(median(x.downloadCpu))} | — |`);
    console.log(`| ${x.image} three saves at once | ${s(x.together.ladingCpu)} | ${s(x.together.cliCpu)} |`);
  }
  if (x.load.ladingCpu.length)
    console.log(`| ${x.image} load | ${s(median(x.load.ladingCpu))} | ${s(median(x.load.cliCpu))} |`);
}
process.exit(0);

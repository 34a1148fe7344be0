// `npm run bench:archives`: save and load of a ~1 GB image (5 layers of
// incompressible data) through Lading's backend and with `docker save -o` /
// `docker load -i` on the same engine, alternating. Reports median wall
// times, their ratios, and the backend's peak RSS.
//
// The backend runs as its own process (serve mode, `dist/serve/cli.cjs`,
// what `npm run serve` starts), driven over its WebSocket, so its RSS is the
// backend's alone; the peak is the kernel's VmHWM, reset between phases
// through /proc/PID/clear_refs. Starts its own sandbox
// (LADING_SANDBOX_DIR, default /tmp/lading-bench-archives); the big image
// is built there, never in the test fixtures.
import { execFileSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { processMemory, startServe } from '../tests/support/serveProcess';
import { TestWsClient } from '../tests/support/wsClient';

process.env.LADING_SANDBOX_DIR ??= '/tmp/lading-bench-archives';
const runs = Number(process.env.BENCH_RUNS ?? 3);
execFileSync('bash', ['scripts/sandbox.sh', 'start'], { stdio: 'inherit' });
const { sandboxEnv, dockerCli } = await import('../tests/support/sandbox');
const env = sandboxEnv();
// BENCH_IMAGE=fixture/big:1 (317 MB) shows the RSS does not follow the image size;
// BENCH_ONLY=load|save runs one phase in a fresh backend.
const IMAGE = process.env.BENCH_IMAGE ?? 'bench/archive:1g';
const only = process.env.BENCH_ONLY;

if (IMAGE === 'bench/archive:1g' && !(await dockerCli(env, 'images', '-q', IMAGE)).trim()) {
  const ctx = mkdtempSync(join(tmpdir(), 'lading-bench-ctx-'));
  const layers = [1, 2, 3, 4, 5].map((n) => `RUN head -c 200m /dev/urandom > /layer${n}`).join('\n');
  writeFileSync(join(ctx, 'Dockerfile'), `FROM fixture/busybox:1\n${layers}\n`);
  console.log(`building ${IMAGE} (5 × 200 MiB of random bytes)…`);
  await dockerCli(env, 'build', '-q', '-t', IMAGE, ctx);
  rmSync(ctx, { recursive: true, force: true });
}

const serve = await startServe(env.dockerHost);
const { port, searchParams } = new URL(serve.url);
const origin = `http://127.0.0.1:${port}`;
const client = await TestWsClient.open(`ws://127.0.0.1:${port}/api?token=${searchParams.get('token')}`, origin);
const pid = serve.pid;

/** Resets VmHWM to the current RSS (Linux ≥ 4.0). */
const resetPeak = () => writeFileSync(`/proc/${pid}/clear_refs`, '5');

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

// Inside the serve process's files root (its save directory): serve mode refuses server paths elsewhere.
const dir = mkdtempSync(join(serve.saveDir, 'bench-'));
const ours = join(dir, 'ours.tar');
const cli = join(dir, 'cli.tar');
const idle = processMemory(pid).rss;

resetPeak();
const save = { lading: [] as number[], cli: [] as number[] };
for (let i = 0; i < (only === 'load' ? 0 : runs); i++) {
  // Both start from no file, so neither pays for unlinking the last run's gigabyte.
  rmSync(ours, { force: true });
  save.lading.push(await time(() => operation('images.save', { references: [IMAGE], path: ours })));
  rmSync(cli, { force: true });
  save.cli.push(await time(() => dockerCli(env, 'save', '-o', cli, IMAGE)));
  console.log(`save run ${i + 1}: lading ${save.lading.at(-1)?.toFixed(0)} ms, cli ${save.cli.at(-1)?.toFixed(0)} ms`);
}
const savePeak = processMemory(pid).peak;

// Serve mode's Save: the same archive streamed to the browser as a download
// (here: an HTTP client writing it to a file), against `docker save -o`.
resetPeak();
const download = [] as number[];
const downloaded = join(dir, 'downloaded.tar');
for (let i = 0; i < (only === 'load' ? 0 : runs); i++) {
  rmSync(downloaded, { force: true });
  download.push(
    await time(async () => {
      const created = await client.call('downloads.create', { name: 'bench.tar' });
      if (!created.ok) throw new Error(created.error.message);
      const { downloadId, url } = created.value as { downloadId: string; url: string };
      const saving = operation('images.save', { references: [IMAGE], download: downloadId });
      const res = await fetch(`${origin}${url}?token=${searchParams.get('token')}`);
      if (!res.body) throw new Error(`download answered ${res.status}`);
      await pipeline(Readable.fromWeb(res.body as never), createWriteStream(downloaded));
      await saving;
    }),
  );
  console.log(`download run ${i + 1}: lading ${download.at(-1)?.toFixed(0)} ms`);
}
const downloadPeak = processMemory(pid).peak;
if (!existsSync(cli)) await dockerCli(env, 'save', '-o', cli, IMAGE);
const size = statSync(cli).size;

resetPeak();
const load = { lading: [] as number[], cli: [] as number[] };
for (let i = 0; i < (only === 'save' ? 0 : runs); i++) {
  // Remove the image first, so each load really writes its layers.
  await dockerCli(env, 'rmi', IMAGE);
  load.lading.push(await time(() => operation('images.load', { source: { kind: 'path', path: cli } })));
  await dockerCli(env, 'rmi', IMAGE);
  load.cli.push(await time(() => dockerCli(env, 'load', '-i', cli)));
  console.log(`load run ${i + 1}: lading ${load.lading.at(-1)?.toFixed(0)} ms, cli ${load.cli.at(-1)?.toFixed(0)} ms`);
}
const loadPeak = processMemory(pid).peak;

client.close();
await serve.stop();
rmSync(dir, { recursive: true, force: true });
if (existsSync(ours)) rmSync(ours);

const s = (x: number) => `${(x / 1000).toFixed(2)} s`;
const mb = (x: number) => `${(x / 1048576).toFixed(0)} MiB`;
console.log(
  `\nLading archives bench — ${new Date().toISOString()} — node ${process.version}, ${process.platform}, ${IMAGE}, ${runs} alternating runs each${only ? ` (${only} only)` : ''}, archive ${mb(size)}`,
);
console.log('| what | Lading (median) | docker CLI (median) | ratio | backend peak RSS |');
console.log('|---|---|---|---|---|');
console.log(
  `| save (\`docker save -o\`) | ${s(median(save.lading))} | ${s(median(save.cli))} | ${(median(save.lading) / median(save.cli)).toFixed(2)} | ${mb(savePeak)} |`,
);
console.log(
  `| save as a download (serve mode) | ${s(median(download))} | ${s(median(save.cli))} | ${(median(download) / median(save.cli)).toFixed(2)} | ${mb(downloadPeak)} |`,
);
console.log(
  `| load (\`docker load -i\`) | ${s(median(load.lading))} | ${s(median(load.cli))} | ${(median(load.lading) / median(load.cli)).toFixed(2)} | ${mb(loadPeak)} |`,
);
console.log(`backend RSS when idle: ${mb(idle)}`);
process.exit(0);

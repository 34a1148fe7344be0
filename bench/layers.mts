// `npm run bench:layers`: the layer explorer on an image of ~100,000 files
// over 5 layers (some overwritten, some deleted), against only reading the
// same stream with the docker CLI (`docker save IMAGE | tar -t > /dev/null`),
// alternating, in one run. Reports median wall times and their ratio
// (goal ≤ 1.5×), the analysing process's peak RSS (goal < 300 MB) and a
// second open of the same image (cache; goal < 100 ms), with the load average.
//
// Lading's side runs in a child process (bench/layersWorker.mts) so its
// peak RSS is the analysis's alone. Uses the sandbox at LADING_SANDBOX_DIR
// (default /tmp/lading-bench-layers, started if needed); the image is built
// there once.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

process.env.LADING_SANDBOX_DIR ??= '/tmp/lading-bench-layers';
const runs = Number(process.env.BENCH_RUNS ?? 3);
execFileSync('bash', ['scripts/sandbox.sh', 'start'], { stdio: 'inherit' });
const { sandboxEnv, dockerCli } = await import('../tests/support/sandbox');
const env = sandboxEnv();
const IMAGE = process.env.BENCH_IMAGE ?? 'bench/layers:100k';

/** A RUN step writing COUNT small files under DIR in folders of 1,000 (busybox sh). */
const write = (dir: string, count: number, tag: string) =>
  `RUN d=0; while [ $d -lt ${count / 1000} ]; do mkdir -p ${dir}/d$d; f=0; ` +
  `while [ $f -lt 1000 ]; do echo "${tag} $d $f" > ${dir}/d$d/f$f; f=$((f+1)); done; d=$((d+1)); done`;

if (IMAGE === 'bench/layers:100k' && !(await dockerCli(env, 'images', '-q', IMAGE)).trim()) {
  const ctx = mkdtempSync(join(tmpdir(), 'lading-bench-layers-'));
  writeFileSync(
    join(ctx, 'Dockerfile'),
    [
      'FROM fixture/busybox:1',
      write('/one', 40_000, 'first'),
      write('/two', 20_000, 'second'),
      // overwrite 10,000 files of layer 1, delete 10,000 more
      `${write('/one', 10_000, 'rewritten')} && rm -rf /one/d10 /one/d11 /one/d12 /one/d13 /one/d14 /one/d15 /one/d16 /one/d17 /one/d18 /one/d19`,
      write('/three', 20_000, 'third'),
      `${write('/four', 10_000, 'fourth')} && rm -rf /two/d0 /two/d1 /two/d2 /two/d3 /two/d4`,
      '',
    ].join('\n'),
  );
  console.log(`building ${IMAGE} (~100,000 files over 5 layers; a few minutes)…`);
  await dockerCli(env, 'build', '-q', '-t', IMAGE, ctx);
  rmSync(ctx, { recursive: true, force: true });
}

const cliRead = (): number => {
  const t = performance.now();
  execFileSync('bash', ['-c', `set -o pipefail; docker save ${IMAGE} | tar -t > /dev/null`], {
    env: { ...process.env, DOCKER_HOST: env.dockerHost },
  });
  return performance.now() - t;
};

interface WorkerResult {
  firstMs: number;
  secondMs: number;
  cached: boolean;
  paths: number;
  files: number;
  wastedBytes: number;
  maxRssBytes: number;
}
const lading = (): { wallMs: number; r: WorkerResult } => {
  const t = performance.now();
  const out = spawnSync(process.execPath, ['--import', 'tsx', 'bench/layersWorker.mts', IMAGE], {
    env: { ...process.env, DOCKER_HOST: env.dockerHost },
    encoding: 'utf8',
  });
  if (out.status !== 0) throw new Error(`worker failed: ${out.stderr}`);
  return { wallMs: performance.now() - t, r: JSON.parse(out.stdout.trim().split('\n').at(-1)!) as WorkerResult };
};

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const cli: number[] = [];
const ours: WorkerResult[] = [];
const loads: number[] = [];
cliRead(); // warm the engine's caches for both sides alike
for (let i = 0; i < runs; i++) {
  loads.push(loadavg()[0]!);
  cli.push(cliRead());
  ours.push(lading().r);
  console.log(`run ${i + 1}: docker save | tar -t ${cli[i]!.toFixed(0)} ms, Lading ${ours[i]!.firstMs.toFixed(0)} ms`);
}
const cliMs = median(cli);
const ladingMs = median(ours.map((o) => o.firstMs));
const last = ours.at(-1)!;
console.log(
  `\nimage ${IMAGE}: ${last.paths} paths, ${last.files} file entries in 5 layers, ${last.wastedBytes} bytes wasted`,
);
console.log(`docker save | tar -t   median ${cliMs.toFixed(0)} ms`);
console.log(
  `Lading analysis        median ${ladingMs.toFixed(0)} ms  (ratio ${(ladingMs / cliMs).toFixed(2)}×, goal ≤ 1.5×)`,
);
console.log(
  `peak RSS               ${(Math.max(...ours.map((o) => o.maxRssBytes)) / 2 ** 20).toFixed(0)} MiB (goal < 300 MB)`,
);
console.log(
  `second open            median ${median(ours.map((o) => o.secondMs)).toFixed(1)} ms (cached: ${last.cached}; goal < 100 ms)`,
);
console.log(`load average (1 min)   ${loads.map((l) => l.toFixed(1)).join(', ')} on ${runs} runs`);

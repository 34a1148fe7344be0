// `npm run bench:pull`: pulls a ~500 MB, 10-layer image (incompressible
// layers) from the sandbox's loopback registry through Lading's backend and
// with `docker pull`, alternating, on the same engine, removing the image
// between runs. Reports median wall times and their ratio (goal ≤ 1.05),
// progress frames delivered per second per pull (goal ≤ 20; the final state
// always arrives with the result), the backend's peak RSS (goal < 150 MB),
// and three pulls at once both ways.
//
// The backend runs as its own process (serve mode, `dist/serve/cli.cjs`),
// driven over its WebSocket as the renderer drives it. Uses the sandbox in
// LADING_SANDBOX_DIR (default /tmp/lading-bench-pull, started if needed).
// BENCH_RUNS (default 3), BENCH_LAYERS (10) and BENCH_LAYER_MIB (50) size it.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { processMemory, startServe } from '../tests/support/serveProcess';
import { TestWsClient } from '../tests/support/wsClient';

process.env.LADING_SANDBOX_DIR ??= '/tmp/lading-bench-pull';
const runs = Number(process.env.BENCH_RUNS ?? 3);
const layerCount = Number(process.env.BENCH_LAYERS ?? 10);
const layerMib = Number(process.env.BENCH_LAYER_MIB ?? 50);
execFileSync('bash', ['scripts/sandbox.sh', 'start'], { stdio: 'inherit' });
const { sandboxEnv, dockerCli } = await import('../tests/support/sandbox');
const env = sandboxEnv();

const repo = `${env.registry}/bench/pull`;
const image = `${repo}:${layerCount}x${layerMib}m`;
const copies = [1, 2, 3].map((n) => `${env.registry}/bench/pull-copy${n}:${layerCount}x${layerMib}m`);
const removeLocal = async (...refs: string[]) => {
  await dockerCli(env, 'rmi', '-f', ...refs).catch(() => '');
};

// The image lives only in the registry: build, push (and three copies for the concurrent phase), remove.
const inRegistry = await fetch(`http://${env.registry}/v2/bench/pull/manifests/${image.split(':').at(-1)}`, {
  method: 'HEAD',
}).then((r) => r.ok);
if (!inRegistry) {
  const ctx = mkdtempSync(join(tmpdir(), 'lading-bench-pull-'));
  const layers = Array.from({ length: layerCount }, (_, n) => `RUN head -c ${layerMib}m /dev/urandom > /layer${n}`);
  writeFileSync(join(ctx, 'Dockerfile'), `FROM fixture/busybox:1\n${layers.join('\n')}\n`);
  console.log(`building ${image} (${layerCount} × ${layerMib} MiB of random bytes)…`);
  await dockerCli(env, 'build', '-q', '-t', image, ctx);
  rmSync(ctx, { recursive: true, force: true });
  await dockerCli(env, 'push', image);
  for (const copy of copies) {
    await dockerCli(env, 'tag', image, copy);
    await dockerCli(env, 'push', copy);
  }
}
await removeLocal(image, ...copies);

const serve = await startServe(env.dockerHost);
const { port, searchParams } = new URL(serve.url);
const client = await TestWsClient.open(
  `ws://127.0.0.1:${port}/api?token=${searchParams.get('token')}`,
  `http://127.0.0.1:${port}`,
);
const pid = serve.pid;
const loadStart = loadavg()[0] ?? NaN;
writeFileSync(`/proc/${pid}/clear_refs`, '5');

let seq = 0;
/** One pull through the backend: wall time and the progress frames that reached the client. */
const pull = async (reference: string): Promise<{ ms: number; frames: number }> => {
  const operationId = `bench-${++seq}`;
  const t = performance.now();
  const reply = await client.call('images.pull', { reference }, operationId);
  if (!reply.ok) throw new Error(reply.error.message);
  const final = await client.waitFor(
    (m) => m.type === 'operation' && m.update.operationId === operationId && m.update.state !== 'running',
    3_600_000,
  );
  const ms = performance.now() - t;
  if (final.type === 'operation' && final.update.state !== 'succeeded') throw new Error(JSON.stringify(final.update));
  const frames = client.events.filter(
    (m) => m.type === 'operation' && m.update.operationId === operationId && m.update.state === 'running',
  ).length;
  return { ms, frames };
};
const cli = async (reference: string) => {
  const t = performance.now();
  await dockerCli(env, 'pull', '-q', reference);
  return performance.now() - t;
};
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

const lading: number[] = [];
const docker: number[] = [];
const fps: number[] = [];
for (let i = 0; i < runs; i++) {
  // Alternate which goes first, so neither always meets a warmer engine.
  const order = i % 2 === 0 ? ['lading', 'docker'] : ['docker', 'lading'];
  for (const who of order) {
    if (who === 'lading') {
      const r = await pull(image);
      lading.push(r.ms);
      fps.push(r.frames / (r.ms / 1000));
    } else docker.push(await cli(image));
    await removeLocal(image);
  }
}

// Three pulls at once (three names, same layers: the engine downloads each layer once),
// `runs` times each way, alternating which goes first like the single pulls.
const together: number[] = [];
const togetherCli: number[] = [];
for (let i = 0; i < runs; i++) {
  const order = i % 2 === 0 ? ['lading', 'docker'] : ['docker', 'lading'];
  for (const who of order) {
    const t = performance.now();
    await Promise.all(copies.map((c) => (who === 'lading' ? pull(c) : cli(c))));
    (who === 'lading' ? together : togetherCli).push(performance.now() - t);
    await removeLocal(...copies);
  }
}

const peak = processMemory(pid).peak;
client.close();
await serve.stop();
const mb = (b: number) => `${(b / 1e6).toFixed(0)} MB`;
console.log(`\npull of ${image} (${layerCount} layers × ${layerMib} MiB), ${runs} runs each, alternating`);
console.log(
  `  Lading median  ${(median(lading) / 1000).toFixed(2)} s   (${lading.map((x) => (x / 1000).toFixed(2)).join(', ')})`,
);
console.log(
  `  docker median  ${(median(docker) / 1000).toFixed(2)} s   (${docker.map((x) => (x / 1000).toFixed(2)).join(', ')})`,
);
console.log(`  ratio          ${(median(lading) / median(docker)).toFixed(3)}   (goal ≤ 1.05)`);
console.log(`  frames/s/pull  ${median(fps).toFixed(1)}   (goal ≤ 20)`);
const secs = (xs: number[]) => xs.map((x) => (x / 1000).toFixed(2)).join(', ');
console.log(
  `  3 at once      Lading median ${(median(together) / 1000).toFixed(2)} s (${secs(together)}), docker ${(median(togetherCli) / 1000).toFixed(2)} s (${secs(togetherCli)}), ratio ${(median(together) / median(togetherCli)).toFixed(3)}`,
);
console.log(`  backend peak RSS ${mb(peak)}   (goal < 150 MB)`);
console.log(`  load average   ${loadStart.toFixed(1)} → ${(loadavg()[0] ?? NaN).toFixed(1)} (1 min)`);

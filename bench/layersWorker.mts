// Child process of bench/layers.mts: analyses IMAGE twice through the same
// code the app uses (engine stream → layer reader → waste), prints one JSON
// line with both times and this process's peak RSS.
import { performance } from 'node:perf_hooks';
import { createDockerClient } from '../electron/engine/host';
import { analyzeImage } from '../electron/engine/layers/analyze';

const image = process.argv[2]!;
const docker = createDockerClient(process.env.DOCKER_HOST!);
const signal = new AbortController().signal;
const t0 = performance.now();
const first = await analyzeImage(docker, image, { signal });
const firstMs = performance.now() - t0;
const t1 = performance.now();
const second = await analyzeImage(docker, image, { signal });
const secondMs = performance.now() - t1;
process.stdout.write(
  `${JSON.stringify({
    firstMs,
    secondMs,
    cached: second.summary.cached,
    paths: first.summary.paths,
    files: first.summary.layers.reduce((n, l) => n + l.files, 0),
    wastedBytes: first.summary.wastedBytes,
    maxRssBytes: process.resourceUsage().maxRSS * 1024,
  })}\n`,
);

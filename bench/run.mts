// `npm run bench`: Lading's backend against the docker CLI on the same
// sandbox engine, alternating runs in one process, reporting ratios.
//   - images.list (what the table loads)  vs  docker images --no-trunc
//   - images.save of a ~317 MB image      vs  docker save -o
// Starts the sandbox itself (LADING_SANDBOX_DIR, default /tmp/lading-bench).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createBackend } from '../electron/backend';
import type { Session } from '../electron/api/dispatcher';
import type { EventMessage } from '../shared/contract/protocol';

process.env.LADING_SANDBOX_DIR ??= '/tmp/lading-bench';
execFileSync('bash', ['scripts/sandbox.sh', 'start'], { stdio: 'inherit' });
const { sandboxEnv, dockerCli } = await import('../tests/support/sandbox');
const env = sandboxEnv();

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
const time = async (fn: () => Promise<unknown>) => {
  const t = performance.now();
  await fn();
  return performance.now() - t;
};

const backend = createBackend({
  engineHost: env.dockerHost,
  host: {
    info: {
      mode: 'serve',
      nativeDialogs: false,
      defaultDirectory: tmpdir(),
      platform: process.platform,
      appVersion: 'bench',
    },
  },
});
const events: EventMessage[] = [];
const session: Session = backend.dispatcher.openSession({ send: (m) => void events.push(m) });
while (backend.monitor.state.status !== 'connected') await new Promise((r) => setTimeout(r, 50));

let id = 0;
const list = async () => {
  const r = await session.handle({ type: 'call', id: ++id, method: 'images.list', args: {} });
  if (!r.ok) throw new Error(r.error.message);
  return r.value as unknown[];
};
const save = async (path: string) => {
  const operationId = `bench-${++id}`;
  await session.handle({
    type: 'call',
    id,
    method: 'images.save',
    args: { references: ['fixture/big:1'], path, overwrite: true },
    operationId,
  });
  for (;;) {
    const final = events.find(
      (m) => m.type === 'operation' && m.update.operationId === operationId && m.update.state !== 'running',
    );
    if (final) {
      if (final.type === 'operation' && final.update.state !== 'succeeded')
        throw new Error(JSON.stringify(final.update));
      return;
    }
    await new Promise((r) => setTimeout(r, 5));
  }
};

const count = (await list()).length;
const listRuns = 15;
const ours: number[] = [];
const cli: number[] = [];
for (let i = 0; i < listRuns; i++) {
  ours.push(await time(list));
  cli.push(await time(() => dockerCli(env, 'images', '--no-trunc')));
}

const dir = mkdtempSync(join(tmpdir(), 'lading-bench-'));
const saveRuns = 5;
const oursSave: number[] = [];
const cliSave: number[] = [];
let peakRss = 0;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 20);
const rssBefore = process.memoryUsage().rss;
for (let i = 0; i < saveRuns; i++) {
  oursSave.push(await time(() => save(join(dir, 'ours.tar'))));
  cliSave.push(await time(() => dockerCli(env, 'save', '-o', join(dir, 'cli.tar'), 'fixture/big:1')));
}
clearInterval(sampler);
rmSync(dir, { recursive: true, force: true });
session.close();
backend.dispose();

const ms = (x: number) => `${x.toFixed(1)} ms`;
const mb = (x: number) => `${(x / 1e6).toFixed(0)} MB`;
const rows = [
  [
    'images.list vs `docker images --no-trunc`',
    `${count} images`,
    ms(median(ours)),
    ms(median(cli)),
    (median(ours) / median(cli)).toFixed(2),
  ],
  [
    'images.save vs `docker save -o` (fixture/big:1, 317 MB)',
    '1 image',
    ms(median(oursSave)),
    ms(median(cliSave)),
    (median(oursSave) / median(cliSave)).toFixed(2),
  ],
];
console.log(
  `\nLading bench — ${new Date().toISOString()} — node ${process.version}, ${process.platform}, engine ${backend.monitor.state.engine?.version ?? '?'}`,
);
console.log('| what | size | Lading (median) | docker CLI (median) | ratio |');
console.log('|---|---|---|---|---|');
for (const r of rows) console.log(`| ${r.join(' | ')} |`);
console.log(`\nbackend RSS during saves: peak ${mb(peakRss)} (before: ${mb(rssBefore)})`);
console.log('The CLI times include starting the docker process; ratios < 1 mean Lading was faster.');

#!/usr/bin/env node
// `npm test`: every check in one run, with the real engine stack it needs.
//   lint → typecheck → build → unit → sandbox up → integration → e2e → sandbox down
// Prints one closing line "tests: N passed, N failed" counted from the
// runners' JSON reports. Stages after a failed one still run where they can,
// so one run shows every problem; the exit code is non-zero if any failed.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const out = '.test-output';
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });

const sandboxDir = process.env.LADING_SANDBOX_DIR ?? '/tmp/lading-sandbox-test';
const env = { ...process.env, LADING_SANDBOX_DIR: sandboxDir, FORCE_COLOR: '0' };
const failures = [];
let passed = 0;
let failed = 0;

const step = (name, cmd, args, opts = {}) => {
  const started = Date.now();
  process.stdout.write(`\n=== ${name}: ${cmd} ${args.join(' ')}\n`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', env, ...opts });
  const ok = r.status === 0;
  process.stdout.write(
    `=== ${name}: ${ok ? 'ok' : `FAILED (exit ${r.status ?? r.signal})`} in ${((Date.now() - started) / 1000).toFixed(1)} s\n`,
  );
  if (!ok) failures.push(name);
  return ok;
};

const countVitest = (file) => {
  if (!existsSync(file)) return false;
  const r = JSON.parse(readFileSync(file, 'utf8'));
  passed += r.numPassedTests ?? 0;
  failed += (r.numFailedTests ?? 0) + (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
  return true;
};

const countPlaywright = (file) => {
  if (!existsSync(file)) return false;
  const s = JSON.parse(readFileSync(file, 'utf8')).stats ?? {};
  passed += (s.expected ?? 0) + (s.flaky ?? 0);
  failed += (s.unexpected ?? 0) + (s.skipped ?? 0);
  return true;
};

step('lint', 'npm', ['run', '--silent', 'lint']);
step('typecheck', 'npm', ['run', '--silent', 'typecheck']);
const built = step('build', 'npm', ['run', '--silent', 'build']);

const unitJson = join(out, 'unit.json');
step('unit', 'npx', [
  'vitest',
  'run',
  '--project',
  'unit',
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${unitJson}`,
]);
if (!countVitest(unitJson)) failures.push('unit (no report)');

const sandboxUp = step('sandbox start', 'bash', ['scripts/sandbox.sh', 'start', '--podman']);
try {
  if (sandboxUp) {
    const intJson = join(out, 'integration.json');
    step('integration', 'npx', [
      'vitest',
      'run',
      '--project',
      'integration',
      '--reporter=default',
      '--reporter=json',
      `--outputFile.json=${intJson}`,
    ]);
    if (!countVitest(intJson)) failures.push('integration (no report)');

    if (built) {
      const e2eJson = join(out, 'e2e.json');
      step('e2e', 'npx', ['playwright', 'test'], { env: { ...env, PLAYWRIGHT_JSON_OUTPUT_NAME: e2eJson } });
      if (!countPlaywright(e2eJson)) failures.push('e2e (no report)');
    } else failures.push('e2e (not run: build failed)');
  } else failures.push('integration and e2e (not run: no sandbox)');
} finally {
  step('sandbox stop', 'bash', ['scripts/sandbox.sh', 'stop', '--clean']);
}

process.stdout.write(`\n${failures.length ? `Failed stages: ${failures.join(', ')}\n` : 'All stages passed.\n'}`);
process.stdout.write(`tests: ${passed} passed, ${failed} failed\n`);
process.exit(failures.length || failed ? 1 : 0);

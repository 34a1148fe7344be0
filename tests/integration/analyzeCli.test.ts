import { execFile } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dockerCli, sandboxEnv } from '../support/sandbox';
import { ADDED_BYTES, baseFileBytes, buildWasteImage, WASTE_BYTES } from '../support/wasteImage';

const env = sandboxEnv();
const IMAGE = 'test/analyze-cli:1';
let base: number;

/** `npm run -s analyze -- ARGS` as CI runs it: its exit code, stdout and stderr. */
const analyze = (...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> =>
  new Promise((resolve) => {
    execFile(
      'npm',
      ['run', '-s', 'analyze', '--', ...args],
      { env: { ...process.env, DOCKER_HOST: env.dockerHost }, maxBuffer: 16 * 1024 * 1024 },
      (err, stdout, stderr) => resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });

beforeAll(async () => {
  await buildWasteImage(env, IMAGE);
  base = await baseFileBytes(env);
});

afterAll(async () => {
  await dockerCli(env, 'rmi', IMAGE).catch(() => '');
});

describe('npm run analyze', () => {
  it('--json prints exactly one object with the report and nothing else', async () => {
    const { code, stdout } = await analyze(IMAGE, '--json');
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as Record<string, unknown>;
    expect(Object.keys(report).sort()).toEqual([
      'efficiency',
      'image',
      'layers',
      'totalBytes',
      'wasted',
      'wastedBytes',
    ]);
    expect(report).toMatchObject({ image: IMAGE, totalBytes: base + ADDED_BYTES, wastedBytes: WASTE_BYTES });
    const layers = report.layers as { digest: string; command: string; files: number; bytes: number }[];
    expect(layers).toHaveLength(5);
    for (const l of layers) expect(Object.keys(l).sort()).toEqual(['bytes', 'command', 'digest', 'files']);
    expect(layers[2]).toMatchObject({ files: 2, bytes: 2200 });
    expect(report.wasted).toEqual([
      { path: '/h2', bytes: 4000, layer: 1 },
      { path: '/data/b', bytes: 2000, layer: 1 },
      { path: '/data/a', bytes: 1000, layer: 1 },
      { path: '/tmpfile', bytes: 700, layer: 2 },
      { path: '/o/x', bytes: 300, layer: 1 },
    ]);
  });

  it('exits 1 above a threshold and 0 within it', async () => {
    const pct = (WASTE_BYTES / (base + ADDED_BYTES)) * 100;
    expect((await analyze(IMAGE, '--max-waste', String(pct / 2))).code).toBe(1);
    expect((await analyze(IMAGE, '--max-waste', String(pct * 2))).code).toBe(0);
    const tooStrict = await analyze(IMAGE, '--json', '--min-efficiency', '0.9999');
    expect(tooStrict.code).toBe(1);
    expect(tooStrict.stderr).toContain('below --min-efficiency');
    expect(JSON.parse(tooStrict.stdout)).toMatchObject({ wastedBytes: WASTE_BYTES });
    expect((await analyze(IMAGE, '--min-efficiency', '90%')).code).toBe(0);
  });

  it('the human report explains each wasted path', async () => {
    const { code, stdout } = await analyze(IMAGE);
    expect(code).toBe(0);
    expect(stdout).toContain('/tmpfile: written in layer 3, deleted in layer 4');
    expect(stdout).toContain('/o/x: written in layer 2, hidden by an opaque folder in layer 4');
  });

  it('exits 2 on a missing image or wrong arguments, with nothing on stdout', async () => {
    const missing = await analyze('test/no-such-image:1', '--json');
    expect(missing.code).toBe(2);
    expect(missing.stdout).toBe('');
    expect(missing.stderr).toContain('test/no-such-image:1');
    expect((await analyze()).code).toBe(2);
    expect((await analyze(IMAGE, '--max-waste', 'lots')).code).toBe(2);
  });
});

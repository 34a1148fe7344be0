import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Backend } from '../../electron/backend';
import type { Session } from '../../electron/api/dispatcher';
import type { ImageHistory } from '../../shared/contract/inspectModels';
import { callOk, openBackend } from '../support/backendSession';
import { dockerBuild, dockerCli, sandboxEnv } from '../support/sandbox';

const env = sandboxEnv();
const run = promisify(execFile);
const TAG = `lading-test/history:${Date.now().toString(36)}`;

describe('inspect.history on the real engine', () => {
  let backend: Backend;
  let session: Session;
  const dir = mkdtempSync(join(tmpdir(), 'lading-history-'));

  beforeAll(async () => {
    ({ backend, session } = await openBackend(env.dockerHost));
  });
  afterAll(async () => {
    session?.close();
    backend?.dispose();
    await dockerCli(env, 'rmi', TAG).catch(() => {});
    rmSync(dir, { recursive: true, force: true });
  });

  it('matches docker history --no-trunc and ties each writing step to its layer', async () => {
    const history = (await callOk(session, 'inspect.history', { reference: 'fixture/app:2.0' })) as ImageHistory;
    const cli = (
      await dockerCli(env, 'history', '--no-trunc', '--format', '{{.ID}}\t{{.CreatedBy}}', 'fixture/app:2.0')
    )
      .split('\n')
      .filter((l) => l !== '')
      .map((l) => [l.slice(0, l.indexOf('\t')), l.slice(l.indexOf('\t') + 1)]);
    expect(history.entries.map((e) => [e.id, e.createdBy])).toEqual(cli);
    const layers = (await dockerCli(env, 'inspect', '-f', '{{len .RootFS.Layers}}', 'fixture/app:2.0')).trim();
    expect(history.layersMatched).toBe(true);
    const numbered = history.entries.filter((e) => e.layer !== null).map((e) => e.layer);
    expect(numbered).toEqual(Array.from({ length: Number(layers) }, (_, i) => Number(layers) - i));
    // WORKDIR /app created the folder: a layer of its own, though 0 bytes.
    expect(history.entries.find((e) => e.createdBy.includes('WORKDIR /app'))?.layer).toBe(2);
    expect(history.entries.find((e) => e.createdBy.includes('ENV APP_VERSION'))?.layer).toBeNull();
  });

  it('works out the layers of steps built elsewhere (<missing>) from the layer count', async () => {
    await dockerBuild(
      env,
      TAG,
      'FROM fixture/busybox:1\nWORKDIR /w\nENV X=1\nRUN echo hi > /w/f\nLABEL nonce=' + Date.now() + '\nCMD ["sh"]\n',
    );
    // Saved and loaded back without its build cache: the steps' own images are gone.
    const tar = join(dir, 'h.tar');
    await dockerCli(env, 'save', '-o', tar, TAG);
    await dockerCli(env, 'rmi', TAG);
    await run('docker', ['load', '-i', tar], { env: { ...process.env, DOCKER_HOST: env.dockerHost } });
    const history = (await callOk(session, 'inspect.history', { reference: TAG })) as ImageHistory;
    expect(history.entries.filter((e) => e.id === '<missing>').length).toBeGreaterThan(0);
    expect(history.layersMatched).toBe(true);
    const step = (text: string) => history.entries.find((e) => e.createdBy.includes(text));
    expect(step('WORKDIR /w')?.layer).toBe(2);
    expect(step('echo hi')?.layer).toBe(3);
    expect(step('ENV X=1')?.layer).toBeNull();
    expect(step('CMD ["sh"]')?.layer).toBeNull();
  });
});

import { describe, expect, it } from 'vitest';
import { createReadStream, createWriteStream, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeToSink } from '../../electron/engine/archives/atomicFile';
import { rawEngineGet } from '../../electron/engine/archives/engineStream';
import { toApiError } from '../../electron/engine/errors';
import { createDockerClient } from '../../electron/engine/host';
import { cliSave, digest } from '../support/cliSave';
import { sandboxEnv } from '../support/sandbox';

const env = sandboxEnv();
const docker = createDockerClient(env.dockerHost);

describe("engine downloads over Lading's own connection (engineStream.ts)", () => {
  it('written out with its chunks reused (a download in serve mode), the archive is still exactly what `docker save` gives', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lading-engine-stream-'));
    try {
      const path = join(dir, 'big.tar');
      const signal = new AbortController().signal;
      await writeToSink(
        () => rawEngineGet(docker, '/images/get?names=fixture%2Fbig%3A1', signal),
        [],
        () => createWriteStream(path),
        signal,
        true,
      );
      expect(await digest(createReadStream(path))).toEqual(await cliSave(env, 'fixture/big:1'));
      expect(readdirSync(dir)).toEqual(['big.tar']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("an engine refusal carries the engine's status and sentence, as through dockerode", async () => {
    const err = await rawEngineGet(
      docker,
      '/images/get?names=fixture%2Fno-such%3A1',
      new AbortController().signal,
    ).catch((e: unknown) => e);
    const api = toApiError(err);
    expect(api.code).toBe('NOT_FOUND');
    expect(api.message).toMatch(/reference does not exist/);
  });

  it('a cancel mid-stream ends the body with an abort and closes the connection', async () => {
    const ac = new AbortController();
    const body = await rawEngineGet(docker, '/images/get?names=fixture%2Fbig%3A1', ac.signal);
    let got = 0;
    const err = await (async () => {
      for await (const chunk of body) {
        got += (chunk as Buffer).length;
        if (got > 0) ac.abort();
      }
    })().catch((e: unknown) => e);
    expect(toApiError(err).code).toBe('CANCELLED');
    expect(body.destroyed).toBe(true);
  });

  it('an engine that is not there is said so', async () => {
    const gone = createDockerClient('unix:///tmp/lading-no-engine-here.sock');
    const err = await rawEngineGet(gone, '/images/get?names=x', new AbortController().signal).catch((e: unknown) => e);
    expect(toApiError(err).code).toBe('ENGINE_UNREACHABLE');
  });
});

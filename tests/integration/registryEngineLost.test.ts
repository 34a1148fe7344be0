import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Session } from '../../electron/api/dispatcher';
import type { Backend } from '../../electron/backend';
import type { ApiErrorData } from '../../shared/contract/errors';
import type { EventMessage } from '../../shared/contract/protocol';
import { openBackend } from '../support/backendSession';
import { dockerBuild, dockerCli, sandboxCommand, sandboxEnv } from '../support/sandbox';
import { startSearchServer } from '../support/searchServer';

const env = sandboxEnv();
const run = `l${Date.now().toString(36)}`;

describe('the engine stops in the middle of a pull', () => {
  let backend: Backend;
  let session: Session;
  const events: EventMessage[] = [];

  beforeAll(async () => {
    ({ backend } = await openBackend(env.dockerHost));
    session = backend.dispatcher.openSession({ send: (m) => void events.push(m) });
  });
  afterAll(async () => {
    await sandboxCommand('engine-start');
    backend?.dispose();
  });

  it('fails with "the engine stopped answering", never success', async () => {
    const ref = `${env.registry}/${run}/lost:1`;
    await dockerBuild(env, ref, `FROM fixture/busybox:1\nRUN head -c 20000000 /dev/urandom > /a # ${run}`);
    await dockerCli(env, 'push', ref);
    await dockerCli(env, 'rmi', ref);
    // The registry behind a slow pass-through, so the pull is surely still running when the engine stops.
    const slow = await startSearchServer({ registry: env.registry, blobBytesPerSecond: 500_000 });
    try {
      const operationId = 'lost-1';
      const reply = await session.handle({
        type: 'call',
        id: 1,
        method: 'images.pull',
        args: { reference: `${slow.host}/${run}/lost:1` },
        operationId,
      });
      expect(reply.ok).toBe(true);
      const mine = () =>
        events
          .filter((m) => m.type === 'operation' && m.update.operationId === operationId)
          .map((m) => (m.type === 'operation' ? m.update : null));
      const deadline = Date.now() + 60_000;
      while (!mine().some((u) => u?.state === 'running' && JSON.stringify(u.progress).includes('downloading'))) {
        if (Date.now() > deadline) throw new Error('the pull never started downloading');
        await new Promise((r) => setTimeout(r, 50));
      }
      await sandboxCommand('engine-stop');
      let final = mine().find((u) => u?.state !== 'running');
      while (!final) {
        if (Date.now() > deadline + 60_000) throw new Error('no final update');
        await new Promise((r) => setTimeout(r, 50));
        final = mine().find((u) => u?.state !== 'running');
      }
      expect(final?.state).toBe('failed');
      expect((final as { error: ApiErrorData }).error).toMatchObject({
        code: 'ENGINE_UNREACHABLE',
        details: { kind: 'lost' },
      });
    } finally {
      await slow.close();
    }
  });
});

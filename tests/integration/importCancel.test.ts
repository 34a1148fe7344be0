import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import tar from 'tar-stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Session } from '../../electron/api/dispatcher';
import type { Backend } from '../../electron/backend';
import type { OperationUpdate } from '../../shared/contract/events';
import type { EventMessage } from '../../shared/contract/protocol';
import { openBackend } from '../support/backendSession';
import { dockerCli, sandboxEnv } from '../support/sandbox';

const env = sandboxEnv();
const run = `i${Date.now().toString(36)}`;

/** A root file system of about 2 MB (random bytes in one file), as `tar -c` makes it. */
const makeRootfs = async (): Promise<Buffer> => {
  const { randomBytes } = await import('node:crypto');
  const pack = tar.pack();
  pack.entry({ name: 'data.bin', mode: 0o644 }, randomBytes(2 * 1024 * 1024));
  pack.finalize();
  const chunks: Buffer[] = [];
  for await (const c of pack) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
};

/**
 * A loopback web server whose first download of /held.tar sends half the
 * tarball and then waits for `release()`; later downloads get it whole.
 * No timing: the test decides when the engine's download may finish.
 */
const heldServer = async (body: Buffer) => {
  let held: ServerResponse | undefined;
  let closedEarly = false;
  const server: Server = createServer((req, res) => {
    if (req.url !== '/held.tar') return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': 'application/x-tar', 'content-length': String(body.length) });
    if (held) return void res.end(body);
    held = res;
    res.write(body.subarray(0, body.length / 2));
    res.on('close', () => {
      if (!res.writableFinished) closedEarly = true;
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/held.tar`,
    release: () => held?.end(body.subarray(body.length / 2)),
    closedEarly: () => closedEarly,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
};

interface EngineEvent {
  Action: string;
  Actor: { ID: string; Attributes?: Record<string, string> };
}

/** The engine's image events between two instants, as `docker events --since --until` prints them. */
const imageEvents = async (since: number): Promise<EngineEvent[]> =>
  (
    await dockerCli(
      env,
      'events',
      '--since',
      String(since),
      '--until',
      String(Math.ceil(Date.now() / 1000)),
      '--filter',
      'type=image',
      '--format',
      '{{json .}}',
    )
  )
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as EngineEvent);

describe('cancelling an import from a URL the engine goes on downloading', () => {
  let backend: Backend;
  let session: Session;
  const events: EventMessage[] = [];
  let rootfs: Buffer;

  beforeAll(async () => {
    ({ backend } = await openBackend(env.dockerHost));
    session = backend.dispatcher.openSession({ send: (m) => void events.push(m) });
    rootfs = await makeRootfs();
  });
  afterAll(() => backend?.dispose());

  const updatesOf = (operationId: string): OperationUpdate[] =>
    events.flatMap((m) => (m.type === 'operation' && m.update.operationId === operationId ? [m.update] : []));
  const waitUntil = async (what: string, pred: () => boolean | Promise<boolean>, ms = 120_000) => {
    const deadline = Date.now() + ms;
    while (!(await pred())) {
      if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  };
  const exists = (ref: string) =>
    dockerCli(env, 'image', 'inspect', ref).then(
      () => true,
      () => false,
    );

  it('says cancelled at once, and removes the image the engine makes afterwards — only that one', async () => {
    const web = await heldServer(rootfs);
    const ref = `${run}/late:1`;
    const other = `${run}/other:1`;
    const since = Math.floor(Date.now() / 1000) - 1;
    try {
      const operationId = 'late-import';
      const reply = await session.handle({
        type: 'call',
        id: 1,
        method: 'images.import',
        args: { source: { kind: 'url', url: web.url }, reference: ref },
        operationId,
      });
      expect(reply.ok).toBe(true);
      // The engine has half the tarball.
      await waitUntil('the download shows progress', () =>
        updatesOf(operationId).some((u) => u.state === 'running' && (u.progress as { bytes: number }).bytes > 0),
      );
      await session.handle({ type: 'call', id: 2, method: 'operations.cancel', args: { operationId } });
      await waitUntil('the import ends', () => updatesOf(operationId).some((u) => u.state !== 'running'));
      expect(updatesOf(operationId).at(-1)?.state).toBe('cancelled');
      // Docker 20.10 did not hang up on the web server: its download goes on.
      expect(web.closedEarly()).toBe(false);

      // Meanwhile the user imports the same URL under another tag with the CLI: not ours, it stays.
      await dockerCli(env, 'import', web.url, other);
      web.release();

      // The engine finishes the cancelled download, imports and tags it; Lading removes exactly that image.
      let lateId = '';
      await waitUntil('the late image is imported and removed', async () => {
        const seen = await imageEvents(since);
        const tagged = seen.find((e) => e.Action === 'tag' && e.Actor.Attributes?.name === ref);
        lateId = tagged?.Actor.ID ?? '';
        return !!lateId && seen.some((e) => e.Action === 'delete' && e.Actor.ID === lateId);
      });
      expect(await exists(ref)).toBe(false);
      expect(await exists(other)).toBe(true);
      const otherId = (JSON.parse(await dockerCli(env, 'image', 'inspect', other)) as { Id: string }[])[0]?.Id;
      expect(otherId).not.toBe(lateId);
    } finally {
      await web.close();
      await dockerCli(env, 'rmi', ref, other).catch(() => '');
    }
  });

  it('importing the same URL again after a cancel: nothing the user now asks for is removed', async () => {
    const web = await heldServer(rootfs);
    const ref = `${run}/again:1`;
    const since = Math.floor(Date.now() / 1000) - 1;
    let secondId = '';
    let lateId = '';
    try {
      await session.handle({
        type: 'call',
        id: 4,
        method: 'images.import',
        args: { source: { kind: 'url', url: web.url }, reference: ref },
        operationId: 'again-first',
      });
      await waitUntil('the download shows progress', () =>
        updatesOf('again-first').some((u) => u.state === 'running' && (u.progress as { bytes: number }).bytes > 0),
      );
      await session.handle({ type: 'call', id: 5, method: 'operations.cancel', args: { operationId: 'again-first' } });
      await waitUntil('the import ends', () => updatesOf('again-first').some((u) => u.state !== 'running'));

      // The user tries again in Lading: same URL, same tag (this download gets the whole file at once).
      await session.handle({
        type: 'call',
        id: 6,
        method: 'images.import',
        args: { source: { kind: 'url', url: web.url }, reference: ref },
        operationId: 'again-second',
      });
      await waitUntil('the second import ends', () => updatesOf('again-second').some((u) => u.state !== 'running'));
      const second = updatesOf('again-second').at(-1);
      expect(second?.state).toBe('succeeded');
      secondId = (second as { result: { id: string } }).result.id;

      // Now the cancelled download finishes too: the engine imports it and moves the tag to it.
      web.release();
      await waitUntil('the late image is tagged', async () => {
        const seen = await imageEvents(since);
        lateId =
          seen.find((e) => e.Action === 'tag' && e.Actor.Attributes?.name === ref && e.Actor.ID !== secondId)?.Actor
            .ID ?? '';
        return !!lateId;
      });
      // Lading stopped watching when the same URL was imported again: it removes neither image.
      // (A removal would come within a second of the tag; give it three.)
      await new Promise((r) => setTimeout(r, 3000));
      const deleted = (await imageEvents(since)).filter((e) => e.Action === 'delete').map((e) => e.Actor.ID);
      expect(deleted).not.toContain(lateId);
      expect(deleted).not.toContain(secondId);
      expect(await exists(ref)).toBe(true);
      expect(await exists(secondId)).toBe(true);
    } finally {
      await web.close();
      await dockerCli(env, 'rmi', '-f', ref, ...[secondId, lateId].filter(Boolean)).catch(() => '');
    }
  });

  it('an import that is not cancelled keeps its image', async () => {
    const web = await heldServer(rootfs);
    const ref = `${run}/kept:1`;
    try {
      const operationId = 'kept-import';
      await session.handle({
        type: 'call',
        id: 3,
        method: 'images.import',
        args: { source: { kind: 'url', url: web.url }, reference: ref, message: 'kept' },
        operationId,
      });
      await waitUntil('the download shows progress', () =>
        updatesOf(operationId).some((u) => u.state === 'running' && (u.progress as { bytes: number }).bytes > 0),
      );
      web.release();
      await waitUntil('the import ends', () => updatesOf(operationId).some((u) => u.state !== 'running'));
      expect(updatesOf(operationId).at(-1)?.state).toBe('succeeded');
      expect(await exists(ref)).toBe(true);
    } finally {
      await web.close();
      await dockerCli(env, 'rmi', ref).catch(() => '');
    }
  });
});

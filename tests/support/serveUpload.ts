import { expect } from 'vitest';
import type { EventMessage } from '../../shared/contract/protocol';
import type { SourceServe } from './serveSource';
import type { TestWsClient } from './wsClient';

type OperationUpdate = Extract<EventMessage, { type: 'operation' }>['update'];

/** `p`, or a failure as soon as the backend process ends (its answers would never come). */
export const whileAlive = <T>(serve: SourceServe, p: Promise<T>): Promise<T> =>
  Promise.race([
    p,
    serve.exited.then((code) => {
      throw new Error(`backend exited (${code})\n${serve.output()}`);
    }),
  ]);

let seq = 0;

/**
 * The browser's part of a load in serve mode: announce the upload, start
 * `images.load` on it, POST the bytes; resolves with the operation's final
 * update (succeeded, failed or cancelled).
 */
export const loadUpload = async (
  serve: SourceServe,
  client: TestWsClient,
  bytes: Buffer,
  name = 'archive.tar',
): Promise<OperationUpdate> => {
  const created = await whileAlive(serve, client.call('uploads.create', { name, size: bytes.length }));
  if (!created.ok) throw new Error(created.error.message);
  const { uploadId, path } = created.value as { uploadId: string; path: string };
  const operationId = `upload-load-${process.pid}-${++seq}`;
  const started = await whileAlive(
    serve,
    client.call('images.load', { source: { kind: 'upload', uploadId } }, operationId),
  );
  expect(started.ok).toBe(true);
  // A load refused early answers the POST with an error or cuts it: the operation says why.
  await fetch(`${serve.origin}${path}?token=${serve.token}`, { method: 'POST', body: bytes }).catch(() => undefined);
  const final = (await whileAlive(
    serve,
    client.waitFor(
      (m) => m.type === 'operation' && m.update.operationId === operationId && m.update.state !== 'running',
      120_000,
    ),
  )) as Extract<EventMessage, { type: 'operation' }>;
  return final.update;
};

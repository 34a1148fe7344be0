import type Docker from 'dockerode';
import { ApiError } from '../../../shared/contract/errors';
import type { PushResult, TransferProgress } from '../../../shared/contract/methods/registries';
import { withDefaultTag } from '../../../shared/contract/reference';
import { registryOf } from './classify';
import { streamEngine } from './engineStream';
import type { EngineAuth } from './services';
import { TransferModel } from './transferModel';

/**
 * `docker push NAME:TAG` with per-layer progress. The engine needs the
 * X-Registry-Auth header even for an anonymous push (an empty login).
 */
export const pushImage = async (
  docker: Docker,
  opts: {
    reference: string;
    auth: (registry: string) => Promise<EngineAuth | undefined>;
    signal: AbortSignal;
    onProgress: (p: TransferProgress) => void;
  },
): Promise<PushResult> => {
  const reference = withDefaultTag(opts.reference);
  const colon = reference.lastIndexOf(':');
  const name = reference.slice(0, colon);
  const tag = reference.slice(colon + 1);
  // An image with no such local tag: say so before asking the registry.
  await docker
    .getImage(reference)
    .inspect()
    .catch(() => {
      throw new ApiError('NOT_FOUND', `there is no local image tagged ${reference}`, { kind: 'localImage', reference });
    });
  const model = new TransferModel(reference);
  let last = 0;
  await streamEngine(docker, {
    path: `/images/${encodeURIComponent(name)}/push`,
    query: { tag },
    auth: (await opts.auth(registryOf(reference))) ?? {},
    reference,
    signal: opts.signal,
    onMessage: (m) => {
      const failure = model.apply(m);
      const now = Date.now();
      if (now - last >= 50) {
        last = now;
        opts.onProgress(model.snapshot(now));
      }
      return failure;
    },
  });
  opts.onProgress(model.snapshot());
  const aux = model.pushDigest;
  if (!aux?.Digest) {
    throw new ApiError('ENGINE_UNREACHABLE', 'the engine closed the push before it finished', {
      kind: 'lost',
      reference,
    });
  }
  return {
    reference,
    digest: aux.Digest,
    ...(aux.Size !== undefined ? { size: aux.Size } : {}),
    final: model.snapshot(),
  };
};

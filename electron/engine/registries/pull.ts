import type Docker from 'dockerode';
import { ApiError } from '../../../shared/contract/errors';
import type { EngineKind } from '../../../shared/contract/models';
import type { PullResult, TransferProgress } from '../../../shared/contract/methods/registries';
import { parseReference } from '../../../shared/contract/reference';
import { toApiError } from '../errors';
import { registryOf } from './classify';
import { streamEngine } from './engineStream';
import type { EngineAuth } from './services';
import { TransferModel } from './transferModel';

export interface PullOptions {
  reference: string;
  allTags?: boolean;
  platform?: string;
  auth: (registry: string) => Promise<EngineAuth | undefined>;
  /** Mirror hosts for Docker Hub names, tried in order before Docker Hub itself. */
  mirrors?: string[];
  signal: AbortSignal;
  onProgress: (p: TransferProgress) => void;
  /**
   * Podman's Docker-compatible API ends a pull without Docker's "Status: …"
   * and "Digest: …" lines and sends no byte counts (Podman 4.3): its
   * stream's proper end is the end, and the ID and digest come from inspect.
   */
  engineKind?: EngineKind;
}

/** How often a snapshot of the layer rows is built (the operation throttle coalesces further). */
const SNAPSHOT_MS = 50;

/** name, tag and digest as the engine's `/images/create` takes them. */
export const splitPullReference = (reference: string, allTags: boolean) => {
  const parsed = parseReference(reference, { allowDigest: true });
  if (!parsed.ok) throw new ApiError('INVALID_ARGUMENT', `invalid reference: ${parsed.problem}`, { reference });
  const { domain, path, tag, digest } = parsed.value;
  const name = domain ? `${domain}/${path}` : path;
  return { name, domain, path, tag: digest ?? tag ?? (allTags ? undefined : 'latest'), digest };
};

/** One `POST /images/create` with progress; resolves to what the stream said at its end. */
const pullOnce = async (
  docker: Docker,
  reference: string,
  opts: PullOptions,
  emit: (model: TransferModel, force: boolean) => void,
): Promise<{ digest?: string; upToDate: boolean; model: TransferModel }> => {
  const { name, tag } = splitPullReference(reference, opts.allTags ?? false);
  const model = new TransferModel(reference);
  let sawStatus = false;
  await streamEngine(docker, {
    path: '/images/create',
    query: { fromImage: name, ...(tag ? { tag } : {}), ...(opts.platform ? { platform: opts.platform } : {}) },
    auth: await opts.auth(registryOf(reference)),
    reference,
    ...(opts.platform ? { context: { platform: opts.platform } } : {}),
    signal: opts.signal,
    onMessage: (m) => {
      if (m.status?.startsWith('Status: ')) sawStatus = true;
      const failure = model.apply(m);
      emit(model, false);
      return failure;
    },
  });
  emit(model, true);
  // Docker ends a pull with a "Status: …" line; a stream that stops short of it was cut.
  // (A cut stream from Podman, which writes no such line, is a socket closed before the end.)
  if (!sawStatus && opts.engineKind !== 'podman') {
    throw new ApiError('ENGINE_UNREACHABLE', 'the engine closed the pull before it finished', {
      kind: 'lost',
      reference,
    });
  }
  return { ...(model.digest ? { digest: model.digest } : {}), upToDate: model.upToDate, model };
};

interface InspectedImage {
  Id: string;
  RepoDigests?: string[] | null;
}

/** The mirror's copy of a Docker Hub name: "busybox:1" → "mirror:5000/library/busybox:1". */
export const mirrorReference = (mirror: string, path: string, tag: string | undefined, digest: string | undefined) =>
  `${mirror}/${path.includes('/') ? path : `library/${path}`}${digest ? `@${digest}` : tag ? `:${tag}` : ''}`;

const isHubName = (domain: string | undefined) =>
  domain === undefined || domain === 'docker.io' || domain === 'index.docker.io';

/**
 * `docker pull [-a] [--platform P] NAME[:TAG|@DIGEST]` with per-layer
 * progress. A Docker Hub name goes to each mirror in turn first (a failing
 * mirror falls through to the next, then to Docker Hub); what a mirror
 * served is tagged with the original name and its mirror tag removed.
 */
export const pullImage = async (docker: Docker, opts: PullOptions): Promise<PullResult> => {
  const { reference, signal } = opts;
  const allTags = opts.allTags ?? false;
  const split = splitPullReference(reference, allTags);
  let last = 0;
  const emit = (model: TransferModel, force: boolean) => {
    const now = Date.now();
    if (!force && now - last < SNAPSHOT_MS) return;
    last = now;
    opts.onProgress(model.snapshot(now));
  };
  const tagged = split.digest ? `${split.name}@${split.digest}` : split.tag ? `${split.name}:${split.tag}` : split.name;
  const podman = opts.engineKind === 'podman';
  const inspectTagged = () => docker.getImage(tagged).inspect() as Promise<InspectedImage>;
  // Podman does not say "up to date": compare the image behind the tag before and after.
  const before =
    podman && !allTags
      ? await inspectTagged().then(
          (i) => i.Id,
          () => undefined,
        )
      : undefined;
  const finish = async (
    pulled: { digest?: string; upToDate: boolean; model: TransferModel },
    extra: Partial<PullResult>,
  ): Promise<PullResult> => {
    let image: InspectedImage | undefined;
    if (!allTags) image = await inspectTagged();
    let { digest, upToDate } = pulled;
    if (podman) {
      digest ??= image?.RepoDigests?.find((d) => d.startsWith(`${split.name}@`))?.slice(split.name.length + 1);
      upToDate = image !== undefined && image.Id === before;
      // Podman's stream lists the config blob (and ends on the image's ID) as if it were a layer.
      pulled.model.settle(image?.Id);
      emit(pulled.model, true);
    }
    return {
      reference: tagged,
      ...(image ? { id: image.Id } : {}),
      ...(digest ? { digest: `${split.name}@${digest}` } : {}),
      upToDate,
      final: pulled.model.snapshot(),
      ...extra,
    };
  };

  const failures: { mirror: string; message: string }[] = [];
  if (isHubName(split.domain) && !allTags && opts.mirrors?.length) {
    for (const mirror of opts.mirrors) {
      const via = mirrorReference(mirror, split.path, split.tag, split.digest);
      try {
        const pulled = await pullOnce(docker, via, opts, emit);
        if (split.tag && !split.digest) {
          await docker.getImage(via).tag({ repo: split.name, tag: split.tag });
          await docker.getImage(via).remove({ noprune: true });
        }
        return await finish(pulled, { mirror, ...(failures.length ? { mirrorFailures: failures } : {}) });
      } catch (err) {
        const e = toApiError(err);
        if (signal.aborted || e.code === 'CANCELLED' || e.code === 'ENGINE_UNREACHABLE') throw e;
        failures.push({ mirror, message: e.message });
      }
    }
  }
  const pulled = await pullOnce(docker, reference, opts, emit);
  return finish(pulled, failures.length ? { mirrorFailures: failures } : {});
};

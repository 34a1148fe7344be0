import { z } from 'zod';
import { operation, request, returns } from '../define';
import type { ErrorCode } from '../errors';
import type { TaskProgress } from '../taskModels';
import { listSubject } from '../taskSubjects';
import { parseReference } from '../reference';
import { Empty, ImageRef } from '../schemas';

/** A registry host as Docker names it: "127.0.0.1:5000", "registry.example.com", "docker.io". */
export const RegistryHost = z
  .string()
  .trim()
  .min(1)
  .max(255)
  .regex(/^[A-Za-z0-9.[\]:-]+$/, 'must be a host name with an optional port');

/** A repository path inside a registry ("team/app"). */
export const RepositoryPath = z
  .string()
  .trim()
  .min(1)
  .max(255)
  .regex(/^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*$/, 'invalid repository');

/** A reference to pull: name, name:tag or name@digest, in Docker's grammar. */
export const PullReference = z
  .string()
  .trim()
  .superRefine((value, ctx) => {
    const parsed = parseReference(value, { allowDigest: true });
    if (!parsed.ok) ctx.addIssue({ code: 'custom', message: `invalid reference: ${parsed.problem}` });
  });

/** "linux/amd64", "linux/arm/v7". */
export const Platform = z
  .string()
  .trim()
  .regex(/^[a-z0-9_-]+\/[a-z0-9_-]+(?:\/[a-z0-9_-]+)?$/, 'must be os/arch[/variant]');

export interface SearchResult {
  name: string;
  description: string;
  stars: number;
  official: boolean;
  automated: boolean;
}

/** One layer as a pull or push reports it. */
export type LayerState =
  'waiting' | 'downloading' | 'verifying' | 'extracting' | 'done' | 'exists' | 'preparing' | 'pushing' | 'pushed';

export interface LayerRow {
  /** The short layer ID the engine prints. */
  id: string;
  state: LayerState;
  /** Bytes moved (download, upload) or extracted, for the state's progress. */
  current?: number;
  total?: number;
}

/** A pull's or push's progress: per-layer rows and the overall bytes. */
export interface TransferProgress {
  layers: LayerRow[];
  /** Bytes downloaded (pull) or uploaded (push) so far, over every layer still to move. */
  bytes: number;
  /** Sum of the sizes of those layers whose size is known. */
  total: number;
  /** False while some layer to move has not reported its size yet: `total` is then a lower bound. */
  totalKnown: boolean;
  bytesPerSecond: number;
  /** Which reference is being worked on (a mirror, one tag of several). */
  reference: string;
  /** Update: how many references are done of how many. */
  step?: { done: number; of: number };
}

export interface PullResult {
  /** The reference as the user asked for it (what the image is tagged). */
  reference: string;
  /** The image ID now behind it. */
  id?: string;
  /** Repository digest (name@sha256:…) when the registry gave one. */
  digest?: string;
  /** True when the engine already had this content. */
  upToDate: boolean;
  /** The mirror it came from, when a mirror served it. */
  mirror?: string;
  /** Mirrors tried first that failed, with their reason. */
  mirrorFailures?: { mirror: string; message: string }[];
  /** The last state of the layer rows (progress frames may be coalesced; this one is never lost). */
  final: TransferProgress;
}

export interface PushResult {
  reference: string;
  digest?: string;
  size?: number;
  final: TransferProgress;
}

export interface UpdateResult {
  changed: { reference: string; oldId: string; newId: string }[];
  current: string[];
  failed: { reference: string; code: ErrorCode; message: string; details?: Record<string, unknown> }[];
}

export interface Page<T> {
  items: T[];
  /** Cursor for the next page (the registry's Link header), when there is one. */
  next?: string;
}

export interface ManifestFacts {
  digest?: string;
  mediaType: string;
  /** A manifest list / OCI index: one entry per platform. */
  platforms?: { platform: string; digest: string; size: number }[];
  /** A single image's layers. */
  layers?: { digest: string; size: number }[];
  /** Sum of the compressed layer sizes. */
  size?: number;
  created?: string;
  platform?: string;
}

/** Where Lading keeps the logins it stores. */
export type CredentialStorage =
  /** Desktop app: encrypted with the OS keychain through Electron safeStorage. */
  | 'safeStorage'
  /** A docker credential helper named in ~/.docker/config.json. */
  | 'helper'
  /** Nowhere: kept for the life of this process only. */
  | 'memory';

export interface LoginInfo {
  registry: string;
  username: string;
  /** Where it comes from: stored by Lading, or found in the docker CLI's config. */
  source: 'lading' | 'dockerConfig';
}

/**
 * The drawer's view of a transfer: bytes (a lower bound while layer sizes
 * are still arriving), and layers finished of all, or images of an update.
 */
export const taskProgress = (p: TransferProgress): TaskProgress => {
  const finished = p.layers.filter((l) => ['done', 'exists', 'pushed'].includes(l.state)).length;
  // No byte counts at all (Podman's pull stream, or nothing moved yet): layers only.
  const noBytes = p.bytes === 0 && p.total === 0;
  return {
    ...(noBytes ? {} : { bytes: p.bytes }),
    ...(p.total > 0 ? { total: p.total } : {}),
    ...(p.totalKnown ? {} : { totalIsEstimate: true }),
    bytesPerSecond: p.bytesPerSecond,
    steps: p.step ? { done: p.step.done, total: p.step.of } : { done: finished, total: p.layers.length },
  };
};

/** Docker Hub: search, pull, push, logins and mirrors. */
export const registryMethods = {
  /** `docker search` through the engine (Docker Hub, or `HOST:PORT/term` for a registry's v1 search). */
  'registries.search': request(
    z
      .object({
        term: z.string().trim().min(1).max(255),
        limit: z.number().int().min(1).max(100).default(25),
        stars: z.number().int().min(0).optional(),
        officialOnly: z.boolean().default(false),
      })
      .strict(),
    returns<{ results: SearchResult[] }>(),
  ),

  /** `/v2/_catalog`, one page. */
  'registries.repositories': request(
    z
      .object({
        registry: RegistryHost,
        last: z.string().max(512).optional(),
        n: z.number().int().min(1).max(1000).default(100),
      })
      .strict(),
    returns<Page<string>>(),
  ),

  /** `/v2/<name>/tags/list`, one page. */
  'registries.tags': request(
    z
      .object({
        registry: RegistryHost,
        repository: RepositoryPath,
        last: z.string().max(512).optional(),
        n: z.number().int().min(1).max(1000).default(100),
      })
      .strict(),
    returns<Page<string>>(),
  ),

  /** A tag's manifest: layers and size, or a manifest list's platforms; created date from the config. */
  'registries.manifest': request(
    z
      .object({
        registry: RegistryHost,
        repository: RepositoryPath,
        reference: z.string().trim().min(1).max(200),
      })
      .strict(),
    returns<ManifestFacts>(),
  ),

  'registries.logins': request(Empty, returns<{ logins: LoginInfo[]; storage: CredentialStorage }>()),

  /** Checks the credentials with the engine (`/auth`), then stores them. */
  'registries.login': request(
    z
      .object({
        registry: RegistryHost,
        username: z.string().min(1).max(512),
        password: z.string().min(1).max(8192),
      })
      .strict(),
    returns<{ status: string; storage: CredentialStorage }>(),
  ),

  /** Removes the login Lading stored for a registry. */
  'registries.logout': request(z.object({ registry: RegistryHost }).strict(), returns<{ removed: boolean }>()),

  'registries.mirrors': request(Empty, returns<{ mirrors: string[] }>()),
  'registries.setMirrors': request(
    z.object({ mirrors: z.array(RegistryHost).max(20) }).strict(),
    returns<{ mirrors: string[] }>(),
  ),

  /** `docker pull [-a] [--platform] NAME[:TAG|@DIGEST]`, with per-layer progress; Hub names try the mirrors first. */
  'images.pull': operation(
    z
      .object({
        reference: PullReference,
        allTags: z.boolean().default(false),
        platform: Platform.optional(),
      })
      .strict(),
    returns<TransferProgress>(),
    returns<PullResult>(),
    { kind: 'pull', subject: (a) => a.reference, progress: (p) => taskProgress(p), note: (r) => r.digest ?? r.id },
  ),

  /** `docker push NAME:TAG`. */
  'images.push': operation(
    z.object({ reference: ImageRef }).strict(),
    returns<TransferProgress>(),
    returns<PushResult>(),
    { kind: 'push', subject: (a) => a.reference, progress: (p) => taskProgress(p), note: (r) => r.digest },
  ),

  /** Re-pull these tags and report which changed (old → new ID) and which were current. */
  'images.update': operation(
    z.object({ references: z.array(ImageRef).min(1).max(200) }).strict(),
    returns<TransferProgress>(),
    returns<UpdateResult>(),
    {
      kind: 'update',
      subject: (a) => listSubject(a.references),
      progress: (p) => taskProgress(p),
      note: (r) =>
        [...r.changed.map((c) => `${c.reference} ${c.oldId.slice(7, 19)} → ${c.newId.slice(7, 19)}`), ...r.current]
          .join(', ')
          .slice(0, 300) || undefined,
    },
  ),
} as const;

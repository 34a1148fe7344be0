import { z } from 'zod';
import { operation, request, returns } from '../define';
import type { FileSystemChoice } from '../models';
import { parseReference } from '../reference';
import { AbsolutePath, Empty } from '../schemas';
import { baseName, listSubject } from '../taskSubjects';

/** A tag for the built image (`-t`), checked against the reference grammar (no digest). */
export const BuildTag = z
  .string()
  .trim()
  .min(1)
  .max(512)
  .refine((t) => parseReference(t).ok, { message: 'must be a valid image reference (name[:tag])' });

/** `--build-arg` / `--label` keys: what the CLI accepts before the `=`. */
const KeyName = z
  .string()
  .min(1)
  .max(256)
  .regex(/^[^\s=]+$/, 'must not contain white space or "="');
const KeyValues = z.record(KeyName, z.string().max(64 * 1024)).default({});

/** `--platform`: os[/arch[/variant]]. */
export const Platform = z
  .string()
  .trim()
  .max(100)
  .regex(/^[a-z0-9_-]+(\/[a-z0-9_-]+){0,2}$/i, 'must look like os/arch[/variant]');

/** Largest Dockerfile the editor opens or saves. */
export const MAX_DOCKERFILE_BYTES = 1024 * 1024;

/** A path inside a context, with `/` (no `..`, not absolute). */
const ContextPath = z
  .string()
  .min(1)
  .max(4096)
  .refine((p) => !p.startsWith('/') && !p.includes('\\') && !p.split('/').some((s) => s === '..' || s === ''), {
    message: 'must be a relative path inside the context, with "/"',
  });

/**
 * Serve mode: a folder the user dropped or picked in the browser, sent as
 * the tar the engine gets (the browser applied `.dockerignore` the CLI's
 * way, see shared/build/contextRules.ts), through uploads.create.
 */
export const UploadedContext = z
  .object({
    uploadId: z.uuid(),
    /** The folder's name, for the task's title. */
    name: z.string().min(1).max(255),
    /** The Dockerfile's path inside the tar (`-f`). */
    dockerfile: ContextPath,
  })
  .strict();

export const BuildArgs = z
  .object({
    /** The context folder on the main side (serve mode: inside the files roots). Exactly one of this and `upload`. */
    context: AbsolutePath.optional(),
    /** The context as a tar from the browser. */
    upload: UploadedContext.optional(),
    /** `-f`: the Dockerfile, inside the context or outside it; default CONTEXT/Dockerfile. */
    dockerfile: AbsolutePath.optional(),
    /** The editor's text, sent instead of the file on disk (as `-f -` would), so an unsaved edit builds. */
    dockerfileText: z.string().max(MAX_DOCKERFILE_BYTES).optional(),
    tags: z.array(BuildTag).max(20).default([]),
    buildArgs: KeyValues,
    labels: KeyValues,
    /** `--target`: the stage to stop at. */
    target: z.string().trim().max(256).optional(),
    noCache: z.boolean().default(false),
    pull: z.boolean().default(false),
    platform: Platform.optional(),
  })
  .strict()
  .refine((a) => (a.context === undefined) !== (a.upload === undefined), {
    message: 'give exactly one of context and upload',
  })
  .refine((a) => a.upload === undefined || (a.dockerfile === undefined && a.dockerfileText === undefined), {
    message: 'an uploaded context carries its Dockerfile',
  });

/** One line of a step's output as the engine printed it. */
export interface BuildStep {
  /** 1-based, as the engine counts ("Step 3/5", "STEP 3/5"). */
  index: number;
  total: number;
  /** The instruction as the engine echoed it, e.g. `RUN apk add curl`. */
  instruction: string;
  state: 'running' | 'done' | 'failed';
  /** The engine reused a cached layer ("Using cache"). */
  cached: boolean;
  /** Wall time of the step, once it ended (or so far, while running). */
  durationMs: number;
  /** The step's output lines (the last ones, when there were very many). */
  output: string[];
  /** Output lines left out at the start because the step printed more than we keep. */
  droppedLines: number;
}

export interface BuildLogState {
  /** Lines before the first step (e.g. a pull of the base image). */
  preamble: string[];
  steps: BuildStep[];
  /** The engine's `aux.ID`, once it said it. */
  imageId?: string;
  /** References the engine said it tagged. */
  tagged: string[];
  /** The engine's error message when the build failed. */
  error?: string;
}

export interface BuildProgress extends BuildLogState {
  phase: 'sending' | 'building';
  /** Context bytes sent so far and in all (the tar's payload, from the summary walk). */
  sentBytes: number;
  totalBytes: number;
  elapsedMs: number;
}

export interface BuildResult extends BuildLogState {
  imageId: string;
  elapsedMs: number;
}

/** What a context sends, counted before sending (`.dockerignore` applied). */
export interface ContextSummary {
  files: number;
  folders: number;
  links: number;
  /** Bytes of file content (tar headers add a little). */
  bytes: number;
  /** The `.dockerignore` has patterns (how many). */
  ignorePatterns: number;
  /** Entries the ignore file left out (top-level count of skipped paths). */
  ignored: number;
  /** Files that are not sent because they are sockets, pipes or devices. */
  skippedSpecial: number;
  /** The biggest top-level entries, to know what to add to `.dockerignore`. */
  largest: { path: string; bytes: number }[];
  /** The Dockerfile the build will use, relative to the context, or null when it lies outside. */
  dockerfileInContext: string | null;
  /** The Dockerfile exists. */
  dockerfileFound: boolean;
  /** Counted past the point we call huge: the UI warns. */
  huge: boolean;
}

export interface FolderListing {
  /** The folder listed. */
  path: string;
  /** Its parent, when it is still inside the roots. */
  parent: string | null;
  /** The files roots (serve mode) or null (desktop: anywhere). */
  roots: string[] | null;
  entries: { name: string; kind: 'folder' | 'file' | 'link' }[];
  /** More entries than listed. */
  truncated: boolean;
}

/** Build images from a Dockerfile and a context folder (`docker build`). */
export const buildMethods = {
  /** `docker build`: streams the context, reports each step live; cancel stops the build. */
  'build.run': operation(BuildArgs, returns<BuildProgress>(), returns<BuildResult>(), {
    kind: 'build',
    subject: (a) => (a.tags.length ? listSubject(a.tags) : a.upload ? a.upload.name : baseName(a.context ?? '')),
    // A browser's folder streams from its tab: the build ends with that tab.
    tabBound: (a) => a.upload !== undefined,
    // Sending: the context's bytes; building: steps finished of the Dockerfile's steps.
    progress: (p) =>
      p.phase === 'sending'
        ? { bytes: p.sentBytes, total: p.totalBytes }
        : { steps: { done: p.steps.filter((s) => s.state !== 'running').length, total: p.steps.at(-1)?.total ?? 0 } },
    note: (r) => r.imageId.replace(/^sha256:/, '').slice(0, 12),
  }),

  /** Count what the context would send (files, bytes, `.dockerignore` applied) before building. */
  'build.contextSummary': request(
    z.object({ context: AbsolutePath, dockerfile: AbsolutePath.optional() }).strict(),
    returns<ContextSummary>(),
  ),

  /** List a folder for the folder picker (serve mode: inside the files roots only). */
  'build.listFolder': request(z.object({ path: AbsolutePath.optional() }).strict(), returns<FolderListing>()),

  /** Read a Dockerfile for the editor. */
  'build.readDockerfile': request(
    z.object({ path: AbsolutePath }).strict(),
    returns<{ path: string; text: string; exists: boolean }>(),
  ),

  /** Save the editor's Dockerfile (a temporary file renamed over the old one). */
  'build.saveDockerfile': request(
    z.object({ path: AbsolutePath, text: z.string().max(MAX_DOCKERFILE_BYTES) }).strict(),
    returns<{ path: string; bytes: number }>(),
  ),

  /** Native "choose folder" dialog (desktop only; see HostInfo.nativeDialogs). */
  'host.pickFolder': request(Empty, returns<FileSystemChoice>()),

  /** Native "open file" dialog for a Dockerfile outside the context (desktop only). */
  'host.pickFile': request(z.object({ defaultPath: AbsolutePath.optional() }).strict(), returns<FileSystemChoice>()),
} as const;

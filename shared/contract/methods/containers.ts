import { z } from 'zod';
import type { CommitResult, ContainerRow, DiffEntry, LogsChunk, RunFieldProblem, RunResult } from '../containerModels';
import { request, returns } from '../define';
import { ChangeLine } from './archives';
import { NewReference } from './images';
import { ContainerRef, Empty, ImageRef } from '../schemas';

const ById = z.object({ id: ContainerRef }).strict();

/** `docker run` as the Run dialog fills it: raw field text, parsed with shared/contract/runSpec on both sides. */
export const RunArgs = z
  .object({
    image: ImageRef,
    name: z.string().max(256).default(''),
    command: z.string().max(16_384).default(''),
    entrypoint: z.string().max(16_384).default(''),
    /** Remove the container when it exits (`--rm`). */
    autoRemove: z.boolean().default(false),
    /** `-p` values. */
    ports: z.array(z.string().max(256)).max(100).default([]),
    /** `-e` values, one per line, read as an env file is. */
    env: z.string().max(1_048_576).default(''),
    /** `--env-file`: the file's text (the renderer reads it) and its name for messages. */
    envFile: z
      .object({
        name: z.string().max(4096),
        text: z.string().max(1_048_576),
        /** Lines that were not valid UTF-8 (1-based), as the reader saw them. */
        invalidUtf8Lines: z.array(z.number().int().positive()).max(10_000).default([]),
      })
      .strict()
      .optional(),
    /** `-v` values. */
    volumes: z.array(z.string().max(4096)).max(100).default([]),
    network: z.string().max(256).default(''),
    restart: z.string().max(64).default(''),
    user: z.string().max(256).default(''),
    workdir: z.string().max(4096).default(''),
  })
  .strict();
export type RunArgs = z.input<typeof RunArgs>;

/** Containers: the list, their life cycle, logs, and the image work they are part of (diff, commit, run). */
export const containerMethods = {
  /** Every container, any state (`docker ps -a`), with configured port bindings. */
  'containers.list': request(Empty, returns<ContainerRow[]>()),

  'containers.start': request(ById, returns<null>()),
  'containers.stop': request(ById, returns<null>()),
  /** `docker rm [-f]`. */
  'containers.remove': request(
    z.object({ id: ContainerRef, force: z.boolean().default(false) }).strict(),
    returns<null>(),
  ),

  /**
   * Log entries after `cursor` (`docker logs --follow`, one stretch at a
   * time): waits up to `waitMs` for new output of a running container, so a
   * view calls it in a loop while it follows. Not an operation: it belongs
   * to the view showing it, ends with it, and never shows as a task.
   */
  'containers.logs': request(
    z
      .object({
        id: ContainerRef,
        cursor: z.string().max(200).nullable().default(null),
        /** First call only: at most this many of the last entries. */
        tail: z.number().int().min(1).max(100_000).default(1000),
        waitMs: z.number().int().min(0).max(25_000).default(15_000),
      })
      .strict(),
    returns<LogsChunk>(),
  ),

  /** `docker diff`: paths added, changed or deleted against the image. */
  'containers.diff': request(ById, returns<DiffEntry[]>()),

  /** `docker commit [-a] [-m] [-c]… [-p] CONTAINER [REPOSITORY[:TAG]]`. */
  'containers.commit': request(
    z
      .object({
        id: ContainerRef,
        reference: z.union([z.literal(''), NewReference]).default(''),
        author: z.string().max(1024).default(''),
        message: z.string().max(16_384).default(''),
        changes: z.array(ChangeLine).max(100).default([]),
        pause: z.boolean().default(true),
      })
      .strict(),
    returns<CommitResult>(),
  ),

  /**
   * Checks a run's fields as `containers.run` would (syntax, host ports in
   * use, bind sources, name taken, network) without creating anything.
   */
  'containers.checkRun': request(RunArgs, returns<RunFieldProblem[]>()),

  /** `docker run -d …` (create, then start); problems found first are refused with details.problems. */
  'containers.run': request(RunArgs, returns<RunResult>()),

  /** Network names for the Run dialog (`docker network ls`). */
  'containers.networks': request(Empty, returns<string[]>()),
} as const;

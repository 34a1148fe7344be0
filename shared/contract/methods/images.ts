import { z } from 'zod';
import { operation, request, returns } from '../define';
import type {
  CountProgress,
  DiskUsage,
  ImageDetails,
  PrunePreview,
  PruneResult,
  RemoveOutcome,
  RemovePlanItem,
} from '../imageModels';
import type { ImageSummary } from '../models';
import { parseReference } from '../reference';
import { labelFilterProblem } from '../labelFilter';
import { FIRST_SCREEN_SORTABLE } from '../../images/firstScreen';
import { Empty, ImageId, ImageRef } from '../schemas';

/** A reference to create (a tag target): the real Docker grammar, no digest. */
export const NewReference = z
  .string()
  .trim()
  .superRefine((value, ctx) => {
    const parsed = parseReference(value);
    if (!parsed.ok) ctx.addIssue({ code: 'custom', message: `invalid reference: ${parsed.problem}` });
  });

const References = z.array(ImageRef).min(1).max(10_000);

/** `docker image prune` options: `-a`, and `--filter label=…` to limit it. */
const PruneArgs = z
  .object({
    all: z.boolean().default(false),
    labels: z
      .array(
        z
          .string()
          .min(1)
          .max(512)
          .refine((l) => labelFilterProblem(l) === undefined, { message: 'not a label filter (KEY or KEY=VALUE)' }),
      )
      .max(20)
      .default([]),
  })
  .strict();

/** A BCP 47 tag Intl accepts ("en-US", "zh-CN"); anything else would throw in Intl.Collator. */
const Locale = z
  .string()
  .min(2)
  .max(64)
  .refine(
    (tag) => {
      try {
        return Intl.getCanonicalLocales(tag).length === 1;
      } catch {
        return false;
      }
    },
    { message: 'not a locale' },
  );

const FirstScreenArgs = z
  .object({
    sort: z
      .array(z.object({ id: z.enum(FIRST_SCREEN_SORTABLE), desc: z.boolean() }).strict())
      .max(FIRST_SCREEN_SORTABLE.length),
    groupByImage: z.boolean(),
    rows: z.number().int().min(1).max(500),
    locale: Locale.optional(),
  })
  .strict();

/** The images table and what it does to images in place. */
export const imageMethods = {
  /** All images, one entry per image ID (`docker images` without intermediate layers). */
  'images.list': request(Empty, returns<ImageSummary[]>()),

  /**
   * The few images that own the table's first rows in the page's sort (see
   * firstScreenImages), and how many images there are: a page asks this just
   * before `images.list` and draws its first screen while the whole list is
   * on its way.
   */
  'images.firstScreen': request(FirstScreenArgs, returns<{ images: ImageSummary[]; total: number }>()),

  /** `docker image inspect`, trimmed for the details panel. */
  'images.inspect': request(z.object({ reference: ImageRef }).strict(), returns<ImageDetails>()),

  /** Platforms ("linux/amd64") of the given image IDs, for the visible rows; cached per ID. */
  'images.platforms': request(z.object({ ids: z.array(ImageId).max(500) }).strict(), returns<Record<string, string>>()),

  /** `docker tag SOURCE TARGET`. */
  'images.tag': request(
    z.object({ source: ImageRef, target: NewReference }).strict(),
    returns<{ reference: string; imageId: string }>(),
  ),

  /** What `images.remove` would do to each reference, without doing it. */
  'images.planRemove': request(
    z.object({ references: References, force: z.boolean().optional() }).strict(),
    returns<RemovePlanItem[]>(),
  ),

  /** `docker rmi [-f] REF…`: one outcome per reference; some may fail while others succeed. */
  'images.remove': operation(
    z.object({ references: References, force: z.boolean().default(false) }).strict(),
    returns<CountProgress>(),
    returns<RemoveOutcome[]>(),
  ),

  /** The images `images.prune` with the same options would remove. */
  'images.planPrune': request(PruneArgs, returns<PrunePreview>()),

  /** `docker image prune [-a] [--filter label=…]`: the engine's own result. */
  'images.prune': request(PruneArgs, returns<PruneResult>()),

  /** `docker system df` for images. Costly on big engines: only on demand. */
  'images.diskUsage': request(Empty, returns<DiskUsage>()),
} as const;

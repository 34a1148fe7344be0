import { z } from 'zod';
import { request, returns } from '../define';
import type { ImageHistory, JsonObject } from '../inspectModels';
import { ImageRef } from '../schemas';

const One = z.object({ reference: ImageRef }).strict();

/** One image's page: the full inspect document and its history. */
export const inspectMethods = {
  /** `docker image inspect REF` exactly as the engine answers (the Inspect tab and the format box). */
  'inspect.raw': request(One, returns<JsonObject>()),

  /** `docker history --no-trunc REF`, each step tied to the layer it wrote. */
  'inspect.history': request(One, returns<ImageHistory>()),
} as const;

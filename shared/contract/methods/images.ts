import { request, returns } from '../define';
import type { ImageSummary } from '../models';
import { Empty } from '../schemas';

/** The images table and what it does to images in place. */
export const imageMethods = {
  /** All images, one entry per image ID (`docker images` without intermediate layers). */
  'images.list': request(Empty, returns<ImageSummary[]>()),
} as const;

import type { ContainerSummary } from '../archiveModels';
import { request, returns } from '../define';
import { Empty } from '../schemas';

/** Containers, as far as images need them (the export picker). */
export const containerMethods = {
  /** Every container, any state (`docker ps -a`). */
  'containers.list': request(Empty, returns<ContainerSummary[]>()),
} as const;

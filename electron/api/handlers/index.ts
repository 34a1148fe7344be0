import type { Handlers } from '../types';
import { appHandlers } from './app';
import { archiveHandlers } from './archives';
import { buildHandlers } from './build';
import { containerHandlers } from './containers';
import type { HandlerDeps } from './deps';
import { engineHandlers } from './engine';
import { imageHandlers } from './images';
import { registryHandlers } from './registries';
import { inspectHandlers } from './inspect';
import { taskHandlers } from './tasks';
import { layerHandlers } from './layers';

export type { HandlerDeps } from './deps';

/** Every contract method's implementation; `satisfies` makes a missing one a type error. */
export const createHandlers = (deps: HandlerDeps): Handlers =>
  ({
    ...appHandlers(deps),
    ...engineHandlers(deps),
    ...imageHandlers(deps),
    ...archiveHandlers(deps),
    ...containerHandlers(deps),
    ...registryHandlers(deps),
    ...inspectHandlers(deps),
    ...taskHandlers(deps),
    ...layerHandlers(deps),
    ...buildHandlers(deps),
  }) satisfies Handlers;

import { listContainers } from '../../engine/containers/containers';
import { toApiError } from '../../engine/errors';
import type { RequestHandler } from '../types';
import type { HandlerDeps } from './deps';

/** Containers, as far as images need them. */
export const containerHandlers = (_deps: HandlerDeps) => {
  const list: RequestHandler<'containers.list'> = async (_args, { engine }) => {
    try {
      return await listContainers(engine.docker);
    } catch (err) {
      throw toApiError(err);
    }
  };
  return { 'containers.list': list };
};

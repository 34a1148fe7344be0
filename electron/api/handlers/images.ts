import { listImages } from '../../engine/images';
import { toApiError } from '../../engine/errors';
import type { HandlerDeps } from './deps';
import type { RequestHandler } from '../types';

/** The images table and what it does to images in place. */
export const imageHandlers = (_deps: HandlerDeps) => {
  const list: RequestHandler<'images.list'> = async (_args, { engine }) => {
    try {
      return await listImages(engine.docker);
    } catch (err) {
      throw toApiError(err);
    }
  };

  return { 'images.list': list };
};

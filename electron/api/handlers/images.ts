import { listImages } from '../../engine/images';
import { saveImages } from '../../engine/save';
import { toApiError } from '../../engine/errors';
import type { HandlerDeps } from './deps';
import type { OperationHandler, RequestHandler } from '../types';

export const imageHandlers = ({ monitor }: HandlerDeps) => {
  const list: RequestHandler<'images.list'> = async () => {
    try {
      return await listImages(monitor.docker);
    } catch (err) {
      throw toApiError(err);
    }
  };

  const save: OperationHandler<'images.save'> = (args, ctx) =>
    saveImages(monitor.docker, { ...args, signal: ctx.signal, onProgress: ctx.progress });

  return { 'images.list': list, 'images.save': save };
};

import { diskUsage } from '../../engine/images/diskUsage';
import { firstScreenOf } from '../../engine/images/firstScreen';
import { toApiError } from '../../engine/errors';
import { detailsFromInspect, inspectImage } from '../../engine/images/inspect';
import { containerUsesByImage } from '../../engine/images/users';
import { planPrune, pruneImages } from '../../engine/images/prune';
import { planRemove, removeImages } from '../../engine/images/remove';
import { tagImage } from '../../engine/images/tag';
import type { OperationHandler, RequestHandler } from '../types';
import type { HandlerDeps } from './deps';

/** Wraps an engine call so whatever it throws reaches the renderer as an ApiError. */
const engineCall = async <T>(fn: () => Promise<T>, context?: Record<string, unknown>): Promise<T> => {
  try {
    return await fn();
  } catch (err) {
    throw toApiError(err, context);
  }
};

/** The images table and what it does to images in place. */
export const imageHandlers = ({ platforms, imageList }: HandlerDeps) => {
  // Answered from the backend's warm copy; only the first call after a (re)connect asks the engine.
  const list: RequestHandler<'images.list'> = () => engineCall(() => imageList.list());

  const firstScreen: RequestHandler<'images.firstScreen'> = (query) =>
    engineCall(async () => firstScreenOf(await imageList.list(), query));

  const inspect: RequestHandler<'images.inspect'> = ({ reference }, { engine }) =>
    engineCall(
      async () => {
        const [info, users] = await Promise.all([
          inspectImage(engine.docker, reference),
          containerUsesByImage(engine.docker),
        ]);
        return detailsFromInspect(info, users.get(info.Id) ?? []);
      },
      { reference },
    );

  const platformsOf: RequestHandler<'images.platforms'> = ({ ids }, { engine }) =>
    platforms.resolve(engine.docker, ids);

  const tag: RequestHandler<'images.tag'> = ({ source, target }, { engine }) => tagImage(engine.docker, source, target);

  const planRemoveHandler: RequestHandler<'images.planRemove'> = ({ references, force }, { engine }) =>
    planRemove(engine.docker, references, force ?? false);

  const remove: OperationHandler<'images.remove'> = ({ references, force }, ctx) =>
    removeImages(ctx.engine.docker, { references, force, signal: ctx.signal, onProgress: ctx.progress });

  const planPruneHandler: RequestHandler<'images.planPrune'> = (args, { engine }) => planPrune(engine.docker, args);
  const prune: RequestHandler<'images.prune'> = (args, { engine }) => pruneImages(engine.docker, args);
  const df: RequestHandler<'images.diskUsage'> = (_args, { engine }) => diskUsage(engine.docker);

  return {
    'images.list': list,
    'images.firstScreen': firstScreen,
    'images.inspect': inspect,
    'images.platforms': platformsOf,
    'images.tag': tag,
    'images.planRemove': planRemoveHandler,
    'images.remove': remove,
    'images.planPrune': planPruneHandler,
    'images.prune': prune,
    'images.diskUsage': df,
  };
};

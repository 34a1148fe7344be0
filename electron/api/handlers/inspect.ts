import { toApiError } from '../../engine/errors';
import { imageHistory } from '../../engine/images/history';
import { inspectImage } from '../../engine/images/inspect';
import type { JsonObject } from '../../../shared/contract/inspectModels';
import type { RequestHandler } from '../types';
import type { HandlerDeps } from './deps';

/** One image's page: the whole inspect document and the history. */
export const inspectHandlers = (_deps: HandlerDeps) => {
  const raw: RequestHandler<'inspect.raw'> = async ({ reference }, { engine }) => {
    try {
      return (await inspectImage(engine.docker, reference)) as unknown as JsonObject;
    } catch (err) {
      throw toApiError(err, { reference });
    }
  };
  const history: RequestHandler<'inspect.history'> = async ({ reference }, { engine }) => {
    try {
      return await imageHistory(engine.docker, reference);
    } catch (err) {
      throw toApiError(err, { reference });
    }
  };
  return { 'inspect.raw': raw, 'inspect.history': history };
};

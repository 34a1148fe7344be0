import { ApiError } from '../../../shared/contract/errors';
import type { HandlerDeps } from './deps';
import type { RequestHandler } from '../types';

export const appHandlers = ({ host, operations }: HandlerDeps) => {
  const hostInfo: RequestHandler<'app.hostInfo'> = async () => host.info;

  const pickSavePath: RequestHandler<'host.pickSavePath'> = async ({ defaultName }, { session }) => {
    if (!host.pickSavePath) {
      throw new ApiError('INVALID_ARGUMENT', 'this host has no native dialogs; type a path instead');
    }
    return { path: await host.pickSavePath(defaultName, session) };
  };

  const cancel: RequestHandler<'operations.cancel'> = async ({ operationId }, { session }) => ({
    cancelled: operations.cancel(session.id, operationId),
  });

  return {
    'app.hostInfo': hostInfo,
    'host.pickSavePath': pickSavePath,
    'operations.cancel': cancel,
  };
};

import { UPLOAD_PATH } from '../../../shared/contract/channels';
import { ApiError } from '../../../shared/contract/errors';
import type { HandlerDeps } from './deps';
import type { RequestHandler } from '../types';

export const appHandlers = ({ host, operations, uploads }: HandlerDeps) => {
  const hostInfo: RequestHandler<'app.hostInfo'> = async () => host.info;

  const pickSavePath: RequestHandler<'host.pickSavePath'> = async ({ defaultName }, { session }) => {
    if (!host.pickSavePath) {
      throw new ApiError('INVALID_ARGUMENT', 'this host has no native dialogs; type a path instead');
    }
    return { path: await host.pickSavePath(defaultName, session) };
  };

  const setLanguage: RequestHandler<'host.setLanguage'> = async ({ language }) => {
    if (!host.setLanguage) return { applied: false };
    host.setLanguage(language);
    return { applied: true };
  };

  const cancel: RequestHandler<'operations.cancel'> = async ({ operationId }, { session }) => ({
    cancelled: operations.cancel(session.id, operationId),
  });

  const createUpload: RequestHandler<'uploads.create'> = async ({ name, size }, { session }) => {
    if (host.info.mode !== 'serve') {
      throw new ApiError('INVALID_ARGUMENT', 'uploads are for serve mode; the desktop app passes file paths');
    }
    const uploadId = uploads.create(session.id, name, size);
    return { uploadId, path: `${UPLOAD_PATH}/${uploadId}` };
  };

  return {
    'app.hostInfo': hostInfo,
    'uploads.create': createUpload,
    'host.pickSavePath': pickSavePath,
    'host.setLanguage': setLanguage,
    'operations.cancel': cancel,
  };
};

import type Docker from 'dockerode';
import { toApiError } from '../errors';

/** 304 "already started/stopped" is success for the user: the container is where they wanted it. */
const ignoreNotModified = (err: unknown): void => {
  if ((err as { statusCode?: number }).statusCode !== 304) throw err;
};

export const startContainer = async (docker: Docker, id: string): Promise<null> => {
  try {
    await docker.getContainer(id).start().catch(ignoreNotModified);
    return null;
  } catch (err) {
    throw toApiError(err, { container: id });
  }
};

export const stopContainer = async (docker: Docker, id: string): Promise<null> => {
  try {
    await docker.getContainer(id).stop().catch(ignoreNotModified);
    return null;
  } catch (err) {
    throw toApiError(err, { container: id });
  }
};

export const removeContainer = async (docker: Docker, id: string, force: boolean): Promise<null> => {
  try {
    await docker.getContainer(id).remove({ force });
    return null;
  } catch (err) {
    throw toApiError(err, { container: id });
  }
};

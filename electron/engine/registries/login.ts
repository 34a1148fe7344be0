import type Docker from 'dockerode';
import { ApiError } from '../../../shared/contract/errors';
import { engineMessage, toApiError } from '../errors';
import type { EngineAuth } from './services';

/** `docker login`: the engine checks the credentials against the registry (`POST /auth`). */
export const checkLogin = async (docker: Docker, auth: EngineAuth): Promise<string> => {
  try {
    const answer = (await docker.checkAuth(auth)) as { Status?: string };
    return answer.Status ?? 'Login Succeeded';
  } catch (err) {
    const e = toApiError(err);
    if (e.code === 'ENGINE_UNREACHABLE') throw e;
    const said = engineMessage(err as object);
    if (
      e.code === 'UNAUTHORIZED' ||
      /unauthorized|incorrect username or password|authentication required/i.test(said)
    ) {
      throw new ApiError('UNAUTHORIZED', said, { kind: 'login', registry: auth.serveraddress });
    }
    if (/connection refused|no such host|i\/o timeout|dial tcp/i.test(said)) {
      throw new ApiError('ENGINE_ERROR', said, { kind: 'registryUnreachable', registry: auth.serveraddress });
    }
    if (/x509|certificate/i.test(said))
      throw new ApiError('ENGINE_ERROR', said, { kind: 'tls', registry: auth.serveraddress });
    throw new ApiError(e.code, said, { registry: auth.serveraddress });
  }
};

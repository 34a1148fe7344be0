import { commitContainer } from '../../engine/containers/commit';
import { listContainerRows, PortBindingCache } from '../../engine/containers/containers';
import { diffContainer } from '../../engine/containers/diff';
import { removeContainer, startContainer, stopContainer } from '../../engine/containers/lifecycle';
import { readLogs } from '../../engine/containers/logs';
import { checkRun, runContainer } from '../../engine/containers/run';
import { toApiError } from '../../engine/errors';
import type { RequestHandler } from '../types';
import type { HandlerDeps } from './deps';

/** The engine runs on this machine: its published ports and bind sources are this machine's. */
export const isLocalEngine = (host: string): boolean => {
  if (host.startsWith('unix://') || host.startsWith('npipe://')) return true;
  try {
    const { hostname } = new URL(host.replace(/^tcp:/, 'http:'));
    return hostname === 'localhost' || hostname.startsWith('127.') || hostname === '[::1]';
  } catch {
    return false;
  }
};

const engineCall = async <T>(fn: () => Promise<T>): Promise<T> => {
  try {
    return await fn();
  } catch (err) {
    throw toApiError(err);
  }
};

/** Containers: list, life cycle, logs, diff, commit and run. */
export const containerHandlers = (deps: HandlerDeps) => {
  const ports = deps.containerPorts ?? new PortBindingCache();

  const list: RequestHandler<'containers.list'> = (_args, { engine }) =>
    engineCall(() => listContainerRows(engine.docker, ports));
  const start: RequestHandler<'containers.start'> = ({ id }, { engine }) => startContainer(engine.docker, id);
  const stop: RequestHandler<'containers.stop'> = ({ id }, { engine }) => stopContainer(engine.docker, id);
  const remove: RequestHandler<'containers.remove'> = ({ id, force }, { engine }) =>
    removeContainer(engine.docker, id, force);
  const logs: RequestHandler<'containers.logs'> = ({ id, ...opts }, { engine }) => readLogs(engine.docker, id, opts);
  const diff: RequestHandler<'containers.diff'> = ({ id }, { engine }) => diffContainer(engine.docker, id);
  const commit: RequestHandler<'containers.commit'> = ({ id, ...opts }, { engine }) =>
    commitContainer(engine.docker, id, opts);
  const check: RequestHandler<'containers.checkRun'> = (args, { engine }) =>
    engineCall(async () => (await checkRun(engine.docker, args, { engineLocal: isLocalEngine(engine.host) })).problems);
  const run: RequestHandler<'containers.run'> = (args, { engine }) =>
    runContainer(engine.docker, args, { engineLocal: isLocalEngine(engine.host) });
  const networks: RequestHandler<'containers.networks'> = (_args, { engine }) =>
    engineCall(async () => (await engine.docker.listNetworks()).map((n) => n.Name).sort());

  return {
    'containers.list': list,
    'containers.start': start,
    'containers.stop': stop,
    'containers.remove': remove,
    'containers.logs': logs,
    'containers.diff': diff,
    'containers.commit': commit,
    'containers.checkRun': check,
    'containers.run': run,
    'containers.networks': networks,
  };
};

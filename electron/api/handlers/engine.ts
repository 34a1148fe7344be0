import type { HandlerDeps } from './deps';
import type { RequestHandler } from '../types';

export const engineHandlers = (_deps: HandlerDeps) => {
  const connection: RequestHandler<'engine.connection'> = async (_args, { engine }) => engine.state;
  const reconnect: RequestHandler<'engine.reconnect'> = (_args, { engine }) => engine.reconnectNow();
  return { 'engine.connection': connection, 'engine.reconnect': reconnect };
};

import type { HandlerDeps } from './deps';
import type { RequestHandler } from '../types';

export const engineHandlers = ({ monitor }: HandlerDeps) => {
  const connection: RequestHandler<'engine.connection'> = async () => monitor.state;
  const reconnect: RequestHandler<'engine.reconnect'> = () => monitor.reconnectNow();
  return { 'engine.connection': connection, 'engine.reconnect': reconnect };
};

import type Docker from 'dockerode';

type Dial = (options: { method?: string }, callback: (err: unknown, data: unknown) => void) => void;

/**
 * Calls `onWrite` when a request that may change the engine's state (any
 * method but GET and HEAD) is sent through this client, when its answer
 * arrives, and when a streamed answer (pull, load, build) ends. Wrapping the
 * modem's one entry point covers every dockerode call, present and future,
 * without a list of methods to keep up to date.
 */
export const watchWrites = (docker: Docker, onWrite: () => void): void => {
  // docker-modem's dial is not in dockerode's types; it is the single function every call goes through.
  const modem = docker.modem as unknown as { dial: Dial };
  const dial = modem.dial.bind(modem);
  modem.dial = (options, callback) => {
    const method = (options.method ?? 'GET').toUpperCase();
    if (method === 'GET' || method === 'HEAD') return dial(options, callback);
    onWrite();
    return dial(options, (err, data) => {
      onWrite();
      const stream = data as { once?: (event: string, fn: () => void) => void } | null;
      if (!err && typeof stream?.once === 'function') stream.once('close', onWrite);
      callback(err, data);
    });
  };
};

import { createBackend, type Backend } from '../../electron/backend';
import type { EarlyList } from '../../electron/engine/images/earlyList';
import type { Session } from '../../electron/api/dispatcher';

const hostInfo = {
  mode: 'serve' as const,
  nativeDialogs: false,
  defaultDirectory: '/tmp',
  platform: 'linux',
  appVersion: 'test',
};

/** A backend on a real engine, talked to through a session like any renderer. */
export const openBackend = async (
  engineHost: string,
  opts: { early?: EarlyList; onCreated?: (backend: Backend) => void } = {},
): Promise<{ backend: Backend; session: Session }> => {
  const backend = createBackend({ engineHost, host: { info: hostInfo }, ...(opts.early ? { early: opts.early } : {}) });
  opts.onCreated?.(backend);
  const session = backend.dispatcher.openSession({ send: () => {} });
  const deadline = Date.now() + 20_000;
  while (backend.monitor.state.status !== 'connected') {
    if (Date.now() > deadline)
      throw new Error(`engine ${engineHost} never connected: ${JSON.stringify(backend.monitor.state)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return { backend, session };
};

/** Calls a method and returns its value, or throws with the error's code and message. */
export const callOk = async (session: Session, method: string, args: unknown = {}): Promise<unknown> => {
  const reply = await session.handle({ type: 'call', id: 1, method, args });
  if (!reply.ok) throw new Error(`${method}: ${reply.error.code} ${reply.error.message}`);
  return reply.value;
};

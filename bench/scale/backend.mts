// Lading's backend in this process, as bench/run.mts uses it: the same
// dispatcher and session the desktop and serve hosts put behind their
// transports, so `images.list` costs what the table's first load costs
// minus the transport.
import { tmpdir } from 'node:os';
import { performance } from 'node:perf_hooks';
import { createBackend } from '../../electron/backend';
import type { Session } from '../../electron/api/dispatcher';

export interface InProcessBackend {
  /** One `images.list` call: elapsed ms and how many images it returned. */
  list(): Promise<{ ms: number; count: number }>;
  dispose(): void;
}

export const openBackend = async (dockerHost: string): Promise<InProcessBackend> => {
  const backend = createBackend({
    engineHost: dockerHost,
    host: {
      info: {
        mode: 'serve',
        nativeDialogs: false,
        defaultDirectory: tmpdir(),
        platform: process.platform,
        appVersion: 'bench',
      },
    },
  });
  // Events are not read here; dropping them keeps the session's queue empty.
  const session: Session = backend.dispatcher.openSession({ send: () => undefined });
  const deadline = Date.now() + 30_000;
  while (backend.monitor.state.status !== 'connected') {
    if (Date.now() > deadline) throw new Error(`backend did not connect to ${dockerHost}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  let id = 0;
  return {
    list: async () => {
      const t = performance.now();
      const r = await session.handle({ type: 'call', id: ++id, method: 'images.list', args: {} });
      const elapsed = performance.now() - t;
      if (!r.ok) throw new Error(r.error.message);
      return { ms: elapsed, count: (r.value as unknown[]).length };
    },
    dispose: () => {
      session.close();
      backend.dispose();
    },
  };
};

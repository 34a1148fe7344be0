// Serve mode as `npm run serve` runs it (tests/support/serveProcess.ts),
// plus the server's memory and its token-less origin for later visits.
import { processMemory, startServe as startServeProcess } from '../../tests/support/serveProcess';

export interface Serve {
  /** The printed URL, token included (first visit). */
  url: string;
  /** The same server without the token (visits after the cookie is set). */
  origin: string;
  /** Resident and peak resident memory of the server process, bytes (Linux). */
  memory(): { rss: number; peak: number };
  stop(): Promise<void>;
}

export const startServe = async (engine: string): Promise<Serve> => {
  const serve = await startServeProcess(engine);
  return {
    url: serve.url,
    origin: `${new URL(serve.url).origin}/`,
    memory: () => processMemory(serve.pid),
    stop: serve.stop,
  };
};

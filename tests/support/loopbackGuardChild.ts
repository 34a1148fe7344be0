import { appendFileSync } from 'node:fs';
import { installLoopbackGuard } from './loopbackGuard';

/**
 * Preloaded into serve processes the tests start (NODE_OPTIONS `--import`,
 * see serveProcess.ts): the loopback guard, with each refused attempt
 * appended as one JSON line to LADING_LOOPBACK_GUARD_LOG for the test to read.
 */
const log = process.env.LADING_LOOPBACK_GUARD_LOG;
installLoopbackGuard((attempt) => {
  if (log) appendFileSync(log, `${JSON.stringify({ ...attempt, pid: process.pid })}\n`);
});

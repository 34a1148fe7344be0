/**
 * The last resort: an unexpected rejection or exception anywhere in the
 * main side is logged (as a bug) and the process keeps serving, so one
 * path's bug does not take down every open window or tab. It is not the
 * fix: each failure a user can cause is handled where it happens, and the
 * fuzz test fails if this ever logs.
 */
export const LAST_RESORT_PREFIX = 'lading: last resort:';

type Log = (...parts: unknown[]) => void;

let installed = false;

export const installLastResort = (log: Log = (...parts) => console.error(...parts)): void => {
  if (installed) return;
  installed = true;
  process.on('unhandledRejection', (reason) => {
    log(`${LAST_RESORT_PREFIX} unhandled rejection (a bug in Lading; still serving):`, reason);
  });
  process.on('uncaughtException', (err, origin) => {
    log(`${LAST_RESORT_PREFIX} uncaught exception from ${origin} (a bug in Lading; still serving):`, err);
  });
};

/**
 * How Debian's Chromium is launched for e2e tests and the benches: as root,
 * without a GPU, and without its background network chatter (this machine's
 * closed network refuses it, many connections at a time).
 */
export const chromiumLaunchOptions = {
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-dev-shm-usage',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
  ],
};

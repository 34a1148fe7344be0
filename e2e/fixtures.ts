import { test as base } from '@playwright/test';
import { sandboxEnv, type SandboxEnv } from '../tests/support/sandbox';
import { startServe, type ServeProcess } from '../tests/support/serveProcess';

export { startServe } from '../tests/support/serveProcess';
export type { ServeProcess as ServeInstance } from '../tests/support/serveProcess';

export const test = base.extend<{ serve: ServeProcess }, { sandbox: SandboxEnv }>({
  // Playwright requires the destructuring pattern even when no fixture is used.
  // eslint-disable-next-line no-empty-pattern
  sandbox: [async ({}, use) => use(sandboxEnv()), { scope: 'worker' }],
  serve: async ({ sandbox }, use) => {
    const instance = await startServe(sandbox.dockerHost);
    await use(instance);
    await instance.stop();
  },
});

export { expect } from '@playwright/test';

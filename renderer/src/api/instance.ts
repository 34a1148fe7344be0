import type { ApiClient } from './client';

let client: ApiClient | undefined;

/** The one ApiClient of this window, set at start-up (tests set their own). */
export const setApiClient = (c: ApiClient): void => {
  client = c;
};

export const api = (): ApiClient => {
  if (!client) throw new Error('ApiClient used before start-up');
  return client;
};

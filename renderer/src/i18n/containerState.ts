import type { TFunction } from 'i18next';

const KNOWN = ['created', 'running', 'paused', 'restarting', 'removing', 'exited', 'dead'] as const;
type KnownState = (typeof KNOWN)[number];

/** A container's state ("running", "created"…) in the UI's language; an unknown one as the engine said it. */
export const containerState = (t: TFunction, state: string): string =>
  (KNOWN as readonly string[]).includes(state) ? t(`ui.containerState.${state as KnownState}`) : state;

/** "name (state)" lists, as the remove plan and the details panel show them. */
export const containerList = (t: TFunction, containers: readonly { name: string; state: string }[]): string =>
  containers.map((c) => t('ui.containerWithState', { name: c.name, state: containerState(t, c.state) })).join(', ');

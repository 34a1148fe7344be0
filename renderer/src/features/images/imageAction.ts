import type { TFunction } from 'i18next';
import type { ReactNode } from 'react';
import type { IconName } from '../../ui/icons';
import type { ImageRow } from '../../../../shared/images/rows';

/** The toolbar's groups, in the order they appear (left to right). */
export const IMAGE_ACTION_GROUPS = ['image', 'registry', 'make', 'page', 'archive', 'space', 'view'] as const;
export type ImageActionGroup = (typeof IMAGE_ACTION_GROUPS)[number];

/** What an entry of the images toolbar can see and do when it is drawn or clicked. */
export interface ImageActionContext {
  t: TFunction;
  /** The selected rows, in table order. */
  selected: readonly ImageRow[];
  /** The selection as references (a grouped row stands for all of its tags). */
  references: string[];
  /** Shows a dialog; it stays until it calls `close`. */
  show(render: (close: () => void) => ReactNode): void;
  /** The details panel. */
  details: { shown: boolean; set(shown: boolean): void };
  /** Clears the table's selection (e.g. after a removal). */
  clearSelection(): void;
}

/**
 * One entry of the images toolbar. Add an entry to the list in
 * toolbarActions.tsx; the toolbar groups, orders and overflows them.
 */
export interface ImageAction {
  id: string;
  group: ImageActionGroup;
  icon: IconName;
  /** The visible text (keep it short: "Pull…"). */
  label(ctx: ImageActionContext): string;
  /** A fuller accessible name, when the label alone is terse. */
  ariaLabel?(ctx: ImageActionContext): string;
  /** Default: always enabled. */
  enabled?(ctx: ImageActionContext): boolean;
  /** For toggles: whether it is on. */
  pressed?(ctx: ImageActionContext): boolean;
  /** What a click does; use `ctx.show` to open a dialog. */
  run?(ctx: ImageActionContext): void;
  /** Instead of `run`: a click opens the browser's file picker offering `accept`; `picked` gets the chosen files. */
  files?: { accept: string; multiple?: boolean; picked(ctx: ImageActionContext, files: File[]): void };
  /** A control of its own (e.g. a popover); it never moves into the More menu. */
  render?(ctx: ImageActionContext): ReactNode;
}

import type { FileSource } from './schemas';

/** Helpers for a task's `subject` and `note` (see TaskSpec in define.ts): short, language-independent. */

/** "a, b, c +7": the first few items of a list and how many more. */
export const listSubject = (items: readonly string[], shown = 3): string =>
  items.length <= shown ? items.join(', ') : `${items.slice(0, shown).join(', ')} +${items.length - shown}`;

/** A path's last component (either separator: the main side may be Windows). */
export const baseName = (path: string): string => path.split(/[\\/]/).filter(Boolean).pop() ?? path;

/**
 * A file the operation reads: its name. A browser upload is named by the
 * handler once it knows it (OperationContext.describe); until then, "".
 */
export const fileSubject = (source: FileSource): string => (source.kind === 'path' ? baseName(source.path) : '');

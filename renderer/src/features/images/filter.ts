import type { ImageRow } from './rows';

/**
 * Free-text filter: every white-space separated word must occur
 * (case-insensitively) in the repository, tag or image ID.
 */
export const compileFilter = (query: string): ((row: ImageRow) => boolean) => {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return () => true;
  return (row) => {
    const hay = `${row.repository}:${row.tag} ${row.id.replace(/^sha256:/, '')}`.toLowerCase();
    return words.every((w) => hay.includes(w));
  };
};

/** The instructions the editor explains (the seeds' list, plus SHELL and STOPSIGNAL). */
export const HELP_INSTRUCTIONS = [
  'FROM',
  'MAINTAINER',
  'LABEL',
  'RUN',
  'CMD',
  'ENTRYPOINT',
  'ENV',
  'COPY',
  'ADD',
  'EXPOSE',
  'WORKDIR',
  'USER',
  'VOLUME',
  'ARG',
  'ONBUILD',
  'HEALTHCHECK',
  'SHELL',
  'STOPSIGNAL',
] as const;
export type HelpInstruction = (typeof HELP_INSTRUCTIONS)[number];

const known = new Set<string>(HELP_INSTRUCTIONS);

/**
 * The instruction keyword under column `col` of a line (also after
 * ONBUILD: `ONBUILD RUN x` explains RUN when pointed at), or null.
 */
export const instructionAt = (
  line: string,
  col: number,
): { keyword: HelpInstruction; start: number; end: number } | null => {
  const re = /^(\s*)([A-Za-z]+)(\s+([A-Za-z]+))?/.exec(line);
  if (!re) return null;
  const first = re[2] as string;
  const start = (re[1] as string).length;
  const end = start + first.length;
  if (col >= start && col <= end && known.has(first.toUpperCase())) {
    return { keyword: first.toUpperCase() as HelpInstruction, start, end };
  }
  const second = re[4];
  if (first.toUpperCase() === 'ONBUILD' && second && known.has(second.toUpperCase())) {
    const s2 = (re[0] as string).length - second.length;
    if (col >= s2 && col <= s2 + second.length) {
      return { keyword: second.toUpperCase() as HelpInstruction, start: s2, end: s2 + second.length };
    }
  }
  return null;
};

/**
 * A Dockerfile recovered from `docker history`, best effort: the classic
 * builder records metadata steps as `/bin/sh -c #(nop) ENV …` and RUN steps
 * as the bare shell command; BuildKit records `RUN /bin/sh -c … # buildkit`.
 * What a history cannot hold (the base image's name, COPY sources, build
 * args' defaults) stays unknown and is said so in comments.
 */

const NOP = /^\/bin\/sh -c #\(nop\)\s*/;
const SHELL_RUN = /^(?:\|\d+(?:\s+\S+=\S*)*\s+)?\/bin\/sh -c\s+/;

/** `["sh" "-c"]` (Go's %q join, as history prints JSON forms) → `["sh", "-c"]`. */
const jsonForm = (s: string): string => {
  const m = /^(\w+)\s+\[(.*)\]\s*$/.exec(s);
  if (!m || !m[2]?.startsWith('"')) return s;
  const items = m[2].match(/"(?:[^"\\]|\\.)*"/g);
  return items && items.join(' ') === m[2].trim() ? `${m[1]} [${items.join(', ')}]` : s;
};

/** `VOLUME [/a /b]` (Go's %v of a list) → `VOLUME ["/a", "/b"]`. */
const volumeForm = (s: string): string => {
  const m = /^VOLUME\s+\[([^"\]]*)\]\s*$/.exec(s);
  return m
    ? `VOLUME [${(m[1] ?? '')
        .trim()
        .split(/\s+/)
        .map((v) => JSON.stringify(v))
        .join(', ')}]`
    : s;
};

/** One history step as a Dockerfile instruction, or null for a step with no command (an imported base). */
export const instructionOf = (createdBy: string): string | null => {
  let cmd = createdBy.trim();
  if (cmd === '') return null;
  cmd = cmd.replace(/\s+# buildkit$/, '');
  if (NOP.test(cmd)) {
    const rest = cmd.replace(NOP, '').trim();
    // COPY/ADD: "COPY file:<hash> in /dest" → "COPY file:<hash> /dest".
    const copy = /^(COPY|ADD)\s+(.+?)\s+in\s+(\S+)\s*$/.exec(rest);
    if (copy) return `${copy[1]} ${copy[2]} ${copy[3]}`;
    return jsonForm(volumeForm(rest));
  }
  const run = /^RUN\s+(.*)$/s.exec(cmd);
  if (run) return `RUN ${(run[1] ?? '').replace(SHELL_RUN, '')}`;
  if (SHELL_RUN.test(cmd)) return `RUN ${cmd.replace(SHELL_RUN, '')}`;
  if (/^[A-Z]+\s/.test(cmd)) return jsonForm(cmd);
  return `RUN ${cmd}`;
};

export interface ReconstructStep {
  createdBy: string;
  comment: string;
}

/**
 * The Dockerfile, oldest step first. Steps without a command (an imported
 * root file system) become a comment where FROM would be.
 */
export const reconstructDockerfile = (oldestFirst: readonly ReconstructStep[], baseComment: string): string => {
  const lines: string[] = [];
  for (const step of oldestFirst) {
    const instruction = instructionOf(step.createdBy);
    if (instruction === null) {
      lines.push(`# ${baseComment}${step.comment ? ` (${step.comment})` : ''}`);
      continue;
    }
    lines.push(instruction);
  }
  return lines.join('\n') + '\n';
};

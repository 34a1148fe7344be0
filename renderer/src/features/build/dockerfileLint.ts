import './bufferShim';
import { DockerfileParser, type From } from 'dockerfile-ast';

export type LintRule = 'latestBase' | 'untaggedBase' | 'aptUpdateAlone' | 'severalCmd' | 'maintainerDeprecated';

/** A warning on a span of the Dockerfile (0-based lines and characters, as dockerfile-ast counts). */
export interface LintWarning {
  rule: LintRule;
  from: { line: number; character: number };
  to: { line: number; character: number };
  /** Values for the message (an image name, the line of the CMD that counts). */
  params: Record<string, string>;
}

const APT_UPDATE = /\bapt(?:-get)?\s+(?:-\S+\s+)*update\b/;
const APT_INSTALL = /\bapt(?:-get)?\s+(?:-\S+\s+)*(?:install|upgrade|dist-upgrade)\b/;

/** A FROM's base image: a stage named earlier, `scratch` and variable names are not images to pin. */
const baseWarning = (from: From, stages: Set<string>): LintWarning | null => {
  const bare = from.getImageName();
  const registry = from.getRegistry();
  const name = bare && registry ? `${registry}/${bare}` : bare;
  const range = from.getImageRange();
  if (!name || !range || name.includes('$') || name === 'scratch' || stages.has(name.toLowerCase())) return null;
  if (from.getImageDigest()) return null;
  const tag = from.getImageTag();
  if (tag === 'latest') return { rule: 'latestBase', from: range.start, to: range.end, params: { image: name } };
  if (tag === null) return { rule: 'untaggedBase', from: range.start, to: range.end, params: { image: name } };
  return null;
};

/**
 * The classic Dockerfile mistakes the seeds warn about, found with
 * dockerfile-ast's parse: a base image on `latest` or with no tag (it
 * changes under you), `apt-get update` in a RUN of its own (its cached
 * layer goes stale and later installs use old package lists), several CMDs
 * in one stage (only the last one counts), and MAINTAINER (deprecated;
 * `LABEL maintainer=…` replaces it).
 */
export const lintDockerfile = (text: string): LintWarning[] => {
  const dockerfile = DockerfileParser.parse(text);
  const warnings: LintWarning[] = [];
  const stages = new Set<string>();
  let cmds: { from: LintWarning['from']; to: LintWarning['to'] }[] = [];
  const flushCmds = () => {
    const last = cmds.at(-1);
    if (last) {
      for (const c of cmds.slice(0, -1)) {
        warnings.push({ rule: 'severalCmd', from: c.from, to: c.to, params: { line: String(last.from.line + 1) } });
      }
    }
    cmds = [];
  };
  for (const instruction of dockerfile.getInstructions()) {
    const keyword = instruction.getKeyword().toUpperCase();
    const range = instruction.getRange();
    if (keyword === 'FROM') {
      flushCmds();
      const from = instruction as From;
      const w = baseWarning(from, stages);
      if (w) warnings.push(w);
      const stage = from.getBuildStage();
      if (stage) stages.add(stage.toLowerCase());
    } else if (keyword === 'CMD') {
      cmds.push({ from: range.start, to: range.end });
    } else if (keyword === 'MAINTAINER') {
      const kw = instruction.getInstructionRange();
      warnings.push({ rule: 'maintainerDeprecated', from: kw.start, to: kw.end, params: {} });
    } else if (keyword === 'RUN') {
      const args = instruction.getArgumentsContent() ?? '';
      if (APT_UPDATE.test(args) && !APT_INSTALL.test(args)) {
        warnings.push({ rule: 'aptUpdateAlone', from: range.start, to: range.end, params: {} });
      }
    }
  }
  flushCmds();
  return warnings.sort((a, b) => a.from.line - b.from.line || a.from.character - b.from.character);
};

import { parse as shellParse } from 'shell-quote';

/**
 * `docker run` options as the docker CLI reads them, as pure functions the
 * Run dialog calls as the user types and the backend calls again before it
 * asks the engine. Each failure is a problem code with parameters; the UI
 * translates it and shows it next to its field.
 *
 * Hand-written on purpose, each following the CLI's own Go code:
 * - ports: go-connections `nat.ParsePortSpec` (what `docker run -p` uses);
 * - env files: docker/cli `pkg/kvfile` (`--env-file`). dotenv-style packages
 *   strip quotes, expand `${X}` and allow `export`; the CLI does none of that,
 *   and a file must mean the same thing in Lading as in the terminal;
 * - volumes: the `-v src:dst[:mode]` split of the CLI on Linux.
 * Command and entrypoint words come from `shell-quote`.
 */

export interface RunProblem {
  code: RunProblemCode;
  params?: Record<string, string | number>;
}

export type RunProblemCode =
  | 'port.empty'
  | 'port.noContainerPort'
  | 'port.badIp'
  | 'port.badContainerPort'
  | 'port.badHostPort'
  | 'port.rangeMismatch'
  | 'port.badProto'
  | 'port.inUse'
  | 'port.usedByContainer'
  | 'env.invalidUtf8'
  | 'env.noName'
  | 'env.whitespace'
  | 'env.lineTooLong'
  | 'volume.empty'
  | 'volume.destinationRelative'
  | 'volume.sourceRelative'
  | 'volume.badName'
  | 'volume.badMode'
  | 'volume.tooManyParts'
  | 'volume.sourceMissing'
  | 'name.invalid'
  | 'name.taken'
  | 'words.operator'
  | 'words.unclosed'
  | 'restart.invalid'
  | 'restart.withRemove'
  | 'workdir.relative'
  | 'user.invalid'
  | 'network.unknown';

export type Parsed<T> = { ok: true; value: T } | { ok: false; problem: RunProblem };

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const fail = <T>(code: RunProblemCode, params?: RunProblem['params']): Parsed<T> => ({
  ok: false,
  problem: params ? { code, params } : { code },
});

// ---------------------------------------------------------------- ports

export type PortProto = 'tcp' | 'udp' | 'sctp';

/** One container port and how it is published (`HostConfig.PortBindings` entry). */
export interface PortMapping {
  /** "80/tcp": the key of ExposedPorts and PortBindings. */
  port: string;
  containerPort: number;
  proto: PortProto;
  /** "" = all interfaces. */
  hostIp: string;
  /** "" = a port the engine picks; "8000-8005" = a range the engine picks from. */
  hostPort: string;
}

/** `strconv.ParseUint(s, 10, 16)`: decimal digits only, at most 65535. */
const parsePortNumber = (s: string): number | undefined => {
  if (!/^[0-9]+$/.test(s)) return undefined;
  const n = Number(s);
  return n <= 65535 ? n : undefined;
};

/** `nat.ParsePortRange`: "80" or "8000-8010" (only the first two parts of "a-b-c" count, as in Go). */
const parsePortRange = (s: string): { start: number; end: number } | undefined => {
  if (s === '') return undefined;
  if (!s.includes('-')) {
    const n = parsePortNumber(s);
    return n === undefined ? undefined : { start: n, end: n };
  }
  const [a = '', b = ''] = s.split('-');
  const start = parsePortNumber(a);
  const end = parsePortNumber(b);
  if (start === undefined || end === undefined || end < start) return undefined;
  return { start, end };
};

/** `nat.splitParts`: the last part is the container port, the one before it the host port, the rest the IP. */
const splitPortParts = (raw: string): { ip: string; host: string; container: string } => {
  const parts = raw.split(':');
  const n = parts.length;
  const container = parts[n - 1] ?? '';
  if (n === 1) return { ip: '', host: '', container };
  if (n === 2) return { ip: '', host: parts[0] ?? '', container };
  if (n === 3) return { ip: parts[0] ?? '', host: parts[1] ?? '', container };
  return { ip: parts.slice(0, n - 2).join(':'), host: parts[n - 2] ?? '', container };
};

const IPV4 =
  /^(?:(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])\.){3}(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])$/;
/** Loose IPv6 check (hex groups and colons, an optional embedded IPv4 tail); the engine has the last word. */
const isIpv6 = (s: string): boolean => {
  if (!/^[0-9a-fA-F:.]+$/.test(s) || !s.includes(':')) return false;
  const doubles = s.split('::').length - 1;
  if (doubles > 1) return false;
  const groups = s.split(':').filter((g) => g !== '');
  const last = groups.at(-1) ?? '';
  const v4Tail = last.includes('.');
  if (v4Tail && !IPV4.test(last)) return false;
  const hexGroups = v4Tail ? groups.slice(0, -1) : groups;
  if (!hexGroups.every((g) => /^[0-9a-fA-F]{1,4}$/.test(g))) return false;
  const count = hexGroups.length + (v4Tail ? 2 : 0);
  return doubles === 1 ? count < 8 : count === 8;
};
export const isIpAddress = (s: string): boolean => IPV4.test(s) || isIpv6(s);

/**
 * One `-p` value: `[ip:][hostPort:]containerPort[/proto]`, ports or ranges,
 * `[v6]` in brackets. A host range with one container port means "any free
 * port in this range", as in the CLI.
 */
export const parsePortSpec = (input: string): Parsed<PortMapping[]> => {
  const raw = input;
  if (raw === '') return fail('port.empty');
  const parts = splitPortParts(raw);
  let { ip } = parts;
  // nat.SplitProtoPort
  const slash = parts.container.split('/');
  const containerPart = slash[0] ?? '';
  const proto = containerPart === '' ? '' : slash.length === 1 || slash[1] === '' ? 'tcp' : (slash[1] ?? '');
  if (ip.startsWith('[')) {
    if (!ip.endsWith(']')) return fail('port.badIp', { ip });
    ip = ip.slice(1, -1);
  }
  if (ip !== '' && !isIpAddress(ip)) return fail('port.badIp', { ip });
  if (containerPart === '') return fail('port.noContainerPort', { spec: raw });
  const container = parsePortRange(containerPart);
  if (!container) return fail('port.badContainerPort', { port: containerPart });
  let host: { start: number; end: number } | undefined;
  if (parts.host !== '') {
    host = parsePortRange(parts.host);
    if (!host) return fail('port.badHostPort', { port: parts.host });
    if (container.end - container.start !== host.end - host.start && container.end !== container.start) {
      return fail('port.rangeMismatch', { container: containerPart, host: parts.host });
    }
  }
  const p = proto.toLowerCase();
  if (p !== 'tcp' && p !== 'udp' && p !== 'sctp') return fail('port.badProto', { proto });
  const out: PortMapping[] = [];
  for (let i = 0; i <= container.end - container.start; i++) {
    const cp = container.start + i;
    let hostPort = host ? String(host.start + i) : '';
    if (host && container.start === container.end && host.start !== host.end) hostPort = `${host.start}-${host.end}`;
    out.push({ port: `${cp}/${p}`, containerPort: cp, proto: p, hostIp: ip, hostPort });
  }
  return ok(out);
};

/** The engine's `ExposedPorts` and `PortBindings` for a list of `-p` values (all valid). */
export const portBindingsOf = (
  mappings: readonly PortMapping[],
): { exposed: Record<string, object>; bindings: Record<string, { HostIp: string; HostPort: string }[]> } => {
  const exposed: Record<string, object> = {};
  const bindings: Record<string, { HostIp: string; HostPort: string }[]> = {};
  for (const m of mappings) {
    exposed[m.port] = {};
    (bindings[m.port] ??= []).push({ HostIp: m.hostIp, HostPort: m.hostPort });
  }
  return { exposed, bindings };
};

/** A fixed host port a mapping asks for (not a range, not "any"): what can be checked for being in use. */
export const fixedHostPort = (m: PortMapping): number | undefined =>
  /^[0-9]+$/.test(m.hostPort) && Number(m.hostPort) > 0 ? Number(m.hostPort) : undefined;

// ---------------------------------------------------------------- env files

export interface EnvLineProblem extends RunProblem {
  /** 1-based line number in the file or text. */
  line: number;
}

/** Longest line `bufio.Scanner` reads by default (64 KiB, counted in bytes). */
const MAX_LINE_BYTES = 64 * 1024;

/**
 * An env file as `docker run --env-file` reads it (docker/cli pkg/kvfile):
 * - a UTF-8 BOM on the first line is dropped; a line ends at "\n" and a "\r" before it is dropped;
 * - leading white space is dropped; then an empty line or one starting with "#" is skipped;
 * - `KEY=VALUE`: taken literally — quotes, "#", trailing spaces and further "=" are part of the value;
 * - `KEY` alone: `KEY=<its value in lookup's environment>`, or left out if it is not set there;
 * - a name with a space or tab in it (including "KEY =x" or "KEY " alone), or no name ("=x"), is an error.
 * `lookup` is the environment of the process that reads the file (the backend, as the CLI uses its own).
 * Text that was not valid UTF-8 must be flagged by the caller (a JS string has no invalid bytes left);
 * `invalidUtf8Lines` lists such lines, 1-based.
 */
export const parseEnvFile = (
  text: string,
  lookup: (key: string) => string | undefined,
  invalidUtf8Lines: readonly number[] = [],
): { ok: true; value: string[] } | { ok: false; problem: EnvLineProblem } => {
  const out: string[] = [];
  const lines = text.split('\n');
  // A final "\n" ends the last line; it does not start an empty one (bufio.ScanLines).
  if (lines.length > 0 && lines.at(-1) === '') lines.pop();
  const badUtf8 = new Set(invalidUtf8Lines);
  for (let i = 0; i < lines.length; i++) {
    const number = i + 1;
    let raw = lines[i] ?? '';
    if (raw.endsWith('\r')) raw = raw.slice(0, -1);
    if (new TextEncoder().encode(raw).length > MAX_LINE_BYTES) {
      return { ok: false, problem: { code: 'env.lineTooLong', line: number } };
    }
    if (badUtf8.has(number)) return { ok: false, problem: { code: 'env.invalidUtf8', line: number } };
    if (i === 0 && raw.startsWith('\uFEFF')) raw = raw.slice(1);
    // Go's unicode.IsSpace: ASCII white space, NEL, NBSP and the Unicode space separators.
    const line = raw.replace(/^[\s\u0085]+/u, '');
    if (line === '' || line.startsWith('#')) continue;
    const eq = line.indexOf('=');
    const key = eq === -1 ? line : line.slice(0, eq);
    if (key === '') return { ok: false, problem: { code: 'env.noName', line: number, params: { text: line } } };
    if (/[ \t]/.test(key)) {
      return { ok: false, problem: { code: 'env.whitespace', line: number, params: { name: key } } };
    }
    if (eq !== -1) {
      out.push(line);
      continue;
    }
    const value = lookup(key);
    if (value !== undefined) out.push(`${key}=${value}`);
  }
  return { ok: true, value: out };
};

/** 1-based numbers of the lines of `bytes` that are not valid UTF-8 (what the CLI refuses). */
export const invalidUtf8LinesOf = (bytes: Uint8Array): number[] => {
  const out: number[] = [];
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let start = 0;
  let line = 1;
  for (let i = 0; i <= bytes.length; i++) {
    if (i === bytes.length || bytes[i] === 0x0a) {
      try {
        decoder.decode(bytes.subarray(start, i));
      } catch {
        out.push(line);
      }
      start = i + 1;
      line++;
    }
  }
  return out;
};

// ---------------------------------------------------------------- volumes

export type VolumeSpec =
  | { kind: 'bind'; source: string; target: string; mode: string }
  | { kind: 'volume'; name: string; target: string; mode: string }
  | { kind: 'anonymous'; target: string };

const VOLUME_NAME = /^[a-zA-Z0-9][a-zA-Z0-9_.-]+$/;
const MODES = new Set([
  'ro',
  'rw',
  'z',
  'Z',
  'nocopy',
  'shared',
  'rshared',
  'slave',
  'rslave',
  'private',
  'rprivate',
  'delegated',
  'cached',
  'consistent',
]);

/**
 * One `-v` value on a Linux engine: `/dst` (anonymous volume), `name:/dst`
 * (named volume), `/src:/dst` (bind), each with an optional `:ro`-style mode
 * list. Unlike the CLI, a relative bind source ("./data") is refused: the
 * engine may not share the dialog's working directory.
 */
export const parseVolumeSpec = (input: string): Parsed<VolumeSpec> => {
  const raw = input.trim();
  if (raw === '') return fail('volume.empty');
  const parts = raw.split(':');
  if (parts.length > 3) return fail('volume.tooManyParts', { spec: raw });
  if (parts.length === 1) {
    if (!raw.startsWith('/')) return fail('volume.destinationRelative', { path: raw });
    return ok({ kind: 'anonymous', target: raw });
  }
  const [source = '', target = '', mode = ''] = parts;
  if (!target.startsWith('/')) return fail('volume.destinationRelative', { path: target });
  if (parts.length === 3) {
    const bad = mode.split(',').find((m) => !MODES.has(m));
    if (bad !== undefined) return fail('volume.badMode', { mode: bad });
  }
  if (source.startsWith('/')) return ok({ kind: 'bind', source, target, mode });
  if (source.startsWith('.') || source.startsWith('~')) return fail('volume.sourceRelative', { path: source });
  if (!VOLUME_NAME.test(source)) return fail('volume.badName', { name: source });
  return ok({ kind: 'volume', name: source, target, mode });
};

/** The engine's `HostConfig.Binds` entry, or `Config.Volumes` key for an anonymous volume. */
export const bindOf = (v: VolumeSpec): string | undefined =>
  v.kind === 'anonymous'
    ? undefined
    : `${v.kind === 'bind' ? v.source : v.name}:${v.target}${v.mode ? `:${v.mode}` : ''}`;

// ---------------------------------------------------------------- the rest

/** Container names: the engine's `[a-zA-Z0-9][a-zA-Z0-9_.-]+`. */
export const parseContainerName = (input: string): Parsed<string> => {
  const name = input.trim().replace(/^\//, '');
  if (name === '') return ok('');
  return /^[a-zA-Z0-9][a-zA-Z0-9_.-]+$/.test(name) ? ok(name) : fail('name.invalid', { name });
};

const hasUnclosedQuote = (s: string): boolean => {
  let quote: '' | "'" | '"' = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (quote === "'") {
      if (c === "'") quote = '';
    } else if (c === '\\') i++;
    else if (quote === '"') {
      if (c === '"') quote = '';
    } else if (c === "'" || c === '"') quote = c;
  }
  return quote !== '';
};

/**
 * A command or entrypoint as a shell would split it (quotes and escapes,
 * via shell-quote); "" = keep the image's. Shell operators (`|`, `&&`, `>`…)
 * and globs are refused: no shell runs them — wrap in `sh -c '…'`.
 */
export const parseWords = (input: string): Parsed<string[]> => {
  if (input.trim() === '') return ok([]);
  // shell-quote silently closes an unclosed quote; a shell would refuse it.
  if (hasUnclosedQuote(input)) return fail('words.unclosed');
  const words: string[] = [];
  // No env lookup: "$HOME" is kept as typed (no shell expands it in the container's argv).
  for (const w of shellParse(input, (key) => `$${key}`)) {
    if (typeof w === 'string') words.push(w);
    else if ('op' in w && w.op === 'glob') words.push(w.pattern);
    else if ('op' in w) return fail('words.operator', { op: w.op });
    else return fail('words.operator', { op: '#' });
  }
  return ok(words);
};

export interface RestartPolicy {
  Name: '' | 'no' | 'always' | 'unless-stopped' | 'on-failure';
  MaximumRetryCount?: number;
}

/** `--restart`: no | always | unless-stopped | on-failure[:max-retries]. */
export const parseRestart = (input: string): Parsed<RestartPolicy> => {
  const raw = input.trim();
  if (raw === '' || raw === 'no') return ok({ Name: 'no' });
  if (raw === 'always' || raw === 'unless-stopped') return ok({ Name: raw });
  const m = /^on-failure(?::([0-9]+))?$/.exec(raw);
  if (!m) return fail('restart.invalid', { value: raw });
  return ok(m[1] ? { Name: 'on-failure', MaximumRetryCount: Number(m[1]) } : { Name: 'on-failure' });
};

/** `-w`: must be absolute, as the engine says. */
export const parseWorkdir = (input: string): Parsed<string> => {
  const raw = input.trim();
  if (raw === '' || raw.startsWith('/')) return ok(raw);
  return fail('workdir.relative', { path: raw });
};

/** `-u`: `name|uid[:group|gid]`, no white space. */
export const parseUser = (input: string): Parsed<string> => {
  const raw = input.trim();
  if (raw === '') return ok('');
  return /^[^\s:]+(?::[^\s:]+)?$/.test(raw) ? ok(raw) : fail('user.invalid', { value: raw });
};

// ---------------------------------------------------------------- a whole run

/** The Run dialog's raw fields (what `containers.run` receives). */
export interface RunFields {
  name: string;
  command: string;
  entrypoint: string;
  autoRemove: boolean;
  ports: readonly string[];
  env: string;
  envFile?: { name: string; text: string; invalidUtf8Lines?: readonly number[] } | undefined;
  volumes: readonly string[];
  network: string;
  restart: string;
  user: string;
  workdir: string;
}

export type RunFieldName =
  | 'name'
  | 'command'
  | 'entrypoint'
  | 'ports'
  | 'env'
  | 'envFile'
  | 'volumes'
  | 'network'
  | 'restart'
  | 'user'
  | 'workdir';

export interface FieldProblem extends RunProblem {
  field: RunFieldName;
  /** Which entry of a list field (0-based). */
  index?: number;
  /** Env line (1-based). */
  line?: number;
}

/** What the fields mean once parsed: ready for the engine's create call. */
export interface RunPlan {
  name: string;
  cmd: string[];
  entrypoint: string[];
  /** `entry`: which `-p` value (0-based) it came from, for messages. */
  ports: (PortMapping & { entry: number })[];
  /** `KEY=VALUE` in the CLI's order: the env file first, then the typed lines (later wins). */
  env: string[];
  volumes: (VolumeSpec & { entry: number })[];
  restart: RestartPolicy;
  user: string;
  workdir: string;
}

/**
 * Every field checked on its own terms (no engine, no file system), in one
 * pass so the dialog can mark each field. `lookup` resolves a bare `KEY`
 * line: the backend passes its own environment; the dialog passes one that
 * knows nothing, which only matters for the values, not for the checks.
 */
export const planRun = (
  f: RunFields,
  lookup: (key: string) => string | undefined,
): { problems: FieldProblem[]; plan: RunPlan } => {
  const problems: FieldProblem[] = [];
  const take = <T>(field: RunFieldName, r: Parsed<T>, fallback: T, index?: number): T => {
    if (r.ok) return r.value;
    problems.push({ field, ...r.problem, ...(index === undefined ? {} : { index }) });
    return fallback;
  };
  const name = take('name', parseContainerName(f.name), '');
  const cmd = take('command', parseWords(f.command), []);
  const entrypoint = take('entrypoint', parseWords(f.entrypoint), []);
  const ports = f.ports.flatMap((p, i) =>
    p.trim() === '' ? [] : take('ports', parsePortSpec(p.trim()), [], i).map((m) => ({ ...m, entry: i })),
  );
  const env: string[] = [];
  if (f.envFile) {
    const r = parseEnvFile(f.envFile.text, lookup, f.envFile.invalidUtf8Lines ?? []);
    if (r.ok) env.push(...r.value);
    else problems.push({ field: 'envFile', ...r.problem });
  }
  const typed = parseEnvFile(f.env, lookup);
  if (typed.ok) env.push(...typed.value);
  else problems.push({ field: 'env', ...typed.problem });
  const volumes = f.volumes.flatMap((v, i) => {
    if (v.trim() === '') return [];
    const spec = take<VolumeSpec | undefined>('volumes', parseVolumeSpec(v), undefined, i);
    return spec ? [{ ...spec, entry: i }] : [];
  });
  const restart = take('restart', parseRestart(f.restart), { Name: 'no' } as RestartPolicy);
  if (f.autoRemove && restart.Name !== 'no' && restart.Name !== '') {
    problems.push({ field: 'restart', code: 'restart.withRemove' });
  }
  const user = take('user', parseUser(f.user), '');
  const workdir = take('workdir', parseWorkdir(f.workdir), '');
  return {
    problems,
    plan: {
      name,
      cmd,
      entrypoint,
      ports,
      env,
      volumes,
      restart,
      user,
      workdir,
    },
  };
};

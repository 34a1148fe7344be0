import type { z } from 'zod';
import { api, type MethodName } from '../../shared/contract/api';

/**
 * Hostile argument sets for every contract method (tests/integration/fuzz.test.ts).
 * Seeded: the same FUZZ_SEED gives the same frames. Arguments are built
 * from each method's zod schema (its keys and the kinds of their values) so
 * most frames get past the outer shape and hit the inner checks, with
 * hostile values everywhere: wrong types, huge strings, NUL bytes, `../`,
 * URLs, prototype keys, unknown fields, negative and non-finite numbers.
 */

/** mulberry32: small, seedable, good enough to pick fuzz cases. */
export const rng = (seed: number) => {
  let a = seed >>> 0;
  const next = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (n: number) => Math.floor(next() * n),
    pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)] as T,
    chance: (p: number) => next() < p,
  };
};
export type Rng = ReturnType<typeof rng>;

/**
 * How far a method may go with arguments that validate:
 * - `any`: reads only; every argument set is sent as generated.
 * - `files`: writes files; valid sets only with paths inside the serve
 *   files root (the server refuses the rest anyway), and at most a few.
 * - `invalid-only`: would change the engine's images or containers
 *   (remove, prune, tag, load, import…): only sets the contract refuses are
 *   sent. A method added later that is not listed here is treated so.
 */
export type Safety = 'any' | 'files' | 'invalid-only';
export const SAFETY: Partial<Record<MethodName, Safety>> = {
  'app.hostInfo': 'any',
  'uploads.create': 'any',
  'operations.cancel': 'any',
  'host.pickSavePath': 'any',
  'host.setLanguage': 'any',
  'engine.connection': 'any',
  'engine.reconnect': 'any',
  'images.list': 'any',
  'images.inspect': 'any',
  'images.platforms': 'any',
  'images.planRemove': 'any',
  'images.planPrune': 'any',
  'images.diskUsage': 'any',
  'containers.list': 'any',
  'downloads.create': 'any',
  // Read-only methods added by other areas: fuzzed with valid arguments too.
  'inspect.raw': 'any',
  'inspect.history': 'any',
  'layers.children': 'any',
  'layers.search': 'any',
  'layers.sharing': 'any',
  'layers.report': 'any',
  'containers.logs': 'any',
  'containers.diff': 'any',
  'containers.checkRun': 'any',
  'containers.networks': 'any',
  'build.contextSummary': 'any',
  'build.listFolder': 'any',
  'build.readDockerfile': 'any',
  'host.pickFolder': 'any',
  'host.pickFile': 'any',
  'registries.logins': 'any',
  'registries.mirrors': 'any',
  'tasks.list': 'any',
  'images.save': 'files',
  'containers.export': 'files',
  'images.tag': 'invalid-only',
  'images.remove': 'invalid-only',
  'images.prune': 'invalid-only',
  'images.load': 'invalid-only',
  'images.import': 'invalid-only',
};
export const safetyOf = (method: string): Safety => SAFETY[method as MethodName] ?? 'invalid-only';

/** Infinity cannot be written in JSON; this marker becomes `1e999` in the frame, which JSON.parse reads as Infinity. */
const INF = '\u0001INF\u0001';
const NEG_INF = '\u0001NEGINF\u0001';

export interface FuzzContext {
  /** The serve process's files root (valid writes go here). */
  root: string;
  /** A folder outside the root: nothing may appear in it. */
  outside: string;
  /** A loopback port nothing should ever ask (the trap server). */
  trapPort: number;
  /** References and IDs of small fixture images, and container names, for near-valid sets. */
  images: string[];
  containers: string[];
}

const HEX = '0123456789abcdef';
const hex = (r: Rng, n: number) => Array.from({ length: n }, () => r.pick([...HEX])).join('');
/** A version-4 UUID from the seeded generator (an id nothing has: the server answers NOT_FOUND). */
const uuid = (r: Rng) => `${hex(r, 8)}-${hex(r, 4)}-4${hex(r, 3)}-a${hex(r, 3)}-${hex(r, 12)}`;

const buildHostileStrings = (c: FuzzContext, r: Rng): string[] => [
  '',
  ' ',
  '\t\n',
  '\0',
  'a\0b',
  '../x',
  '../../../../etc/passwd',
  '..',
  '.',
  '/x',
  '//127.0.0.1/x',
  `//127.0.0.1:${c.trapPort}/x`,
  `http://127.0.0.1:${c.trapPort}/`,
  `https://127.0.0.1:${c.trapPort}/x.tar`,
  `../../../127.0.0.1:${c.trapPort}/x`,
  `127.0.0.1:${c.trapPort}/x`,
  'file:///etc/passwd',
  'unix:///var/run/docker.sock',
  'javascript:alert(1)',
  '%2e%2e%2f%2e%2e%2fx',
  '..\\..\\x',
  'C:\\x.tar',
  '\\\\srv\\share\\x.tar',
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
  'x?force=1',
  'x#frag',
  '$(id)',
  '`id`',
  '; rm -rf /',
  '{"a":1}',
  'null',
  'NaN',
  '\ud800',
  '\u202e\u0645\u0631\u062d\u0628\u0627',
  '😀'.repeat(50),
  'A'.repeat(256),
  'A'.repeat(257),
  'A'.repeat(4097),
  'A'.repeat(20_000),
  '/'.repeat(5000),
  'sha256:',
  `sha256:${hex(r, 64)}`,
  `sha256:${hex(r, 65)}`,
  hex(r, 12),
  'UPPER/Case:Tag',
  'fixture/busybox:1',
  'fixture/busybox:nope',
  `${c.root}/fuzz-${r.int(1e9)}.tar`,
  `${c.root}/fuzz-${r.int(1e9)}.tar.gz`,
  `${c.root}/../${c.outside.split('/').pop() ?? 'x'}/escape.tar`,
  `${c.outside}/x.tar`,
  `${c.root}/missing/dir/x.tar`,
  `${c.root}`,
  '/dev/null',
  '/dev/zero',
  '/proc/self/mem',
  '/etc/passwd',
  `${c.root}/link\0.tar`,
  uuid(r),
  'dangling:true',
  'label=a=b',
  'CMD ["sh"]',
  'ENV A=1\nRUN rm -rf /',
];

/** Built once per context and seed: picking from it is cheap. */
const cache = new WeakMap<FuzzContext, string[]>();
const hostileStrings = (c: FuzzContext, r: Rng): string[] => {
  let list = cache.get(c);
  if (!list) {
    list = buildHostileStrings(c, r);
    cache.set(c, list);
  }
  return list;
};

const hostileNumbers = [
  0,
  -1,
  1,
  -0,
  1.5,
  2 ** 31,
  -(2 ** 31),
  2 ** 53 + 2,
  Number.MAX_VALUE,
  -Number.MAX_VALUE,
  INF,
  NEG_INF,
];

/** A random hostile value of any type, nested up to `depth`. */
export const hostileValue = (c: FuzzContext, r: Rng, depth = 2): unknown => {
  switch (r.int(depth > 0 ? 9 : 6)) {
    case 0:
    case 1:
    case 2:
      return r.pick(hostileStrings(c, r));
    case 3:
      return r.pick(hostileNumbers);
    case 4:
      return r.pick([true, false, null]);
    case 5:
      return r.pick(c.images.length ? c.images : ['fixture/busybox:1']);
    case 6:
      // Long arrays (past the contract's limits) hold one short value, so frames stay small.
      return r.chance(0.2)
        ? Array.from({ length: r.pick([501, 1001, 10_001]) }, () =>
            r.pick([0, -1, '', '../x', null, 'fixture/busybox:1']),
          )
        : Array.from({ length: r.int(4) }, () => hostileValue(c, r, depth - 1));
    case 7:
      return prototypeKeys(c, r, depth - 1);
    default:
      return Object.fromEntries(
        Array.from({ length: r.int(4) }, () => [
          r.pick(hostileStrings(c, r)).slice(0, 50),
          hostileValue(c, r, depth - 1),
        ]),
      );
  }
};

const prototypeKeys = (c: FuzzContext, r: Rng, depth: number): unknown =>
  // Written with JSON so `__proto__` is an own key, as JSON.parse on the server makes it.
  JSON.parse(
    JSON.stringify({ x: 1 }).replace(
      '"x":1',
      `"__proto__":{"polluted":${JSON.stringify(hostileValue(c, r, Math.max(0, depth)) ?? null)}},"constructor":{"prototype":{"polluted":true}}`,
    ),
  );

type Def = { type: string; [k: string]: unknown };
const defOf = (s: unknown): Def => (s as { _zod: { def: Def } })._zod.def;

/** A value of roughly the kind the schema wants, often hostile inside. */
const nearValue = (schema: unknown, c: FuzzContext, r: Rng, depth: number): unknown => {
  const def = defOf(schema);
  if (r.chance(0.3) || depth > 4) return hostileValue(c, r, 1);
  switch (def.type) {
    case 'optional':
    case 'default':
    case 'nullable':
    case 'readonly':
    case 'catch':
    case 'prefault':
    case 'nonoptional':
      return r.chance(0.15) ? undefined : nearValue(def.innerType, c, r, depth);
    case 'pipe':
      return nearValue(def.in, c, r, depth);
    case 'object':
      return nearObject(schema, c, r, depth + 1);
    case 'union':
      return nearValue(r.pick(def.options as unknown[]), c, r, depth);
    case 'literal':
      return r.pick(def.values as unknown[]);
    case 'enum':
      return r.pick(Object.values(def.entries as Record<string, unknown>));
    case 'array':
      return Array.from({ length: r.pick([0, 1, 1, 2, 3]) }, () => nearValue(def.element, c, r, depth + 1));
    case 'boolean':
      return r.chance(0.8) ? r.chance(0.5) : hostileValue(c, r, 0);
    case 'number':
    case 'int':
      return r.pick(hostileNumbers);
    case 'string':
      return r.chance(0.35)
        ? r.pick([...c.images, ...c.containers, `${c.root}/fuzz-${r.int(1e9)}.tar`, uuid(r), 'fuzz.tar'])
        : r.pick(hostileStrings(c, r));
    default:
      return hostileValue(c, r, 1);
  }
};

/** An object with the schema's keys (some dropped), hostile or near-valid values, sometimes extra and prototype keys. */
const nearObject = (schema: unknown, c: FuzzContext, r: Rng, depth: number): unknown => {
  const def = defOf(schema);
  const shape = (def.shape ?? {}) as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(shape)) {
    if (r.chance(0.1)) continue;
    out[key] = nearValue(inner, c, r, depth);
  }
  // An empty shape (no arguments) would validate every time without extra keys.
  const extra = Object.keys(shape).length === 0 ? 0.7 : 0.1;
  if (r.chance(extra)) out[r.pick(['unknownField', 'extra', 'Path', 'references ', '\0'])] = hostileValue(c, r, 1);
  if (r.chance(0.08)) return { ...(prototypeKeys(c, r, 0) as object), ...out };
  return out;
};

/** One argument set for `method`: anything at all 15% of the time, else shaped after its schema. */
export const argsFor = (method: MethodName, c: FuzzContext, r: Rng): unknown => {
  if (r.chance(0.05)) return undefined;
  if (r.chance(0.15)) return hostileValue(c, r, 2);
  return nearValue(api[method].args, c, r, 0);
};

/** The text frame for a value, with Infinity markers written as 1e999 (JSON.parse reads them as ±Infinity). */
export const frameText = (message: unknown): string =>
  (JSON.stringify(message) ?? '')
    .replaceAll(JSON.stringify(INF), '1e999')
    .replaceAll(JSON.stringify(NEG_INF), '-1e999');

/** Whether the contract accepts these args, as the server will see them (after JSON, `?? {}`). */
export const validates = (method: MethodName, args: unknown): boolean => {
  const seen = (JSON.parse(frameText({ args })) as { args?: unknown }).args;
  return (api[method].args as z.ZodType).safeParse(seen ?? {}).success;
};

/** Frames that are not calls at all, or calls malformed in the envelope. Each gets exactly one reply. */
export const malformedFrames = (c: FuzzContext, r: Rng, id: () => number): string[] => [
  'not json',
  '{',
  '',
  'null',
  '[]',
  '[1,2,3]',
  '"call"',
  '42',
  '1e999',
  'true',
  '{}',
  '{"type":"call"}',
  `{"type":"call","id":-1,"method":"images.list","args":{}}`,
  `{"type":"call","id":1.5,"method":"images.list","args":{}}`,
  `{"type":"call","id":"${id()}","method":"images.list","args":{}}`,
  `{"type":"call","id":1e999,"method":"images.list","args":{}}`,
  `{"type":"call","id":${id()},"method":"${'m'.repeat(101)}","args":{}}`,
  `{"type":"call","id":${id()},"method":"__proto__","args":{}}`,
  `{"type":"call","id":${id()},"method":"constructor","args":{}}`,
  `{"type":"call","id":${id()},"method":"toString","args":{}}`,
  `{"type":"call","id":${id()},"method":"hasOwnProperty","args":{}}`,
  `{"type":"call","id":${id()},"method":"images.nope","args":{}}`,
  `{"type":"call","id":${id()},"method":42,"args":{}}`,
  `{"type":"call","id":${id()},"method":"images.remove","args":{"references":["lading-fuzz/never:1"]}}`,
  `{"type":"call","id":${id()},"method":"images.remove","operationId":"","args":{}}`,
  `{"type":"call","id":${id()},"method":"images.list","operationId":"${'o'.repeat(101)}","args":{}}`,
  `{"type":"subscribe","id":${id()},"topic":"__proto__"}`,
  `{"type":"subscribe","id":${id()},"topic":"constructor"}`,
  `{"type":"unsubscribe","id":${id()},"topic":"nothing"}`,
  `{"type":"subscribe","id":${id()}}`,
  `{"type":"nope","id":${id()}}`,
  `{"__proto__":{"type":"call"},"id":${id()}}`,
  `{"type":"call","id":${id()},"method":"images.list","args":{},"type":"subscribe"}`,
  `{"type":"call","id":${id()},"method":"images.list","args":${'['.repeat(5000)}${']'.repeat(5000)}}`,
  frameText({ type: 'call', id: id(), method: 'images.inspect', args: hostileValue(c, r, 3) }),
];

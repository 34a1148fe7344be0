/** Executes a parsed template over Go values, following text/template's exec.go. */
import { goCase, goTitle, printValue, sprint, sprintf, sprintln, toJson, compareKeys } from './format';
import { UnsupportedError, type Command, type Item, type Node, type Pipe } from './parse';
import { indirect, indirectInterface, STRING, typeName, typeOf, zero, type GoType, type GoValue } from './values';

/** A template execution error: what the CLI would report instead of output. */
export class ExecError extends Error {}

const INVALID: GoValue = { kind: 'invalid' };
const BREAK = Symbol('break');
const CONTINUE = Symbol('continue');

export const BUILTINS = new Set([
  'and',
  'or',
  'not',
  'len',
  'index',
  'slice',
  'print',
  'printf',
  'println',
  'eq',
  'ne',
  'lt',
  'le',
  'gt',
  'ge',
  // docker/cli's templates package
  'json',
  'split',
  'join',
  'title',
  'lower',
  'upper',
  'pad',
  'truncate',
]);
/** Go's functions we do not evaluate. */
export const UNSUPPORTED_FUNCS = new Set(['call', 'html', 'js', 'urlquery']);

const int = (v: number): GoValue => ({ kind: 'int', v, type: { k: 'int' } });
const str = (v: string): GoValue => ({ kind: 'string', v, type: STRING });
const bool = (v: boolean): GoValue => ({ kind: 'bool', v });

const typeStr = (v: GoValue): string => {
  const t = typeOf(v);
  return t ? typeName(t) : '<nil>';
};

/** Go's truth: false, 0, "", nil and empty collections are false; a struct is true. */
const isTrue = (v: GoValue): boolean => {
  const d = v.kind === 'iface' ? indirectInterface(v) : v;
  switch (d.kind) {
    case 'invalid':
    case 'nil':
      return false;
    case 'bool':
      return d.v;
    case 'int':
    case 'float':
      return d.v !== 0;
    case 'string':
    case 'number':
      return d.v !== '';
    case 'slice':
      return (d.items ?? []).length > 0;
    case 'map':
      return (d.entries?.size ?? 0) > 0;
    case 'opaque':
      if (d.json === null || d.json === undefined) return false;
      throw new UnsupportedError(`the truth of a ${d.name}`);
    default:
      return true;
  }
};

/** A pipeline's value: an empty interface is unwrapped ("lovely!" in exec.go); a nil one becomes invalid. */
const unwrap = (v: GoValue): GoValue =>
  v.kind === 'iface' ? unwrap(v.v) : v.kind === 'nil' && v.type.k === 'iface' ? INVALID : v;

type Basic = 'bool' | 'int' | 'float' | 'string' | 'invalid' | 'other';
const basicKind = (v: GoValue): Basic => {
  switch (v.kind) {
    case 'bool':
      return 'bool';
    case 'int':
      return 'int';
    case 'float':
      return 'float';
    case 'string':
    case 'number':
      return 'string';
    case 'invalid':
      return 'invalid';
    default:
      return 'other';
  }
};

interface Variable {
  name: string;
  value: GoValue;
}

export class Executor {
  private vars: Variable[];
  private out = '';
  /** Go's step budget stands in for a loop that would never end: refuse huge outputs. */
  private static readonly MAX_OUTPUT = 4_000_000;

  constructor(
    root: GoValue,
    /** The raw fallback runs with missingkey=error. */
    private readonly missingKeyError: boolean,
  ) {
    this.vars = [{ name: '$', value: root }];
  }

  run(items: Item[], dot: GoValue): string {
    this.walk(dot, items);
    return this.out;
  }

  private write(s: string) {
    this.out += s;
    if (this.out.length > Executor.MAX_OUTPUT) throw new UnsupportedError('an output this large');
  }

  private walk(dot: GoValue, items: Item[]): void {
    for (const item of items) {
      switch (item.t) {
        case 'text':
          this.write(item.text);
          break;
        case 'action': {
          const val = this.evalPipeline(dot, item.pipe);
          if (item.pipe.decl.length === 0) this.write(printValue(val));
          break;
        }
        case 'if':
        case 'with': {
          const mark = this.vars.length;
          const val = this.evalPipeline(dot, item.pipe);
          if (isTrue(val)) this.walk(item.t === 'with' ? val : dot, item.list);
          else if (item.elseList) this.walk(dot, item.elseList);
          this.vars.length = mark;
          break;
        }
        case 'range':
          this.walkRange(dot, item);
          break;
        case 'break':
          throw BREAK;
        case 'continue':
          throw CONTINUE;
      }
    }
  }

  private walkRange(dot: GoValue, r: Item & { t: 'range' }) {
    const mark = this.vars.length;
    const val = indirect(this.evalPipeline(dot, r.pipe));
    const bodyMark = this.vars.length;
    const decl = r.pipe.decl.length;
    const one = (index: GoValue, elem: GoValue): boolean => {
      if (decl > 0) this.setTopVar(1, elem);
      if (decl > 1) this.setTopVar(2, index);
      try {
        this.walk(elem, r.list);
      } catch (e) {
        if (e === BREAK) return false;
        if (e !== CONTINUE) throw e;
      } finally {
        this.vars.length = bodyMark;
      }
      return true;
    };
    let any = false;
    switch (val.kind) {
      case 'slice':
        for (const [i, elem] of (val.items ?? []).entries()) {
          any = true;
          if (!one(int(i), elem)) break;
        }
        break;
      case 'map':
        for (const [k, elem] of [...(val.entries ?? new Map<string, GoValue>()).entries()].sort(([a], [b]) =>
          compareKeys(a, b),
        )) {
          any = true;
          if (!one({ kind: 'string', v: k, type: { k: 'string' } }, elem)) break;
        }
        break;
      case 'int':
        if (decl > 1) throw new ExecError(`can't use ${val.v} to iterate over more than one variable`);
        for (let i = 0; i < val.v; i++) {
          any = true;
          if (!one(int(i), int(i))) break;
        }
        break;
      case 'invalid':
      case 'nil':
        break;
      case 'opaque':
        if (val.json === null || val.json === undefined) break;
        throw new UnsupportedError(`ranging over a ${val.name}`);
      default:
        throw new ExecError(`range can't iterate over ${printValue(val)}`);
    }
    if (!any && r.elseList) this.walk(dot, r.elseList);
    this.vars.length = mark;
  }

  private setTopVar(n: number, value: GoValue) {
    const v = this.vars[this.vars.length - n];
    if (v) v.value = value;
  }

  private lookupVar(name: string): GoValue {
    for (let i = this.vars.length - 1; i >= 0; i--) if (this.vars[i]?.name === name) return this.vars[i]!.value;
    throw new ExecError(`undefined variable: ${name}`);
  }

  private evalPipeline(dot: GoValue, pipe: Pipe): GoValue {
    let value: GoValue | undefined;
    for (const cmd of pipe.cmds) value = unwrap(this.evalCommand(dot, cmd, value));
    const result = value ?? INVALID;
    for (const name of pipe.decl) {
      if (pipe.assign) {
        const v = [...this.vars].reverse().find((x) => x.name === name);
        if (!v) throw new ExecError(`undefined variable: ${name}`);
        v.value = result;
      } else this.vars.push({ name, value: result });
    }
    return result;
  }

  private notAFunction(args: Node[], final: GoValue | undefined) {
    if (args.length > 1 || final !== undefined)
      throw new ExecError(`can't give argument to non-function ${show(args[0])}`);
  }

  private evalCommand(dot: GoValue, cmd: Command, final: GoValue | undefined): GoValue {
    const first = cmd.args[0] as Node;
    switch (first.t) {
      case 'field':
        return this.evalFieldChain(dot, dot, first.names, cmd.args, final);
      case 'chain': {
        if (cmd.args.length > 1) throw new ExecError(`can't give argument to non-function ${show(first)}`);
        const base = this.evalArg(dot, first.node);
        return this.evalFieldChain(dot, base, first.names, cmd.args, final);
      }
      case 'ident':
        return this.evalFunction(dot, first.name, cmd.args.slice(1), final);
      case 'pipe':
        this.notAFunction(cmd.args, final);
        return this.evalPipeline(dot, first.pipe);
      case 'var': {
        const value = this.lookupVar(first.name);
        if (first.names.length === 0) {
          this.notAFunction(cmd.args, final);
          return value;
        }
        return this.evalFieldChain(dot, value, first.names, cmd.args, final);
      }
      case 'nil':
        throw new ExecError('nil is not a command');
      default:
        this.notAFunction(cmd.args, final);
        return this.evalArg(dot, first);
    }
  }

  /** An operand's value (an argument, or the command's only word). */
  private evalArg(dot: GoValue, n: Node): GoValue {
    switch (n.t) {
      case 'dot':
        return dot;
      case 'field':
        return this.evalFieldChain(dot, dot, n.names, [n], undefined);
      case 'var': {
        const v = this.lookupVar(n.name);
        return n.names.length ? this.evalFieldChain(dot, v, n.names, [n], undefined) : v;
      }
      case 'chain':
        return this.evalFieldChain(dot, this.evalArg(dot, n.node), n.names, [n], undefined);
      case 'pipe':
        return this.evalPipeline(dot, n.pipe);
      case 'ident':
        return this.evalFunction(dot, n.name, [], undefined);
      case 'string':
        return str(n.v);
      case 'number':
        return n.int ? int(n.v) : { kind: 'float', v: n.v };
      case 'bool':
        return bool(n.v);
      case 'nil':
        return INVALID;
    }
  }

  private evalFieldChain(dot: GoValue, receiver: GoValue, names: string[], args: Node[], final: GoValue | undefined) {
    let r = receiver;
    names.forEach((name, i) => {
      const last = i === names.length - 1;
      r = this.evalField(name, r, last ? args : [], last ? final : undefined);
    });
    return r;
  }

  private evalField(name: string, receiver: GoValue, args: Node[], final: GoValue | undefined): GoValue {
    if (receiver.kind === 'invalid') {
      if (this.missingKeyError) throw new ExecError(`nil data; no entry for key "${name}"`);
      return INVALID;
    }
    const hasArgs = args.length > 1 || final !== undefined;
    const typ = typeStr(receiver);
    const r = indirect(receiver);
    if (r.kind === 'nil' && r.type.k === 'iface') throw new ExecError(`nil pointer evaluating ${typ}.${name}`);
    switch (r.kind) {
      case 'struct': {
        const found = findField(r, name);
        if (found) {
          if (hasArgs) throw new ExecError(`${name} has arguments but cannot be invoked as function`);
          return found;
        }
        break;
      }
      case 'map': {
        if (hasArgs) throw new ExecError(`${name} is not a method but has arguments`);
        const hit = r.entries?.get(name);
        if (hit !== undefined) return hit;
        if (this.missingKeyError) throw new ExecError(`map has no entry for key "${name}"`);
        return INVALID;
      }
      case 'nil':
        if (r.type.k === 'ptr') {
          const elem = r.type.elem;
          if (elem.k === 'struct' && findFieldType(elem, name))
            throw new ExecError(`nil pointer evaluating ${typ}.${name}`);
        }
        break;
      case 'time':
        throw new UnsupportedError(`.${name} of a time (Go methods)`);
      case 'opaque':
        throw new UnsupportedError(`.${name} of a ${r.name}`);
      case 'string':
        if (r.type.name === 'digest.Digest') throw new UnsupportedError(`.${name} of a digest (Go methods)`);
        break;
    }
    throw new ExecError(`can't evaluate field ${name} in type ${typ}`);
  }

  private evalFunction(dot: GoValue, name: string, argNodes: Node[], final: GoValue | undefined): GoValue {
    if (UNSUPPORTED_FUNCS.has(name)) throw new UnsupportedError(`the ${name} function`);
    if (!BUILTINS.has(name)) throw new ExecError(`function "${name}" not defined`);
    const lazy = argNodes.map((n) => () => this.evalArg(dot, n));
    if (final !== undefined) lazy.push(() => final);
    const all = () => lazy.map((f) => f());
    const want = (n: number) => {
      if (lazy.length !== n) throw new ExecError(`wrong number of args for ${name}: want ${n} got ${lazy.length}`);
    };
    switch (name) {
      case 'and':
      case 'or': {
        if (lazy.length < 1) throw new ExecError(`wrong number of args for ${name}: want at least 1 got 0`);
        let v: GoValue = INVALID;
        for (const f of lazy) {
          v = f();
          if (isTrue(v) === (name === 'or')) return v;
        }
        return v;
      }
      case 'not':
        want(1);
        return bool(!isTrue(lazy[0]!()));
      case 'len':
        want(1);
        return int(length(lazy[0]!()));
      case 'index': {
        if (lazy.length < 1) throw new ExecError('wrong number of args for index: want at least 1 got 0');
        const [item, ...idx] = all();
        return index(item as GoValue, idx);
      }
      case 'slice': {
        if (lazy.length < 1) throw new ExecError('wrong number of args for slice: want at least 1 got 0');
        const [item, ...idx] = all();
        return sliceOf(item as GoValue, idx);
      }
      case 'print':
        return str(sprint(all().map(asInterface)));
      case 'println':
        return str(sprintln(all().map(asInterface)));
      case 'printf': {
        if (lazy.length < 1) throw new ExecError('wrong number of args for printf: want at least 1 got 0');
        const [format, ...rest] = all();
        return str(sprintf(asString(format as GoValue), rest.map(asInterface)));
      }
      case 'eq':
      case 'ne':
      case 'lt':
      case 'le':
      case 'gt':
      case 'ge':
        return bool(compare(name, all()));
      case 'json':
        want(1);
        return str(toJson(asInterface(lazy[0]!())));
      case 'split': {
        want(2);
        const [s, sep] = all().map(asString) as [string, string];
        const parts = sep === '' ? [...s] : s.split(sep);
        return { kind: 'slice', items: parts.map(str), type: { k: 'slice', elem: STRING } };
      }
      case 'join': {
        want(2);
        const [list, sep] = all();
        return str(asStrings(list as GoValue).join(asString(sep as GoValue)));
      }
      case 'title':
        want(1);
        return str(goTitle(asString(lazy[0]!())));
      case 'lower':
      case 'upper':
        want(1);
        return str(goCase(asString(lazy[0]!()), name === 'upper'));
      case 'pad': {
        want(3);
        const [s, pre, post] = all();
        return str(
          ' '.repeat(Math.max(0, asInt(pre as GoValue))) +
            asString(s as GoValue) +
            ' '.repeat(Math.max(0, asInt(post as GoValue))),
        );
      }
      case 'truncate': {
        want(2);
        const [s, n] = all();
        const text = asString(s as GoValue);
        const l = asInt(n as GoValue);
        if (l < 0) throw new ExecError('slice bounds out of range');
        if (text.length < l) return str(text);
        // Docker cuts bytes: identical to characters only for ASCII.
        if (!isAscii(text)) throw new UnsupportedError('truncate of non-ASCII text (Go cuts bytes)');
        return str(text.slice(0, l));
      }
    }
    throw new UnsupportedError(`the ${name} function`);
  }
}

const isAscii = (s: string): boolean => [...s].every((c) => c.charCodeAt(0) < 0x80);

const show = (n: Node | undefined): string => {
  if (!n) return '';
  switch (n.t) {
    case 'dot':
      return '.';
    case 'field':
      return `.${n.names.join('.')}`;
    case 'var':
      return n.name + n.names.map((x) => `.${x}`).join('');
    case 'string':
      return JSON.stringify(n.v);
    case 'number':
      return n.text;
    case 'bool':
      return String(n.v);
    case 'nil':
      return 'nil';
    case 'ident':
      return n.name;
    default:
      return '(…)';
  }
};

/** A struct's field by Go name, promoted fields of embedded structs included. */
const findField = (v: GoValue & { kind: 'struct' }, name: string): GoValue | undefined => {
  for (const [i, def] of v.type.fields.entries()) {
    const value = v.fields[i] as GoValue;
    if (def.embedded) continue;
    if (def.go === name) return value;
  }
  for (const [i, def] of v.type.fields.entries()) {
    const value = v.fields[i] as GoValue;
    if (def.embedded && value.kind === 'struct') {
      if (def.go === name) return value;
      const inner = findField(value, name);
      if (inner) return inner;
    }
  }
  return undefined;
};

const findFieldType = (t: GoType & { k: 'struct' }, name: string): boolean =>
  t.fields.some((f) => f.go === name || (f.embedded && f.type.k === 'struct' && findFieldType(f.type, name)));

/** A value passed to an `any` parameter: a missing value becomes a nil interface. */
const asInterface = (v: GoValue): GoValue =>
  v.kind === 'invalid' ? { kind: 'nil', type: { k: 'iface' } } : indirectInterface(v);

const asString = (v: GoValue): string => {
  const d = indirectInterface(v);
  if (d.kind === 'string' && d.type.name === undefined) return d.v;
  if (d.kind === 'invalid') throw new ExecError('invalid value; expected string');
  throw new ExecError(`wrong type for value; expected string; got ${typeStr(d)}`);
};

const asInt = (v: GoValue): number => {
  const d = indirectInterface(v);
  if (d.kind === 'int' && (d.type.name === undefined || d.type.name === 'int')) return d.v;
  throw new ExecError(`wrong type for value; expected int; got ${typeStr(d)}`);
};

const asStrings = (v: GoValue): string[] => {
  const d = indirectInterface(v);
  if (d.kind === 'slice' && d.type.elem.k === 'string' && d.type.elem.name === undefined)
    return (d.items ?? []).map((x) => (x.kind === 'string' ? x.v : ''));
  throw new ExecError(`wrong type for value; expected []string; got ${typeStr(d)}`);
};

const length = (item: GoValue): number => {
  const d = indirectInterface(item);
  if (d.kind === 'invalid') throw new ExecError('len of untyped nil');
  const r = indirect(d);
  if (r.kind === 'nil' && r.type.k === 'ptr') throw new ExecError('len of nil pointer');
  switch (r.kind) {
    case 'string':
    case 'number':
      return new TextEncoder().encode(r.v).length;
    case 'slice':
      return (r.items ?? []).length;
    case 'map':
      return r.entries?.size ?? 0;
    case 'opaque':
      if (Array.isArray(r.json)) return r.json.length;
      if (r.json === null || r.json === undefined) return 0;
      throw new UnsupportedError(`len of a ${r.name}`);
  }
  throw new ExecError(`len of type ${typeStr(r)}`);
};

const indexInt = (v: GoValue): number => {
  const d = indirectInterface(v);
  if (d.kind === 'int') return d.v;
  if (d.kind === 'invalid') throw new ExecError('cannot index slice/array with nil');
  throw new ExecError(`cannot index slice/array with type ${typeStr(d)}`);
};

const index = (item: GoValue, indexes: GoValue[]): GoValue => {
  let cur = indirectInterface(item);
  if (cur.kind === 'invalid') throw new ExecError('error calling index: index of untyped nil');
  for (const ix of indexes) {
    const key = indirectInterface(ix);
    cur = indirect(cur);
    if (cur.kind === 'nil') throw new ExecError('error calling index: index of nil pointer');
    switch (cur.kind) {
      case 'slice': {
        const i = indexInt(key);
        const items = cur.items ?? [];
        if (i < 0 || i >= items.length) throw new ExecError(`error calling index: index out of range: ${i}`);
        cur = items[i] as GoValue;
        break;
      }
      case 'string': {
        const i = indexInt(key);
        const bytes = new TextEncoder().encode(cur.v);
        if (i < 0 || i >= bytes.length) throw new ExecError(`error calling index: index out of range: ${i}`);
        cur = { kind: 'int', v: bytes[i] as number, type: { k: 'int', name: 'uint8' } };
        break;
      }
      case 'map': {
        if (key.kind !== 'string' || key.type.name !== undefined)
          throw new ExecError(`error calling index: value has type ${typeStr(key)}; should be string`);
        cur = cur.entries?.get(key.v) ?? zero(cur.type.elem);
        break;
      }
      case 'invalid':
        throw new ExecError('error calling index: index of untyped nil');
      case 'opaque':
        throw new UnsupportedError(`index of a ${cur.name}`);
      default:
        throw new ExecError(`error calling index: can't index item of type ${typeStr(cur)}`);
    }
  }
  return cur;
};

const sliceOf = (item: GoValue, idx: GoValue[]): GoValue => {
  const d = indirect(indirectInterface(item));
  if (idx.length > 2) throw new UnsupportedError('3-index slices');
  const bounds = idx.map(indexInt);
  if (d.kind === 'string') {
    if (!isAscii(d.v)) throw new UnsupportedError('slice of non-ASCII text (Go cuts bytes)');
    const [from = 0, to = d.v.length] = bounds;
    if (from < 0 || to > d.v.length || from > to) throw new ExecError(`error calling slice: index out of range: ${to}`);
    return str(d.v.slice(from, to));
  }
  if (d.kind === 'slice') {
    const items = d.items ?? [];
    const [from = 0, to = items.length] = bounds;
    if (from < 0 || to > items.length || from > to)
      throw new ExecError(`error calling slice: index out of range: ${to}`);
    return { ...d, items: items.slice(from, to) };
  }
  throw new ExecError(`error calling slice: can't slice item of type ${typeStr(d)}`);
};

const compare = (op: string, args: GoValue[]): boolean => {
  const [first, ...rest] = args.map((a) => indirectInterface(a));
  if (first === undefined || rest.length === 0)
    throw new ExecError(`error calling ${op}: missing argument for comparison`);
  if (op !== 'eq' && rest.length !== 1)
    throw new ExecError(`wrong number of args for ${op}: want 2 got ${args.length}`);
  const k1 = basicKind(first);
  const eq1 = (b: GoValue): boolean => {
    const k2 = basicKind(b);
    if (k1 === 'other' || k2 === 'other')
      throw new UnsupportedError(`${op} of a ${typeStr(k1 === 'other' ? first : b)}`);
    if (k1 !== k2) {
      if (k1 !== 'invalid' && k2 !== 'invalid')
        throw new ExecError(`error calling ${op}: incompatible types for comparison`);
      if (k1 === 'invalid' && k2 === 'invalid') throw new UnsupportedError(`${op} of two missing values`);
      return false;
    }
    return (first as { v: unknown }).v === (b as { v: unknown }).v;
  };
  if (op === 'eq') return rest.some(eq1);
  if (op === 'ne') return !eq1(rest[0] as GoValue);
  const b = rest[0] as GoValue;
  const k2 = basicKind(b);
  if (k1 === 'bool' || k1 === 'other' || k1 === 'invalid' || k1 !== k2) {
    if (k1 === 'other' || k2 === 'other') throw new UnsupportedError(`${op} of a ${typeStr(first)}`);
    throw new ExecError(
      k1 !== k2
        ? `error calling ${op}: incompatible types for comparison`
        : `error calling ${op}: invalid type for comparison`,
    );
  }
  const x = (first as { v: number | string }).v;
  const y = (b as { v: number | string }).v;
  const c = typeof x === 'string' ? compareKeys(x, y as string) : x < (y as number) ? -1 : x > (y as number) ? 1 : 0;
  return op === 'lt' ? c < 0 : op === 'le' ? c <= 0 : op === 'gt' ? c > 0 : c >= 0;
};

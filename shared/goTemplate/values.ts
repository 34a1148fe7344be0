/**
 * Go values as the template engine sees them, built from JSON the way Go's
 * encoding/json would fill Docker's Go types (typed) or an interface{}
 * (the CLI's raw fallback, which decodes numbers as json.Number).
 */
import { UnsupportedError } from './parse';

export interface FieldDef {
  go: string;
  /** JSON key (Go matches keys case-insensitively when decoding). */
  json: string;
  omitempty?: boolean;
  type: GoType;
  /** Embedded struct: its fields are promoted and its JSON is inlined. */
  embedded?: boolean;
}

export type GoType =
  | { k: 'string'; name?: string }
  | { k: 'int'; name?: string }
  | { k: 'float' }
  | { k: 'bool' }
  | { k: 'slice'; elem: GoType; name?: string }
  | { k: 'map'; elem: GoType; name?: string }
  | { k: 'struct'; name: string; fields: FieldDef[] }
  | { k: 'ptr'; elem: GoType }
  | { k: 'iface' }
  | { k: 'time' }
  /** A type we do not model: any use of a non-empty value is refused. */
  | { k: 'opaque'; name: string };

export type StringType = GoType & { k: 'string' };
export type IntType = GoType & { k: 'int' };

export type GoValue =
  /** reflect's invalid Value: a missing map entry; prints "<no value>". */
  | { kind: 'invalid' }
  | { kind: 'nil'; type: GoType }
  | { kind: 'string'; v: string; type: StringType }
  | { kind: 'int'; v: number; type: IntType }
  | { kind: 'float'; v: number }
  /** json.Number: a string-kinded value that prints and encodes as its literal. */
  | { kind: 'number'; v: string }
  | { kind: 'bool'; v: boolean }
  | { kind: 'slice'; items: GoValue[] | null; type: GoType & { k: 'slice' } }
  | { kind: 'map'; entries: Map<string, GoValue> | null; type: GoType & { k: 'map' } }
  | { kind: 'struct'; fields: GoValue[]; type: GoType & { k: 'struct' } }
  | { kind: 'ptr'; to: GoValue; type: GoType & { k: 'ptr' } }
  /** An interface{} holding a value (a nil interface is kind 'nil'). */
  | { kind: 'iface'; v: GoValue }
  | { kind: 'time'; iso: string }
  | { kind: 'opaque'; name: string; json: unknown };

export const IFACE: GoType = { k: 'iface' };
export const STRING: StringType = { k: 'string' };
export const INT: IntType = { k: 'int' };

export const typeName = (t: GoType): string => {
  switch (t.k) {
    case 'string':
      return t.name ?? 'string';
    case 'int':
      return t.name ?? 'int';
    case 'float':
      return 'float64';
    case 'bool':
      return 'bool';
    case 'slice':
      return t.name ?? `[]${typeName(t.elem)}`;
    case 'map':
      return t.name ?? `map[string]${typeName(t.elem)}`;
    case 'struct':
      return t.name;
    case 'ptr':
      return `*${typeName(t.elem)}`;
    case 'iface':
      return 'interface {}';
    case 'time':
      return 'time.Time';
    case 'opaque':
      return t.name;
  }
};

export const typeOf = (v: GoValue): GoType | null => {
  switch (v.kind) {
    case 'invalid':
      return null;
    case 'nil':
    case 'string':
    case 'int':
    case 'slice':
    case 'map':
    case 'struct':
    case 'ptr':
      return v.type;
    case 'float':
      return { k: 'float' };
    case 'number':
      return { k: 'string', name: 'json.Number' };
    case 'bool':
      return { k: 'bool' };
    case 'iface':
      return IFACE;
    case 'time':
      return { k: 'time' };
    case 'opaque':
      return { k: 'opaque', name: v.name };
  }
};

/** The zero value of a type (what a missing JSON key leaves, and `index` of a missing map key). */
export const zero = (t: GoType): GoValue => {
  switch (t.k) {
    case 'string':
      return { kind: 'string', v: '', type: t };
    case 'int':
      return { kind: 'int', v: 0, type: t };
    case 'float':
      return { kind: 'float', v: 0 };
    case 'bool':
      return { kind: 'bool', v: false };
    case 'slice':
      return { kind: 'slice', items: null, type: t };
    case 'map':
      return { kind: 'map', entries: null, type: t };
    case 'struct':
      return { kind: 'struct', fields: t.fields.map((f) => zero(f.type)), type: t };
    case 'ptr':
    case 'iface':
      return { kind: 'nil', type: t };
    case 'time':
      return { kind: 'time', iso: '0001-01-01T00:00:00Z' };
    case 'opaque':
      return { kind: 'opaque', name: t.name, json: null };
  }
};

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

const mismatch = (t: GoType, json: unknown): never => {
  throw new UnsupportedError(
    `the engine's answer has ${JSON.stringify(json)?.slice(0, 40)} where Docker expects ${typeName(t)}`,
  );
};

/** JSON → a Go value of type t, as json.Unmarshal would fill it. */
export const fromJson = (json: unknown, t: GoType): GoValue => {
  if (json === null || json === undefined) return zero(t);
  switch (t.k) {
    case 'string':
      return typeof json === 'string' ? { kind: 'string', v: json, type: t } : mismatch(t, json);
    case 'int':
      return typeof json === 'number' && Number.isInteger(json) ? { kind: 'int', v: json, type: t } : mismatch(t, json);
    case 'float':
      return typeof json === 'number' ? { kind: 'float', v: json } : mismatch(t, json);
    case 'bool':
      return typeof json === 'boolean' ? { kind: 'bool', v: json } : mismatch(t, json);
    case 'slice':
      return Array.isArray(json)
        ? { kind: 'slice', items: json.map((x) => fromJson(x, t.elem)), type: t }
        : mismatch(t, json);
    case 'map':
      if (!isObject(json)) return mismatch(t, json);
      return { kind: 'map', entries: new Map(Object.entries(json).map(([k, v]) => [k, fromJson(v, t.elem)])), type: t };
    case 'struct': {
      if (!isObject(json)) return mismatch(t, json);
      const keys = Object.keys(json);
      const fill = (st: GoType & { k: 'struct' }): GoValue => ({
        kind: 'struct',
        type: st,
        fields: st.fields.map((f) => {
          if (f.embedded && f.type.k === 'struct') return fill(f.type);
          const key = keys.find((k) => k === f.json) ?? keys.find((k) => k.toLowerCase() === f.json.toLowerCase());
          return key === undefined ? zero(f.type) : fromJson(json[key], f.type);
        }),
      });
      return fill(t);
    }
    case 'ptr':
      return { kind: 'ptr', to: fromJson(json, t.elem), type: t };
    case 'iface':
      return dynamic(json, false);
    case 'time':
      return typeof json === 'string' ? { kind: 'time', iso: json } : mismatch(t, json);
    case 'opaque':
      return { kind: 'opaque', name: t.name, json };
  }
};

/**
 * JSON → what Go puts in an interface{}: map[string]interface{},
 * []interface{}, string, bool, and float64 (or json.Number with UseNumber,
 * as the CLI's raw fallback decodes).
 */
export const dynamic = (json: unknown, useNumber: boolean): GoValue => {
  if (json === null || json === undefined) return { kind: 'nil', type: IFACE };
  const inner = (): GoValue => {
    if (typeof json === 'string') return { kind: 'string', v: json, type: STRING };
    if (typeof json === 'boolean') return { kind: 'bool', v: json };
    if (typeof json === 'number')
      return useNumber ? { kind: 'number', v: goNumberLiteral(json) } : { kind: 'float', v: json };
    if (Array.isArray(json))
      return { kind: 'slice', items: json.map((x) => dynamic(x, useNumber)), type: { k: 'slice', elem: IFACE } };
    if (isObject(json))
      return {
        kind: 'map',
        entries: new Map(Object.entries(json).map(([k, v]) => [k, dynamic(v, useNumber)])),
        type: { k: 'map', elem: IFACE },
      };
    throw new UnsupportedError('a value JSON cannot hold');
  };
  return { kind: 'iface', v: inner() };
};

/**
 * The literal json.Number keeps. We only have the parsed number, so only
 * integers (which print the same either way) are safe; a fraction might
 * have been written differently in the engine's answer.
 */
const goNumberLiteral = (n: number): string => {
  if (Number.isSafeInteger(n)) return String(n);
  throw new UnsupportedError('fractional or huge numbers in the raw fallback');
};

/** Follows pointers and interfaces (Go's indirect): nil stays nil. */
export const indirect = (v: GoValue): GoValue => {
  let cur = v;
  for (;;) {
    if (cur.kind === 'ptr') cur = cur.to;
    else if (cur.kind === 'iface') cur = cur.v;
    else return cur;
  }
};

/** Follows interfaces only (Go's indirectInterface). */
export const indirectInterface = (v: GoValue): GoValue => (v.kind === 'iface' ? indirectInterface(v.v) : v);

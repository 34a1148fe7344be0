/** Go's printing of values: fmt's %v, Sprint/Sprintln/Sprintf (a subset), strconv.Quote, encoding/json. */
import { UnsupportedError } from './parse';
import { indirect, typeName, typeOf, type FieldDef, type GoType, type GoValue } from './values';

/** Go's byte order for map keys (fmt and encoding/json both sort string keys bytewise). */
export const compareKeys = (a: string, b: string): number => {
  // UTF-8 byte order is code point order (UTF-16 unit order is not, past the surrogates).
  const x = [...a];
  const y = [...b];
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const d = (x[i]?.codePointAt(0) ?? 0) - (y[i]?.codePointAt(0) ?? 0);
    if (d !== 0) return d;
  }
  return x.length - y.length;
};

const sortedEntries = (m: Map<string, GoValue>): [string, GoValue][] =>
  [...m.entries()].sort(([a], [b]) => compareKeys(a, b));

/** strconv.FormatFloat(v, 'g', -1, 64), as %v prints a float64. */
export const formatFloatV = (v: number): string => {
  if (Number.isNaN(v)) return 'NaN';
  if (!Number.isFinite(v)) return v > 0 ? '+Inf' : '-Inf';
  if (v === 0) return Object.is(v, -0) ? '-0' : '0';
  const [mant = '0', expText = '0'] = v.toExponential().split('e');
  const exp = Number(expText);
  if (exp < -4 || exp >= 21) {
    const e = Math.abs(exp);
    return `${mant}e${exp < 0 ? '-' : '+'}${e < 10 ? `0${e}` : e}`;
  }
  // Shortest digits in plain notation.
  const digits = mant.replace('.', '').replace('-', '');
  const neg = v < 0 ? '-' : '';
  if (exp >= digits.length - 1) return neg + digits + '0'.repeat(exp - digits.length + 1);
  if (exp >= 0) return `${neg}${digits.slice(0, exp + 1)}.${digits.slice(exp + 1)}`;
  return `${neg}0.${'0'.repeat(-exp - 1)}${digits}`;
};

/** time.Time's String(): "2006-01-02 15:04:05.999999999 -0700 MST", for UTC times. */
const timeString = (iso: string): string => {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}:\d{2})(\.\d+)?Z$/.exec(iso);
  if (!m) throw new UnsupportedError(`printing the time ${iso} (only UTC times are modelled)`);
  const frac = (m[3] ?? '').replace(/0+$/, '');
  return `${m[1]} ${m[2]}${frac === '.' ? '' : frac} +0000 UTC`;
};

/** fmt's %v of a value; depth > 0 inside a struct, slice or map. */
export const formatV = (v: GoValue, depth = 0): string => {
  switch (v.kind) {
    case 'invalid':
      return '<invalid reflect.Value>';
    case 'nil':
      return v.type.k === 'slice' ? '[]' : v.type.k === 'map' ? 'map[]' : '<nil>';
    case 'string':
    case 'number':
      return v.v;
    case 'int':
      return String(v.v);
    case 'float':
      return formatFloatV(v.v);
    case 'bool':
      return v.v ? 'true' : 'false';
    case 'slice':
      return `[${(v.items ?? []).map((x) => formatV(x, depth + 1)).join(' ')}]`;
    case 'map':
      return `map[${sortedEntries(v.entries ?? new Map())
        .map(([k, x]) => `${k}:${formatV(x, depth + 1)}`)
        .join(' ')}]`;
    case 'struct':
      return `{${v.fields.map((x) => formatV(x, depth + 1)).join(' ')}}`;
    case 'ptr':
      // fmt prints &{…} at the top and an address inside: neither is worth imitating.
      if (depth > 0) throw new UnsupportedError('printing a structure that holds a pointer (Go prints its address)');
      return v.to.kind === 'struct' ? `&${formatV(v.to, depth)}` : '0x…';
    case 'iface':
      return formatV(v.v, depth);
    case 'time':
      return timeString(v.iso);
    case 'opaque':
      if (v.json === null || v.json === undefined) return v.name === 'time.Duration' ? '0s' : '<nil>';
      throw new UnsupportedError(`printing a ${v.name}`);
  }
};

/** How text/template prints a pipeline's result: pointers followed, a missing value as "<no value>". */
export const printValue = (v: GoValue): string => {
  if (v.kind === 'invalid') return '<no value>';
  let cur: GoValue = v;
  while (cur.kind === 'ptr') cur = cur.to;
  return formatV(cur);
};

const isStringKind = (v: GoValue) => {
  const d = v.kind === 'iface' ? v.v : v;
  return d.kind === 'string' || d.kind === 'number';
};

/** fmt.Sprint: a space between operands when neither side is a string. */
export const sprint = (args: GoValue[]): string => {
  let out = '';
  args.forEach((a, i) => {
    if (i > 0 && !isStringKind(a) && !isStringKind(args[i - 1] as GoValue)) out += ' ';
    out += formatArg(a);
  });
  return out;
};

/** fmt.Sprintln: spaces between all operands, a newline at the end. */
export const sprintln = (args: GoValue[]): string => `${args.map(formatArg).join(' ')}\n`;

/** An argument passed to a fmt function (an interface: nil prints "<nil>", pointers are not followed). */
const formatArg = (v: GoValue): string => {
  if (v.kind === 'invalid') return '<nil>';
  return formatV(v);
};

const pad = (s: string, width: number, left: boolean) => {
  const len = [...s].length;
  if (len >= width) return s;
  return left ? s + ' '.repeat(width - len) : ' '.repeat(width - len) + s;
};

/** strconv.Quote for the characters we can classify like Go; others are refused. */
export const goQuote = (s: string): string => {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0) ?? 0;
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (c >= 0x20 && c < 0x7f) out += ch;
    else if (c === 7) out += '\\a';
    else if (c === 8) out += '\\b';
    else if (c === 12) out += '\\f';
    else if (c === 10) out += '\\n';
    else if (c === 13) out += '\\r';
    else if (c === 9) out += '\\t';
    else if (c === 11) out += '\\v';
    else if (c < 0x20 || c === 0x7f) out += `\\x${c.toString(16).padStart(2, '0')}`;
    else if (/^[\p{L}\p{M}\p{N}\p{P}\p{S}]$/u.test(ch)) out += ch;
    else throw new UnsupportedError('quoting this character (%q)');
  }
  return `${out}"`;
};

/** A subset of fmt.Sprintf: verbs v s d q t x and %%, with an optional "-" flag and a width. */
export const sprintf = (format: string, args: GoValue[]): string => {
  let out = '';
  let argi = 0;
  for (let i = 0; i < format.length; i++) {
    const c = format[i];
    if (c !== '%') {
      out += c;
      continue;
    }
    const m = /^(-?)(\d*)([a-zA-Z%])/.exec(format.slice(i + 1));
    if (!m) throw new UnsupportedError(`the printf directive ${format.slice(i, i + 4)}`);
    i += m[0].length;
    const [, minus, widthText, verb] = m;
    if (verb === '%') {
      out += '%';
      continue;
    }
    const arg = args[argi++];
    if (arg === undefined) throw new UnsupportedError('printf with fewer arguments than verbs');
    const width = widthText ? Number(widthText) : 0;
    out += pad(formatVerb(verb as string, arg), width, minus === '-');
  }
  if (argi < args.length) throw new UnsupportedError('printf with more arguments than verbs');
  return out;
};

const formatVerb = (verb: string, arg: GoValue): string => {
  const v = arg.kind === 'iface' ? arg.v : arg;
  switch (verb) {
    case 'v':
      return formatArg(arg);
    case 's':
      if (v.kind === 'string' || v.kind === 'number') return v.v;
      if (v.kind === 'slice' && (v.items ?? []).every((x) => isStringKind(x))) return formatV(v);
      break;
    case 'd':
      if (v.kind === 'int') return String(v.v);
      break;
    case 't':
      if (v.kind === 'bool') return String(v.v);
      break;
    case 'q':
      if (v.kind === 'string') return goQuote(v.v);
      break;
    case 'x':
      if (v.kind === 'int') return v.v < 0 ? `-${(-v.v).toString(16)}` : v.v.toString(16);
      if (v.kind === 'string')
        return [...new TextEncoder().encode(v.v)].map((b) => b.toString(16).padStart(2, '0')).join('');
      break;
  }
  throw new UnsupportedError(`printf %${verb} of a ${typeName(typeOf(v) ?? { k: 'iface' })}`);
};

/** encoding/json's string encoding with HTML escaping off (the CLI's json function). */
export const jsonString = (s: string): string => {
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x22) out += '\\"';
    else if (c === 0x5c) out += '\\\\';
    else if (c === 0x0a) out += '\\n';
    else if (c === 0x0d) out += '\\r';
    else if (c === 0x09) out += '\\t';
    else if (c === 0x08) out += '\\b';
    else if (c === 0x0c) out += '\\f';
    else if (c < 0x20) out += `\\u00${c.toString(16).padStart(2, '0')}`;
    else if (c === 0x2028 || c === 0x2029) out += `\\u${c.toString(16)}`;
    else if (c >= 0xd800 && c <= 0xdbff) {
      const next = s.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        out += s[i] + (s[i + 1] as string);
        i++;
      } else out += '\\ufffd';
    } else if (c >= 0xdc00 && c <= 0xdfff) out += '\\ufffd';
    else out += s[i];
  }
  return `${out}"`;
};

/** A float64 as encoding/json writes it (ES6 number formatting, which JavaScript shares). */
const jsonFloat = (v: number): string => {
  if (!Number.isFinite(v)) throw new UnsupportedError('json of a non-finite number');
  return String(v);
};

const isEmptyValue = (v: GoValue): boolean => {
  switch (v.kind) {
    case 'nil':
      return true;
    case 'string':
    case 'number':
      return v.v === '';
    case 'int':
    case 'float':
      return v.v === 0;
    case 'bool':
      return !v.v;
    case 'slice':
      return (v.items ?? []).length === 0;
    case 'map':
      return (v.entries?.size ?? 0) === 0;
    case 'opaque':
      return v.json === null || v.json === undefined || (Array.isArray(v.json) && v.json.length === 0);
    default:
      return false;
  }
};

const structMembers = (type: GoType & { k: 'struct' }, fields: GoValue[], out: string[]) => {
  type.fields.forEach((def: FieldDef, i) => {
    const value = fields[i] as GoValue;
    if (def.embedded && value.kind === 'struct') {
      structMembers(value.type, value.fields, out);
      return;
    }
    if (def.omitempty && isEmptyValue(value)) return;
    out.push(`${jsonString(def.json)}:${toJson(value)}`);
  });
};

/** encoding/json's Marshal of a Go value (compact, keys sorted, HTML left alone). */
export const toJson = (v: GoValue): string => {
  switch (v.kind) {
    case 'invalid':
    case 'nil':
      return 'null';
    case 'string':
      return jsonString(v.v);
    case 'number':
      return v.v;
    case 'int':
      return String(v.v);
    case 'float':
      return jsonFloat(v.v);
    case 'bool':
      return v.v ? 'true' : 'false';
    case 'slice':
      return v.items === null ? 'null' : `[${v.items.map(toJson).join(',')}]`;
    case 'map':
      return v.entries === null
        ? 'null'
        : `{${sortedEntries(v.entries)
            .map(([k, x]) => `${jsonString(k)}:${toJson(x)}`)
            .join(',')}}`;
    case 'struct': {
      const out: string[] = [];
      structMembers(v.type, v.fields, out);
      return `{${out.join(',')}}`;
    }
    case 'ptr':
      return toJson(v.to);
    case 'iface':
      return toJson(v.v);
    case 'time':
      if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d*[1-9])?(Z|[+-]\d{2}:\d{2})$/.test(v.iso))
        throw new UnsupportedError(`json of the time ${v.iso}`);
      return jsonString(v.iso);
    case 'opaque':
      if (v.json === null || v.json === undefined) return 'null';
      if (v.name === 'time.Duration' && typeof v.json === 'number') return String(v.json);
      throw new UnsupportedError(`json of a ${v.name}`);
  }
};

/** strings.Title: upper-cases the first letter of each word (Go's word separators). */
export const goTitle = (s: string): string => {
  const isSeparator = (ch: string | undefined): boolean => {
    if (ch === undefined) return true;
    const c = ch.codePointAt(0) ?? 0;
    if (c <= 0x7f) return !/[0-9A-Za-z_]/.test(ch);
    if (/\p{L}|\p{N}/u.test(ch)) return false;
    return /\s/u.test(ch);
  };
  let prev: string | undefined;
  let out = '';
  for (const ch of s) {
    out += isSeparator(prev) ? goUpperRune(ch) : ch;
    prev = ch;
  }
  return out;
};

/** unicode.ToTitle of one rune is not always JavaScript's toUpperCase (ß → SS); refuse those. */
const goUpperRune = (ch: string): string => {
  const up = ch.toUpperCase();
  if ([...up].length !== 1) throw new UnsupportedError(`title-casing "${ch}"`);
  return up;
};

/** strings.ToUpper / ToLower, refusing the runes where Go and JavaScript disagree (one rune → several). */
export const goCase = (s: string, upper: boolean): string => {
  let out = '';
  for (const ch of s) {
    const mapped = upper ? ch.toUpperCase() : ch.toLowerCase();
    if ([...mapped].length !== 1) throw new UnsupportedError(`changing the case of "${ch}"`);
    out += mapped;
  }
  return out;
};

export { indirect };

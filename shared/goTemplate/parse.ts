/**
 * A parser for the part of Go's text/template that people type after
 * `docker inspect -f`. Hand-written: there is no maintained JavaScript
 * implementation of Go templates, and the point is to behave as Go does
 * (trim markers, field chains, pipelines, variables, if/else/range/with).
 * What it does not know it refuses with UnsupportedError, never guesses.
 */

export class TemplateSyntaxError extends Error {}
/** A construct we do not evaluate (so we cannot promise the CLI's answer). */
export class UnsupportedError extends Error {}

export type Node =
  | { t: 'dot' }
  | { t: 'field'; names: string[] }
  | { t: 'var'; name: string; names: string[] }
  | { t: 'chain'; node: Node; names: string[] }
  | { t: 'string'; v: string }
  | { t: 'number'; text: string; int: boolean; v: number }
  | { t: 'bool'; v: boolean }
  | { t: 'nil' }
  | { t: 'ident'; name: string }
  | { t: 'pipe'; pipe: Pipe };

export interface Command {
  args: Node[];
}
export interface Pipe {
  decl: string[];
  assign: boolean;
  cmds: Command[];
}

export type Item =
  | { t: 'text'; text: string }
  | { t: 'action'; pipe: Pipe }
  | { t: 'if' | 'with'; pipe: Pipe; list: Item[]; elseList: Item[] | null }
  | { t: 'range'; pipe: Pipe; list: Item[]; elseList: Item[] | null }
  | { t: 'break' }
  | { t: 'continue' };

type Tok =
  | { k: 'field'; v: string }
  | { k: 'dot' }
  | { k: 'var'; v: string }
  | { k: 'string'; v: string }
  | { k: 'number'; v: string }
  | { k: 'char'; v: number }
  | { k: 'ident'; v: string }
  | { k: '(' | ')' | '|' | ',' | ':=' | '=' }
  | { k: 'space' };

const ESCAPES: Record<string, string> = {
  a: '\x07',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
  '\\': '\\',
  '"': '"',
  "'": "'",
};

/** A Go interpreted string or rune literal's body (between the quotes). */
const unquote = (body: string, quote: string): string => {
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const c = body[i] as string;
    if (c !== '\\') {
      out += c;
      continue;
    }
    const e = body[++i] ?? '';
    if (e in ESCAPES && (e !== "'" || quote === "'") && (e !== '"' || quote === '"')) out += ESCAPES[e];
    else if (e === 'x' || e === 'u' || e === 'U') {
      const n = e === 'x' ? 2 : e === 'u' ? 4 : 8;
      const hex = body.slice(i + 1, i + 1 + n);
      if (!/^[0-9a-fA-F]+$/.test(hex) || hex.length !== n) throw new TemplateSyntaxError(`bad escape \\${e}${hex}`);
      if (e === 'x') throw new UnsupportedError('\\x escapes (raw bytes) in strings');
      out += String.fromCodePoint(parseInt(hex, 16));
      i += n;
    } else if (/[0-7]/.test(e)) throw new UnsupportedError('octal escapes in strings');
    else throw new TemplateSyntaxError(`unknown escape sequence: \\${e}`);
  }
  return out;
};

const isAlnum = (c: string | undefined) => c !== undefined && /[\p{L}\p{N}_]/u.test(c);

/** Tokens of one action's inside (between the delimiters and trim markers). */
const lexAction = (src: string): Tok[] => {
  const toks: Tok[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i] as string;
    if (/\s/.test(c)) {
      while (i < src.length && /\s/.test(src[i] as string)) i++;
      toks.push({ k: 'space' });
    } else if (c === '.' && !/[0-9]/.test(src[i + 1] ?? '')) {
      if (isAlnum(src[i + 1])) {
        let j = i + 1;
        while (isAlnum(src[j])) j++;
        toks.push({ k: 'field', v: src.slice(i + 1, j) });
        i = j;
      } else {
        toks.push({ k: 'dot' });
        i++;
      }
    } else if (c === '$') {
      let j = i + 1;
      while (isAlnum(src[j])) j++;
      toks.push({ k: 'var', v: src.slice(i, j) });
      i = j;
    } else if (c === '"') {
      let j = i + 1;
      while (j < src.length && src[j] !== '"') {
        if (src[j] === '\\') j++;
        if (src[j] === '\n') throw new TemplateSyntaxError('unterminated quoted string');
        j++;
      }
      if (j >= src.length) throw new TemplateSyntaxError('unterminated quoted string');
      toks.push({ k: 'string', v: unquote(src.slice(i + 1, j), '"') });
      i = j + 1;
    } else if (c === '`') {
      const j = src.indexOf('`', i + 1);
      if (j < 0) throw new TemplateSyntaxError('unterminated raw quoted string');
      toks.push({ k: 'string', v: src.slice(i + 1, j).replace(/\r/g, '') });
      i = j + 1;
    } else if (c === "'") {
      let j = i + 1;
      while (j < src.length && src[j] !== "'") {
        if (src[j] === '\\') j++;
        j++;
      }
      const s = unquote(src.slice(i + 1, j), "'");
      if ([...s].length !== 1) throw new TemplateSyntaxError('malformed character constant');
      toks.push({ k: 'char', v: s.codePointAt(0) ?? 0 });
      i = j + 1;
    } else if (/[0-9+\-.]/.test(c)) {
      const m =
        /^[+-]?(?:0[xX][0-9a-fA-F_]+|0[bB][01_]+|0[oO][0-7_]+|(?:[0-9][0-9_]*)?\.?[0-9_]*(?:[eE][+-]?[0-9]+)?)/.exec(
          src.slice(i),
        );
      const text = m?.[0] ?? '';
      if (!text || !/[0-9]/.test(text)) throw new TemplateSyntaxError(`unexpected "${c}" in command`);
      toks.push({ k: 'number', v: text });
      i += text.length;
    } else if (isAlnum(c)) {
      let j = i;
      while (isAlnum(src[j])) j++;
      toks.push({ k: 'ident', v: src.slice(i, j) });
      i = j;
    } else if (c === ':' && src[i + 1] === '=') {
      toks.push({ k: ':=' });
      i += 2;
    } else if (c === '(' || c === ')' || c === '|' || c === ',' || c === '=') {
      toks.push({ k: c });
      i++;
    } else throw new TemplateSyntaxError(`unexpected "${c}" in command`);
  }
  return toks;
};

const numberNode = (text: string): Node => {
  const clean = text.replace(/_/g, '');
  const isInt = /^[+-]?(0[xX][0-9a-fA-F]+|0[bB][01]+|0[oO][0-7]+|[0-9]+)$/.test(clean);
  if (isInt) {
    const neg = clean.startsWith('-');
    const body = clean.replace(/^[+-]/, '');
    const v = /^0[xX]/.test(body)
      ? parseInt(body.slice(2), 16)
      : /^0[bB]/.test(body)
        ? parseInt(body.slice(2), 2)
        : /^0[oO]/.test(body)
          ? parseInt(body.slice(2), 8)
          : /^0[0-7]+$/.test(body)
            ? parseInt(body, 8)
            : parseInt(body, 10);
    if (!Number.isSafeInteger(v)) throw new UnsupportedError(`the number ${text} (too large)`);
    return { t: 'number', text, int: true, v: neg ? -v : v };
  }
  const v = Number(clean);
  if (!Number.isFinite(v)) throw new TemplateSyntaxError(`illegal number syntax: "${text}"`);
  return { t: 'number', text, int: false, v };
};

/** Parses the tokens of one action into a pipeline. */
class PipeParser {
  private i = 0;
  constructor(private readonly toks: Tok[]) {}

  private peek(skipSpace = true): Tok | undefined {
    let j = this.i;
    while (skipSpace && this.toks[j]?.k === 'space') j++;
    return this.toks[j];
  }
  private next(): Tok | undefined {
    while (this.toks[this.i]?.k === 'space') this.i++;
    return this.toks[this.i++];
  }
  done(): boolean {
    return this.peek() === undefined;
  }

  pipeline(context: string, inParens = false): Pipe {
    const pipe: Pipe = { decl: [], assign: false, cmds: [] };
    // Declarations: $x := / $x = / $i, $e :=
    const save = this.i;
    const v1 = this.next();
    if (v1?.k === 'var') {
      const after = this.next();
      if (after?.k === ':=' || after?.k === '=') {
        pipe.decl = [v1.v];
        pipe.assign = after.k === '=';
      } else if (after?.k === ',' && context === 'range') {
        const v2 = this.next();
        const op = this.next();
        if (v2?.k !== 'var' || op?.k !== ':=') throw new TemplateSyntaxError('range can only initialize variables');
        pipe.decl = [v1.v, v2.v];
      } else this.i = save;
    } else this.i = save;

    for (;;) {
      const cmd = this.command();
      pipe.cmds.push(cmd);
      const tok = this.peek();
      if (tok?.k === '|') {
        this.next();
        continue;
      }
      if (tok === undefined && !inParens) break;
      if (tok?.k === ')' && inParens) break;
      throw new TemplateSyntaxError(`unexpected ${tok ? describe(tok) : 'end'} in ${context}`);
    }
    if (pipe.cmds.length === 0) throw new TemplateSyntaxError(`missing value for ${context}`);
    return pipe;
  }

  private command(): Command {
    const args: Node[] = [];
    for (;;) {
      const tok = this.peek();
      if (tok === undefined || tok.k === '|' || tok.k === ')') break;
      args.push(this.operand());
      // Operands are separated by spaces; a field chain continues without one.
      const after = this.peek(false);
      if (after && after.k !== 'space' && after.k !== '|' && after.k !== ')')
        throw new TemplateSyntaxError(`unexpected ${describe(after)} in operand`);
    }
    if (args.length === 0) throw new TemplateSyntaxError('empty command');
    return { args };
  }

  private fieldsAfter(): string[] {
    const names: string[] = [];
    for (let tok = this.toks[this.i]; tok?.k === 'field'; tok = this.toks[this.i]) {
      names.push(tok.v);
      this.i++;
    }
    return names;
  }

  private operand(): Node {
    const tok = this.next();
    if (!tok) throw new TemplateSyntaxError('missing operand');
    switch (tok.k) {
      case 'dot':
        return { t: 'dot' };
      case 'field':
        return { t: 'field', names: [tok.v, ...this.fieldsAfter()] };
      case 'var':
        return { t: 'var', name: tok.v, names: this.fieldsAfter() };
      case 'string':
        return { t: 'string', v: tok.v };
      case 'number':
        return numberNode(tok.v);
      case 'char':
        return { t: 'number', text: String(tok.v), int: true, v: tok.v };
      case 'ident':
        if (tok.v === 'true' || tok.v === 'false') return { t: 'bool', v: tok.v === 'true' };
        if (tok.v === 'nil') return { t: 'nil' };
        return { t: 'ident', name: tok.v };
      case '(': {
        const pipe = this.pipeline('parenthesized pipeline', true);
        const close = this.next();
        if (close?.k !== ')') throw new TemplateSyntaxError('unclosed left paren');
        const names = this.fieldsAfter();
        const node: Node = { t: 'pipe', pipe };
        return names.length ? { t: 'chain', node, names } : node;
      }
      default:
        throw new TemplateSyntaxError(`unexpected ${describe(tok)} in operand`);
    }
  }
}

const describe = (tok: Tok): string =>
  'v' in tok ? `"${String(tok.v)}"` : tok.k === 'dot' ? '"."' : tok.k === 'space' ? 'space' : `"${tok.k}"`;

const KEYWORDS = new Set(['if', 'else', 'end', 'range', 'with', 'break', 'continue', 'define', 'template', 'block']);

type Raw = { t: 'text'; text: string } | { t: 'kw'; kw: string; rest: string } | { t: 'action'; body: string };

/** Splits the template into text and actions, applying `{{- ` and ` -}}` trimming. */
const split = (src: string): Raw[] => {
  const out: Raw[] = [];
  let i = 0;
  let trimNextLeft = false;
  while (i <= src.length) {
    const open = src.indexOf('{{', i);
    let text = open < 0 ? src.slice(i) : src.slice(i, open);
    if (trimNextLeft) text = text.replace(/^[ \t\r\n]+/, '');
    trimNextLeft = false;
    if (open < 0) {
      if (text) out.push({ t: 'text', text });
      break;
    }
    let start = open + 2;
    if (/^-[ \t\r\n]/.test(src.slice(start))) {
      text = text.replace(/[ \t\r\n]+$/, '');
      start += 1;
    }
    if (text) out.push({ t: 'text', text });
    // A comment may contain "}}"-free text only up to its "*/".
    const trimmed = src.slice(start).replace(/^[ \t\r\n]*/, '');
    let close: number;
    if (trimmed.startsWith('/*')) {
      const endComment = src.indexOf('*/', start);
      if (endComment < 0) throw new TemplateSyntaxError('unclosed comment');
      close = src.indexOf('}}', endComment);
      if (close < 0) throw new TemplateSyntaxError('unclosed action');
      const between = src.slice(endComment + 2, close);
      if (!/^([ \t\r\n]+-)?[ \t\r\n]*$/.test(between) && between !== '')
        throw new TemplateSyntaxError('comment ends before closing delimiter');
      if (/[ \t\r\n]-$/.test(src.slice(0, close))) trimNextLeft = true;
      i = close + 2;
      continue;
    }
    close = findClose(src, start);
    let body = src.slice(start, close);
    if (/[ \t\r\n]-$/.test(body)) {
      body = body.slice(0, -1);
      trimNextLeft = true;
    }
    const m = /^\s*([a-z]+)\b(.*)$/s.exec(body);
    if (m && KEYWORDS.has(m[1] as string)) out.push({ t: 'kw', kw: m[1] as string, rest: m[2] ?? '' });
    else out.push({ t: 'action', body });
    i = close + 2;
  }
  return out;
};

/** The "}}" that closes an action starting at `from`, skipping quoted strings. */
const findClose = (src: string, from: number): number => {
  let i = from;
  while (i < src.length) {
    const c = src[i];
    if (c === '"' || c === "'") {
      i++;
      while (i < src.length && src[i] !== c) {
        if (src[i] === '\\') i++;
        if (src[i] === '\n') throw new TemplateSyntaxError('unterminated quoted string');
        i++;
      }
      i++;
    } else if (c === '`') {
      const j = src.indexOf('`', i + 1);
      if (j < 0) throw new TemplateSyntaxError('unterminated raw quoted string');
      i = j + 1;
    } else if (c === '}' && src[i + 1] === '}') return i;
    else i++;
  }
  throw new TemplateSyntaxError('unclosed action');
};

const parsePipe = (body: string, context: string): Pipe => {
  const p = new PipeParser(lexAction(body));
  const pipe = p.pipeline(context);
  if (!p.done()) throw new TemplateSyntaxError(`unexpected input in ${context}`);
  return pipe;
};

/** Parses a whole template. */
export const parseTemplate = (src: string): Item[] => {
  const raws = split(src);
  let pos = 0;
  let loops = 0;

  // Returns the list and what ended it ("end", "else", "else if …", or EOF).
  const list = (inside: string | null): { items: Item[]; end: Raw | null } => {
    const items: Item[] = [];
    while (pos < raws.length) {
      const r = raws[pos++] as Raw;
      if (r.t === 'text') items.push({ t: 'text', text: r.text });
      else if (r.t === 'action') {
        const pipe = parsePipe(r.body, 'command');
        items.push({ t: 'action', pipe });
      } else if (r.kw === 'end' || r.kw === 'else') {
        if (!inside) throw new TemplateSyntaxError(`unexpected {{${r.kw}}}`);
        return { items, end: r };
      } else if (r.kw === 'if' || r.kw === 'with' || r.kw === 'range') {
        items.push(control(r.kw, r.rest));
      } else if (r.kw === 'break' || r.kw === 'continue') {
        if (r.rest.trim() !== '') throw new TemplateSyntaxError(`unexpected input after {{${r.kw}}}`);
        if (loops === 0) throw new TemplateSyntaxError(`{{${r.kw}}} outside {{range}}`);
        items.push({ t: r.kw });
      } else throw new UnsupportedError(`{{${r.kw}}} (named templates)`);
    }
    if (inside) throw new TemplateSyntaxError(`unexpected EOF: {{${inside}}} without {{end}}`);
    return { items, end: null };
  };

  const control = (kw: 'if' | 'with' | 'range', rest: string): Item => {
    const pipe = parsePipe(rest, kw);
    if (kw === 'range') loops++;
    const body = list(kw);
    if (kw === 'range') loops--;
    let elseList: Item[] | null = null;
    const end = body.end as Raw & { t: 'kw' };
    if (end.kw === 'else') {
      const chained = /^\s*(if|with)\b(.*)$/s.exec(end.rest);
      if (chained) {
        // {{else if …}} is an if nested in the else branch, sharing one {{end}}.
        elseList = [control(chained[1] as 'if' | 'with', chained[2] ?? '')];
      } else {
        if (end.rest.trim() !== '') throw new TemplateSyntaxError('unexpected input after {{else}}');
        const rest2 = list(kw);
        const end2 = rest2.end as Raw & { t: 'kw' };
        if (end2.kw !== 'end') throw new TemplateSyntaxError('expected end; found {{else}}');
        if (end2.rest.trim() !== '') throw new TemplateSyntaxError('unexpected input after {{end}}');
        elseList = rest2.items;
      }
    } else if (end.rest.trim() !== '') throw new TemplateSyntaxError('unexpected input after {{end}}');
    return kw === 'range'
      ? { t: 'range', pipe, list: body.items, elseList }
      : { t: kw, pipe, list: body.items, elseList };
  };

  return list(null).items;
};

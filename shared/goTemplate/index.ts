/**
 * `docker inspect -f TEMPLATE` for images, evaluated without the CLI. There
 * is no maintained JavaScript implementation of Go's text/template, so this
 * is our own, limited to the subset people use; anything outside it is
 * refused with a reason rather than answered differently from the CLI.
 *
 * Like the CLI (cli/command/inspect), the template runs first over the Go
 * type the response decodes into; if that fails, over the raw JSON decoded
 * into interface{} (numbers as json.Number) with missingkey=error, and the
 * second error is the one reported.
 */
import { BUILTINS, ExecError, Executor, UNSUPPORTED_FUNCS } from './exec';
import { imageInspectType } from './inspectTypes';
import { parseTemplate, TemplateSyntaxError, UnsupportedError, type Item, type Node, type Pipe } from './parse';
import { dynamic, fromJson } from './values';

export type FormatResult =
  /** What the CLI prints for the image, without the newline it adds after each image. */
  | { ok: true; output: string }
  /** syntax: the CLI refuses the template; exec: it fails on this image; unsupported: we cannot say. */
  | { ok: false; kind: 'syntax' | 'exec' | 'unsupported'; message: string };

const checkFunctions = (items: Item[]) => {
  const node = (n: Node) => {
    if (n.t === 'ident') {
      if (UNSUPPORTED_FUNCS.has(n.name)) throw new UnsupportedError(`the ${n.name} function`);
      if (!BUILTINS.has(n.name)) throw new TemplateSyntaxError(`function "${n.name}" not defined`);
    } else if (n.t === 'pipe') pipe(n.pipe);
    else if (n.t === 'chain') node(n.node);
  };
  const pipe = (p: Pipe) => p.cmds.forEach((c) => c.args.forEach(node));
  const walk = (list: Item[]) =>
    list.forEach((it) => {
      if (it.t === 'action' || it.t === 'if' || it.t === 'with' || it.t === 'range') pipe(it.pipe);
      if (it.t === 'if' || it.t === 'with' || it.t === 'range') {
        walk(it.list);
        if (it.elseList) walk(it.elseList);
      }
    });
  walk(items);
};

const failure = (err: unknown): FormatResult => {
  if (err instanceof TemplateSyntaxError) return { ok: false, kind: 'syntax', message: err.message };
  if (err instanceof ExecError) return { ok: false, kind: 'exec', message: err.message };
  if (err instanceof UnsupportedError) return { ok: false, kind: 'unsupported', message: err.message };
  if (err instanceof RangeError) return { ok: false, kind: 'unsupported', message: 'a template nested this deeply' };
  throw err;
};

/** Evaluates `docker image inspect -f template` over one image's inspect JSON. */
export const formatInspect = (template: string, inspect: unknown): FormatResult => {
  let items: Item[];
  try {
    items = parseTemplate(template);
    checkFunctions(items);
  } catch (err) {
    return failure(err);
  }
  try {
    const typed = fromJson(inspect, imageInspectType);
    return { ok: true, output: new Executor(typed, false).run(items, typed) };
  } catch (err) {
    if (!(err instanceof ExecError)) return failure(err);
  }
  try {
    const raw = dynamic(inspect, true);
    return { ok: true, output: new Executor(raw, true).run(items, raw) };
  } catch (err) {
    return failure(err);
  }
};

export { TemplateSyntaxError, UnsupportedError } from './parse';

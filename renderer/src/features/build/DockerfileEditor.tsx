import { autocompletion, completionKeymap, type CompletionContext } from '@codemirror/autocomplete';
import { defaultKeymap, history, historyKeymap, indentWithTab } from '@codemirror/commands';
import { defaultHighlightStyle, StreamLanguage, syntaxHighlighting, type StreamParser } from '@codemirror/language';
import { dockerFile } from '@codemirror/legacy-modes/mode/dockerfile';
import { forceLinting, linter, lintKeymap, type Diagnostic } from '@codemirror/lint';
import { highlightSelectionMatches, searchKeymap } from '@codemirror/search';
import { EditorState, type Text } from '@codemirror/state';
import { EditorView, hoverTooltip, keymap, lineNumbers, highlightActiveLine } from '@codemirror/view';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { lintDockerfile, type LintWarning } from './dockerfileLint';
import { HELP_INSTRUCTIONS, instructionAt } from './instructions';

interface Props {
  value: string;
  onChange(text: string): void;
  /** Accessible name of the text area. */
  label: string;
}

const offsetOf = (doc: Text, p: LintWarning['from']): number => {
  const line = doc.line(Math.min(p.line + 1, doc.lines));
  return Math.min(line.from + p.character, line.to);
};

/**
 * The Dockerfile editor: CodeMirror 6 with the Dockerfile mode, instruction
 * help on hover and in completion (in the UI's language), and the lint
 * warnings underlined. Help and messages are read at use time, so switching
 * the language needs no new editor.
 */
export function DockerfileEditor({ value, onChange, label }: Props) {
  const { t, i18n } = useTranslation();
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const tRef = useRef(t);
  tRef.current = t;
  const onChangeRef = useRef(onChange);
  onChangeRef.current = onChange;

  useEffect(() => {
    if (!host.current) return;
    const help = (keyword: string) => tRef.current(`build.help.${keyword}`);
    const helpNode = (keyword: string) => {
      const dom = document.createElement('div');
      dom.className = 'cm-help';
      dom.textContent = help(keyword);
      return dom;
    };
    const lintSource = (v: EditorView): Diagnostic[] =>
      lintDockerfile(v.state.doc.toString()).map((w) => ({
        from: offsetOf(v.state.doc, w.from),
        to: offsetOf(v.state.doc, w.to),
        severity: 'warning',
        message: tRef.current(`build.lint.${w.rule}`, w.params),
      }));
    const complete = (ctx: CompletionContext) => {
      const line = ctx.state.doc.lineAt(ctx.pos);
      const before = line.text.slice(0, ctx.pos - line.from);
      const m = /^\s*([A-Za-z]*)$/.exec(before);
      if (!m) return null;
      if (!m[1] && !ctx.explicit) return null;
      return {
        from: ctx.pos - (m[1]?.length ?? 0),
        options: HELP_INSTRUCTIONS.map((k) => ({ label: k, type: 'keyword', info: () => helpNode(k) })),
        validFor: /^[A-Za-z]*$/,
      };
    };
    const hover = hoverTooltip((v, pos) => {
      const line = v.state.doc.lineAt(pos);
      const hit = instructionAt(line.text, pos - line.from);
      if (!hit) return null;
      return {
        pos: line.from + hit.start,
        end: line.from + hit.end,
        above: true,
        create: () => ({ dom: helpNode(hit.keyword) }),
      };
    });
    const state = EditorState.create({
      doc: value,
      extensions: [
        lineNumbers(),
        history(),
        highlightActiveLine(),
        highlightSelectionMatches(),
        StreamLanguage.define(dockerFile as unknown as StreamParser<unknown>),
        syntaxHighlighting(defaultHighlightStyle),
        autocompletion({ override: [complete] }),
        linter(lintSource, { delay: 300 }),
        hover,
        keymap.of([
          ...defaultKeymap,
          ...historyKeymap,
          ...searchKeymap,
          ...completionKeymap,
          ...lintKeymap,
          indentWithTab,
        ]),
        EditorView.contentAttributes.of({ 'aria-label': label, 'aria-multiline': 'true' }),
        EditorView.updateListener.of((u) => {
          if (u.docChanged) onChangeRef.current(u.state.doc.toString());
        }),
      ],
    });
    view.current = new EditorView({ state, parent: host.current });
    return () => {
      view.current?.destroy();
      view.current = null;
    };
    // The editor is created once; `value` changes are applied below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  // Text from outside (a file opened): replace the document when it differs.
  useEffect(() => {
    const v = view.current;
    if (v && v.state.doc.toString() !== value) {
      v.dispatch({ changes: { from: 0, to: v.state.doc.length, insert: value } });
    }
  }, [value]);

  // Lint messages in the new language.
  useEffect(() => {
    if (view.current) forceLinting(view.current);
  }, [i18n.language]);

  return <div ref={host} className="dockerfile-editor" />;
}

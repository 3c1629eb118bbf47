/**
 * The YAML editor (CodeMirror 6, loaded only when a document is opened): YAML highlighting, completion of
 * keys and values from the published JSON Schema (schema-path.ts), and diagnostics from the server's own
 * validator (POST /v1/{kind}/validate), the same verdict `drillsim validate` gives, each at its line.
 */
import { autocompletion, completionKeymap, type CompletionContext, type CompletionResult } from '@codemirror/autocomplete';
import { defaultKeymap, history, historyKeymap, indentWithTab } from '@codemirror/commands';
import { yaml } from '@codemirror/lang-yaml';
import { bracketMatching, defaultHighlightStyle, foldGutter, indentOnInput, syntaxHighlighting } from '@codemirror/language';
import { forceLinting, lintGutter, linter, lintKeymap, type Diagnostic } from '@codemirror/lint';
import { highlightSelectionMatches, searchKeymap } from '@codemirror/search';
import { EditorState } from '@codemirror/state';
import { drawSelection, EditorView, highlightActiveLine, highlightActiveLineGutter, keymap, lineNumbers } from '@codemirror/view';
import type { ErrorDetail } from '../api.js';
import { cursorContext, suggest, type JsonSchema } from './schema-path.js';

export interface YamlEditor {
  view: EditorView;
  text(): string;
  /** Show these problems (from the server) at their lines. */
  showProblems(details: readonly ErrorDetail[]): void;
  /** Re-run the validator now. */
  check(): void;
  destroy(): void;
}

export interface EditorOptions {
  parent: HTMLElement;
  text: string;
  schema: JsonSchema | null;
  label: string;
  readOnly?: boolean;
  /** The server's check of the text; its details become diagnostics. */
  validate: (text: string) => Promise<readonly ErrorDetail[]>;
  onChange?: () => void;
}

/** A detail's place in the document: its line (and column) when the server located it, else line 1. */
export function diagnosticOf(state: EditorState, d: ErrorDetail): Diagnostic {
  const lines = state.doc.lines;
  const lineNo = Math.min(Math.max(1, d.line ?? 1), lines);
  const line = state.doc.line(lineNo);
  const from = Math.min(line.to, line.from + Math.max(0, (d.column ?? 1) - 1));
  const to = line.to > from ? line.to : Math.min(state.doc.length, from + 1);
  return { from, to, severity: 'error', message: `${d.path !== '' ? `${d.path}: ` : ''}${d.message}`, source: 'drillsim' };
}

export function createEditor(options: EditorOptions): YamlEditor {
  let problems: Diagnostic[] = [];
  const serverLint = linter(
    async (view) => {
      const text = view.state.doc.toString();
      try {
        const details = await options.validate(text);
        if (view.state.doc.toString() !== text) return problems;
        problems = details.map((d) => diagnosticOf(view.state, d));
      } catch {
        // a network failure: keep what was shown
      }
      return problems;
    },
    { delay: 600 },
  );
  const complete = (context: CompletionContext): CompletionResult | null => {
    if (options.schema === null) return null;
    const line = context.state.doc.lineAt(context.pos);
    const lines = context.state.doc.toString().split('\n');
    const ctx = cursorContext(lines, line.number - 1, context.pos - line.from);
    if (!context.explicit && ctx.prefix === '' && ctx.at === 'key' && !/^\s*(-\s+)?$/.test(line.text.slice(0, context.pos - line.from))) return null;
    const options_ = suggest(options.schema, ctx).map((s) => ({ label: s.label, apply: s.apply, detail: s.detail.length > 60 ? `${s.detail.slice(0, 57)}…` : s.detail, info: s.detail, type: s.type }));
    if (options_.length === 0) return null;
    return { from: context.pos - ctx.prefix.length, options: options_, validFor: /^[A-Za-z0-9_.$-]*$/ };
  };
  const view = new EditorView({
    parent: options.parent,
    state: EditorState.create({
      doc: options.text,
      extensions: [
        lineNumbers(),
        highlightActiveLineGutter(),
        foldGutter(),
        history(),
        drawSelection(),
        indentOnInput(),
        bracketMatching(),
        highlightActiveLine(),
        highlightSelectionMatches(),
        syntaxHighlighting(defaultHighlightStyle, { fallback: true }),
        yaml(),
        lintGutter(),
        serverLint,
        autocompletion({ override: [complete] }),
        keymap.of([...defaultKeymap, ...historyKeymap, ...searchKeymap, ...completionKeymap, ...lintKeymap, indentWithTab]),
        EditorState.tabSize.of(2),
        EditorState.readOnly.of(options.readOnly === true),
        EditorView.contentAttributes.of({ 'aria-label': options.label }),
        EditorView.updateListener.of((u) => {
          if (u.docChanged) options.onChange?.();
        }),
      ],
    }),
  });
  return {
    view,
    text: () => view.state.doc.toString(),
    showProblems: (details) => {
      problems = details.map((d) => diagnosticOf(view.state, d));
      forceLinting(view);
    },
    check: () => forceLinting(view),
    destroy: () => view.destroy(),
  };
}

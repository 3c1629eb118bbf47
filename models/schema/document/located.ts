/**
 * The located-document contract (a parsed document that can say where each JSON pointer sits in its
 * text) and the plain issues the parser reports before there is such a document.
 */
import type { InputIssue } from '../../../engine/errors.js';

export interface DocumentSource {
  text: string;
  /** Shown in every issue; a path or a name such as `request body`. */
  file?: string;
}

export interface SourcePosition {
  line: number;
  column: number;
}

/** A parsed (not yet schema-checked) document that can say where each JSON pointer sits in the text. */
export interface LocatedDocument {
  readonly value: unknown;
  readonly file?: string;
  /** Line and column of the value (or, with at = 'key', of the key) at `pointer`, or of its nearest existing ancestor. */
  position(pointer: string, at?: 'value' | 'key'): SourcePosition | undefined;
  /** An InputIssue at `pointer` with file, line and column filled in. */
  issue(pointer: string, message: string, options?: { at?: 'value' | 'key'; severity?: 'error' | 'warning' }): InputIssue;
}

/** An issue at a place in the text (or at none), before there is a document to point into. */
export function plainIssue(file: string | undefined, message: string, position?: SourcePosition, path = ''): InputIssue {
  const issue: InputIssue = { path, message, severity: 'error' };
  if (file !== undefined) issue.file = file;
  if (position !== undefined) {
    issue.line = position.line;
    issue.column = position.column;
  }
  return issue;
}

/** `doc.issue`, for every LocatedDocument: a plain issue at the pointer's position in the text. */
export function locatedIssue(
  doc: Pick<LocatedDocument, 'file' | 'position'>,
  pointer: string,
  message: string,
  options: { at?: 'value' | 'key'; severity?: 'error' | 'warning' } = {},
): InputIssue {
  const issue = plainIssue(doc.file, message, doc.position(pointer, options.at), pointer);
  if (options.severity !== undefined) issue.severity = options.severity;
  return issue;
}

/** Issues in text order (line, then column; unlocated last), ties in the order found. */
export function sortIssues(issues: InputIssue[]): InputIssue[] {
  return issues
    .map((issue, i) => ({ issue, i }))
    .sort((a, b) => (a.issue.line ?? Infinity) - (b.issue.line ?? Infinity) || (a.issue.column ?? 0) - (b.issue.column ?? 0) || a.i - b.i)
    .map((x) => x.issue);
}

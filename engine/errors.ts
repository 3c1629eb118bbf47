/**
 * Located input errors. Every loader (regions, scenarios, plans, imports) reports problems as a list of
 * issues that say where (file, line, column, JSON pointer) and what was expected, so the CLI can exit 2
 * and the HTTP API can answer 4xx with `details[]` - never a stack trace.
 */
export interface InputIssue {
  /** JSON pointer (RFC 6901) into the document, e.g. `/edges/12/from`; '' for the whole document. */
  path: string;
  message: string;
  file?: string;
  /** 1-based line and column in the source text, when the source was text (YAML, JSON, XML). */
  line?: number;
  column?: number;
  /** 'error' makes the input invalid; 'warning' is reported but accepted. */
  severity?: 'error' | 'warning';
}

export class InputError extends Error {
  readonly issues: InputIssue[];
  constructor(issues: InputIssue[], summary?: string) {
    super(summary ?? formatIssues(issues));
    this.name = 'InputError';
    this.issues = issues;
  }
}

export function formatIssue(issue: InputIssue): string {
  const where = [issue.file, issue.line !== undefined ? String(issue.line) : undefined, issue.column !== undefined ? String(issue.column) : undefined]
    .filter((part): part is string => part !== undefined)
    .join(':');
  const pointer = issue.path === '' ? '' : ` ${issue.path}`;
  const level = issue.severity === 'warning' ? 'warning' : 'error';
  return `${where === '' ? '' : `${where}: `}${level}:${pointer} ${issue.message}`.trim();
}

export function formatIssues(issues: readonly InputIssue[]): string {
  return issues.map(formatIssue).join('\n');
}

/** Escape one JSON-pointer segment (RFC 6901). */
export function pointerSegment(segment: string | number): string {
  return String(segment).replace(/~/g, '~0').replace(/\//g, '~1');
}

export function pointer(...segments: Array<string | number>): string {
  return segments.map((s) => `/${pointerSegment(s)}`).join('');
}

/**
 * Drill logs: what happened in a drill, one row per action taken, read against a script. CSV with the header
 * `action,at,by,notes` (RFC 4180 quoting; `by` and `notes` may be left out), or JSON (models/schema/drill.ts
 * DrillLogSchema: an array of rows or `{ entries, start?, date? }`).
 *
 * `action` is an expected action id of the script or a plan clause id (4.2.3); `at` is drill
 * minutes from the start, or an ISO-8601 time with offset (minus the drill's start: the log's `start`,
 * `--start`, or for an uncompressed script the scenario's start). Every problem is reported, located (file,
 * line, column): an unknown action or clause, a time outside the drill, a malformed row. Nothing is
 * evaluated unless the whole log is sound.
 *
 * The CSV reader is written here rather than taken from a CSV package because located errors need the line
 * and column of every field, which the CSV parsers at hand do not report.
 */
import { Value } from '@sinclair/typebox/value';
import { InputError, type InputIssue } from '../../engine/errors.js';
import { parseJsonText } from '../../engine/network/json-source.js';
import { DrillLogSchema, type DrillScript, type ExpectedAction } from '../schema/drill.js';

export const LOG_COLUMNS = ['action', 'at', 'by', 'notes'] as const;

/** One row of a log, resolved against a script. */
export interface LogEntry {
  action: ExpectedAction;
  /** Drill minutes from the start. */
  at: number;
  by: string | null;
  notes: string | null;
  /** Where the row is (for messages): 1-based line. */
  line: number;
}

export interface ParsedLog {
  entries: LogEntry[];
  /** The day of the drill when the log says (JSON `date`, or the date of its first ISO time). */
  date: string | null;
}

export interface LogOptions {
  /** Wall time of drill minute 0 (ISO-8601 with offset), for ISO `at` values. */
  start?: string;
}

interface Field {
  text: string;
  line: number;
  column: number;
}

/** RFC 4180 records with each field's position; a quote left open is an error at the quote. */
export function readCsv(text: string, file: string): Field[][] {
  const rows: Field[][] = [];
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  let col = 1;
  let row: Field[] = [];
  let field: Field = { text: '', line, column: col };
  let quoted = false;
  let atFieldStart = true;
  const advance = (c: string): void => {
    if (c === '\n') {
      line++;
      col = 1;
    } else col++;
  };
  const endField = (): void => {
    row.push(field);
  };
  for (; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field.text += '"';
          advance(c);
          i++;
          advance('"');
          continue;
        }
        quoted = false;
        advance(c);
        continue;
      }
      field.text += c;
      advance(c);
      continue;
    }
    if (c === '"' && atFieldStart) {
      quoted = true;
      atFieldStart = false;
      advance(c);
      continue;
    }
    if (c === '"') {
      throw new InputError([{ path: '', file, line, column: col, message: 'a quote inside an unquoted field: quote the whole field and double the quote ("")' }]);
    }
    if (c === ',') {
      endField();
      advance(c);
      field = { text: '', line, column: col };
      atFieldStart = true;
      continue;
    }
    if (c === '\r' && text[i + 1] === '\n') continue;
    if (c === '\n' || c === '\r') {
      endField();
      rows.push(row);
      advance('\n');
      row = [];
      field = { text: '', line, column: col };
      atFieldStart = true;
      continue;
    }
    field.text += c;
    atFieldStart = false;
    advance(c);
  }
  if (quoted) throw new InputError([{ path: '', file, line: field.line, column: field.column, message: 'a quoted field is not closed' }]);
  if (!(row.length === 0 && field.text === '' && atFieldStart)) {
    endField();
    rows.push(row);
  }
  // Blank lines (a lone empty field) are not rows.
  return rows.filter((r) => !(r.length === 1 && r[0]!.text.trim() === ''));
}

const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?([+-]\d{2}:\d{2}|Z)$/;
const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;

/** Resolve rows against the script; collects every problem with its location. */
class Resolver {
  readonly issues: InputIssue[] = [];
  readonly entries: LogEntry[] = [];
  date: string | null = null;
  private readonly byId = new Map<string, ExpectedAction>();

  constructor(
    private readonly script: DrillScript,
    private readonly file: string,
    private readonly start: string | null,
  ) {
    for (const a of script.expectedActions) {
      this.byId.set(a.id, a);
      this.byId.set(a.clause, a);
    }
  }

  fail(where: { line?: number; column?: number; path?: string }, message: string): void {
    this.issues.push({ path: where.path ?? '', file: this.file, ...(where.line !== undefined ? { line: where.line, column: where.column ?? 1 } : {}), message });
  }

  action(text: string, where: { line?: number; column?: number; path?: string }): ExpectedAction | null {
    const id = text.trim();
    if (id === '') {
      this.fail(where, 'the action is empty: give an expected action id (A-4.2.3) or a clause id (4.2.3)');
      return null;
    }
    const a = this.byId.get(id);
    if (a !== undefined) return a;
    if (this.script.untriggered.includes(id)) {
      this.fail(where, `clause '${id}' is not an expected action of this script: the scenario never triggered it in ${this.script.replications} replications`);
    } else {
      const ids = this.script.expectedActions.map((x) => x.id);
      this.fail(where, `unknown action or clause '${id}'; the script expects: ${ids.slice(0, 12).join(', ')}${ids.length > 12 ? ', ...' : ''} (or their clause ids)`);
    }
    return null;
  }

  time(value: string | number, where: { line?: number; column?: number; path?: string }): number | null {
    let minutes: number;
    if (typeof value === 'number' || NUMBER.test(value.trim())) {
      minutes = typeof value === 'number' ? value : Number(value.trim());
    } else if (ISO_WITH_OFFSET.test(value.trim())) {
      const iso = value.trim();
      if (this.start === null) {
        this.fail(where, `'${iso}' is a wall time, but the script is compressed ${this.script.compress}:1: give the drill's start (the log's "start", or --start) to place it`);
        return null;
      }
      minutes = (Date.parse(iso) - Date.parse(this.start)) / 60_000;
      this.date ??= iso.slice(0, 10);
    } else {
      this.fail(where, `'${String(value)}' is not a time: give drill minutes from the start (e.g. 95.5) or an ISO-8601 time with offset (2020-08-17T05:20+08:00)`);
      return null;
    }
    if (!Number.isFinite(minutes)) {
      this.fail(where, `'${String(value)}' is not a time`);
      return null;
    }
    if (minutes < 0 || minutes > this.script.duration) {
      this.fail(where, `${String(value)} is outside the drill: it runs from 0 to ${Math.round(this.script.duration * 100) / 100} drill minutes`);
      return null;
    }
    return minutes;
  }

  add(action: ExpectedAction | null, at: number | null, by: string | undefined, notes: string | undefined, line: number): void {
    if (action === null || at === null) return;
    this.entries.push({ action, at, by: by !== undefined && by.trim() !== '' ? by.trim() : null, notes: notes !== undefined && notes.trim() !== '' ? notes.trim() : null, line });
  }
}

function startFor(script: DrillScript, given: string | undefined, file: string): string | null {
  if (given !== undefined) {
    if (!ISO_WITH_OFFSET.test(given)) throw new InputError([{ path: '/start', file, message: `the drill's start '${given}' must be an ISO-8601 time with offset` }]);
    return given;
  }
  return script.compress === 1 ? script.start : null;
}

/** Read a CSV log against a script. */
export function parseCsvLog(text: string, file: string, script: DrillScript, options: LogOptions = {}): ParsedLog {
  const rows = readCsv(text, file);
  if (rows.length === 0) throw new InputError([{ path: '', file, line: 1, column: 1, message: `the log is empty: its first line must be the header ${LOG_COLUMNS.join(',')}` }]);
  const header = rows[0]!;
  const columns = new Map<string, number>();
  const issues: InputIssue[] = [];
  header.forEach((f, k) => {
    const name = f.text.trim();
    if (!(LOG_COLUMNS as readonly string[]).includes(name)) {
      issues.push({ path: '', file, line: f.line, column: f.column, message: `unknown column '${name}': the header is ${LOG_COLUMNS.join(',')}` });
    } else if (columns.has(name)) {
      issues.push({ path: '', file, line: f.line, column: f.column, message: `column '${name}' appears twice` });
    } else columns.set(name, k);
  });
  for (const need of ['action', 'at']) if (!columns.has(need)) issues.push({ path: '', file, line: header[0]!.line, column: 1, message: `the header has no '${need}' column: it is ${LOG_COLUMNS.join(',')}` });
  if (issues.length > 0) throw new InputError(issues);
  const r = new Resolver(script, file, startFor(script, options.start, file));
  for (const row of rows.slice(1)) {
    const first = row[0]!;
    if (row.length !== header.length) {
      const extra = row[header.length];
      r.fail(extra ?? { line: first.line, column: row[row.length - 1]!.column }, `this row has ${row.length} fields; the header has ${header.length} (${header.map((f) => f.text.trim()).join(',')}): quote a field that holds a comma`);
      continue;
    }
    const get = (name: string): Field | undefined => (columns.has(name) ? row[columns.get(name)!] : undefined);
    const actionField = get('action')!;
    const atField = get('at')!;
    const action = r.action(actionField.text, actionField);
    const at = atField.text.trim() === '' ? (r.fail(atField, 'the time is empty'), null) : r.time(atField.text, atField);
    r.add(action, at, get('by')?.text, get('notes')?.text, first.line);
  }
  if (r.issues.length > 0) throw new InputError(r.issues);
  return { entries: r.entries, date: r.date };
}

/** Read a JSON log against a script. */
export function parseJsonLog(text: string, file: string, script: DrillScript, options: LogOptions = {}): ParsedLog {
  const parsed = parseJsonText(text, file);
  const locator = parsed.locator();
  const where = (path: string): { path: string; line: number; column: number } => {
    const p = locator.locate(path);
    return { path, line: p.line, column: p.column };
  };
  const schemaIssues: InputIssue[] = [];
  if (!Value.Check(DrillLogSchema, parsed.value)) {
    const v = parsed.value;
    // The union's branches: report against the one the document meant (an object has entries).
    const branch = v !== null && typeof v === 'object' && !Array.isArray(v) ? DrillLogSchema.anyOf[1] : DrillLogSchema.anyOf[0];
    for (const e of Value.Errors(branch, v)) {
      schemaIssues.push({ file, ...where(e.path), message: e.message });
      if (schemaIssues.length >= 20) break;
    }
    if (schemaIssues.length === 0) schemaIssues.push({ file, ...where(''), message: 'not a drill log: an array of { action, at, by?, notes? } or { entries: [...] }' });
    throw new InputError(schemaIssues);
  }
  const doc = parsed.value as Array<Record<string, unknown>> | { entries: Array<Record<string, unknown>>; start?: string; date?: string };
  const entries = Array.isArray(doc) ? doc : doc.entries;
  const base = Array.isArray(doc) ? '' : '/entries';
  const givenStart = options.start ?? (Array.isArray(doc) ? undefined : doc.start);
  const r = new Resolver(script, file, startFor(script, givenStart, file));
  entries.forEach((e, k) => {
    const p = `${base}/${k}`;
    const action = r.action(e['action'] as string, where(`${p}/action`));
    const at = r.time(e['at'] as string | number, where(`${p}/at`));
    r.add(action, at, e['by'] as string | undefined, e['notes'] as string | undefined, where(p).line);
  });
  if (r.issues.length > 0) throw new InputError(r.issues);
  return { entries: r.entries, date: (Array.isArray(doc) ? undefined : doc.date) ?? r.date };
}

/** A log by its content: JSON if it starts with `[` or `{`, CSV otherwise. */
export function parseLog(text: string, file: string, script: DrillScript, options: LogOptions = {}): ParsedLog {
  const head = text.replace(/^\uFEFF/, '').trimStart();
  return head.startsWith('[') || head.startsWith('{') ? parseJsonLog(text, file, script, options) : parseCsvLog(text, file, script, options);
}

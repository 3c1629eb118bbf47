/**
 * Load YAML or JSON documents against TypeBox schemas with located errors.
 *
 * Every scenario, plan and drill file (and every HTTP body that carries one) goes through here, so the
 * rules live in one place:
 *   - YAML 1.2 core schema only: no custom tags, no YAML 1.1 extras (`!!binary`, `!!timestamp`, merge
 *     keys), string keys only, duplicate keys rejected, one document per file. JSON is YAML, so `.json`
 *     files take the same path.
 *   - Resource limits come first, before any parsing: document size (default 2 MiB), nesting depth (the
 *     yaml package recurses, and a few hundred thousand nested `- ` crash the process, so depth is checked
 *     by a linear scan beforehand) and alias expansions (billion-laughs documents fail fast).
 *   - Versioned documents: `drillsim: <version>` and `kind: <kind>` are checked before the schema, so a
 *     file of another kind or a future version gets one clear message instead of a page of noise.
 *   - Schema problems are reported ALL at once, each with file, line, column and JSON pointer, and a
 *     message that says what was expected: an unknown key names the allowed keys (and the likely typo); a
 *     union of object shapes is explained by its closest variant instead of one error per variant.
 *
 * The loader returns the validated raw document: durations and instants stay as written (units.ts
 * converts them in the compile step). `loadLocatedDocument` also returns the `LocatedDocument`, so the
 * compile step can report semantic problems (unknown zone, bad reference) at the right line too.
 */
import { readFileSync, statSync } from 'node:fs';
import { Type, type Static, type TLiteral, type TSchema } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { ValueErrorType, type ValueError, type ValueErrorIterator } from '@sinclair/typebox/errors';
import {
  isAlias,
  isMap,
  isScalar,
  isSeq,
  LineCounter,
  parseDocument,
  visit,
  type Document,
  type Node as YamlNode,
  type YAMLError,
} from 'yaml';
import { InputError, pointerSegment, type InputIssue } from '../../engine/errors.js';
import { parseJsonText, type JsonLocator } from '../../engine/network/json-source.js';
import { explainUnitPattern, INSTANT_PATTERN, instantProblemMessage } from './units.js';

/** The file format version every drillsim document carries as `drillsim: 1`. */
export const FORMAT_VERSION = 1;

export const DEFAULT_MAX_BYTES = 2 * 1024 * 1024;
export const DEFAULT_MAX_ALIAS_COUNT = 100;
export const DEFAULT_MAX_DEPTH = 64;
export const DEFAULT_MAX_INDENT = 256;
export const DEFAULT_MAX_ISSUES = 100;

export interface ParseLimits {
  /** Largest accepted document in UTF-8 bytes (default 2 MiB). */
  maxBytes?: number;
  /** Most alias expansions allowed (yaml's `maxAliasCount`; default 100, 0 forbids aliases). */
  maxAliasCount?: number;
  /** Deepest flow nesting ([ {) and most compact block indicators (`- - -`) on one line (default 64). */
  maxDepth?: number;
  /** Deepest indentation in columns (default 256). */
  maxIndent?: number;
}

export interface LoadOptions extends ParseLimits {
  /** The `kind` the document must have; default: the schema's `kind` literal, if it has one. */
  kind?: string;
  /** The `drillsim` format version required; default: the schema's `drillsim` literal, if it has one. */
  version?: number;
  /** Schemas that `Type.Ref`s in `schema` point to. */
  references?: TSchema[];
  /** Stop after this many problems (default 100); a last issue says that more were left out. */
  maxIssues?: number;
}

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

/** Schema properties for the document header: spread into a kind's Type.Object. */
export function documentHeader<K extends string>(kind: K): { drillsim: TLiteral<typeof FORMAT_VERSION>; kind: TLiteral<K> } {
  return {
    drillsim: Type.Literal(FORMAT_VERSION, { description: 'drillsim file format version' }),
    kind: Type.Literal(kind, { description: 'What this document is' }),
  };
}

// ------------------------------------------------------------------------------------------------
// Small helpers

function unescapeSegment(s: string): string {
  return s.replace(/~1/g, '/').replace(/~0/g, '~');
}

function segments(pointer: string): string[] {
  return pointer === '' ? [] : pointer.split('/').slice(1).map(unescapeSegment);
}

function lastKey(pointer: string): string {
  const segs = segments(pointer);
  return segs[segs.length - 1] ?? '';
}

function parentPointer(pointer: string): string {
  return pointer.slice(0, Math.max(0, pointer.lastIndexOf('/')));
}

function asRecord(v: unknown): Record<string, unknown> | undefined {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
}

/** A short rendering of a value for messages. */
export function describeValue(v: unknown): string {
  if (v === undefined) return 'nothing';
  if (v === null) return 'an empty value';
  if (Array.isArray(v)) return v.length === 0 ? 'an empty list' : `a list of ${v.length}`;
  if (typeof v === 'object') return 'a mapping';
  if (typeof v === 'string') return JSON.stringify(v.length > 60 ? `${v.slice(0, 57)}...` : v);
  return String(v);
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** Levenshtein distance, capped: anything above `max` returns max + 1. */
function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      cur.push(v);
      if (v < best) best = v;
    }
    if (best > max) return max + 1;
    prev = cur;
  }
  return prev[b.length]!;
}

/** The candidate a typo most likely meant, if one is close enough. */
export function closestName(word: string, candidates: readonly string[]): string | undefined {
  const lower = word.toLowerCase();
  const exactCase = candidates.find((c) => c.toLowerCase() === lower);
  if (exactCase !== undefined) return exactCase;
  // Short words only match case-insensitively: 'V' is not a typo of 'I'.
  const max = word.length < 3 ? 0 : Math.max(1, Math.min(3, Math.floor(word.length / 3)));
  let best: string | undefined;
  let bestD = max + 1;
  for (const c of candidates) {
    const d = editDistance(lower, c.toLowerCase(), max);
    if (d < bestD) {
      best = c;
      bestD = d;
    }
  }
  if (best !== undefined) return best;
  // Swapped characters ('=>' for '>='), or a cut-short name ('warningReach' for 'warningReachFraction').
  const sorted = [...lower].sort().join('');
  const anagrams = candidates.filter((c) => c.length > 1 && [...c.toLowerCase()].sort().join('') === sorted);
  if (anagrams.length === 1) return anagrams[0];
  if (lower.length >= 4) {
    const prefixed = candidates.filter((c) => c.toLowerCase().startsWith(lower) || lower.startsWith(c.toLowerCase()));
    if (prefixed.length === 1) return prefixed[0];
  }
  return undefined;
}

function listNames(names: readonly string[], max = 30): string {
  const shown = names.slice(0, max).join(', ');
  return names.length > max ? `${shown}, ... (${names.length - max} more)` : shown;
}

// ------------------------------------------------------------------------------------------------
// Parsing with limits

/**
 * Linear pre-scan for nesting the yaml package would recurse into: flow brackets outside quoted scalars
 * and comments, compact block indicators (`- - - x`) and indentation. Approximate by design (it does not
 * tokenise plain scalars), which only matters far beyond any real document's depth.
 */
function nestingProblem(text: string, maxDepth: number, maxIndent: number): { offset: number; message: string } | undefined {
  let depth = 0;
  let quote: '"' | "'" | '' = '';
  let lineStart = true;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quote === '"') {
      if (c === '\\') i++;
      else if (c === '"') quote = '';
      continue;
    }
    if (quote === "'") {
      if (c === "'") {
        if (text[i + 1] === "'") i++;
        else quote = '';
      }
      continue;
    }
    if (lineStart) {
      lineStart = false;
      let j = i;
      while (text[j] === ' ') j++;
      if (j - i > maxIndent) return { offset: j, message: `indented by ${j - i} columns; the limit is ${maxIndent}` };
      let compact = 0;
      while ((text[j] === '-' || text[j] === '?') && (text[j + 1] === ' ' || text[j + 1] === '\t')) {
        compact++;
        j += 2;
        while (text[j] === ' ' || text[j] === '\t') j++;
      }
      if (compact > maxDepth) return { offset: j, message: `${compact} nested block indicators on one line; the limit is ${maxDepth}` };
      i = j - 1;
      continue;
    }
    if (c === '\n') {
      lineStart = true;
      continue;
    }
    const prev = i === 0 ? '\n' : text[i - 1]!;
    const tokenStart = prev === ' ' || prev === '\t' || prev === '\n' || prev === '[' || prev === '{' || prev === ',' || prev === ':';
    if (c === '#' && (prev === ' ' || prev === '\t' || prev === '\n')) {
      const nl = text.indexOf('\n', i);
      if (nl < 0) break;
      i = nl - 1;
    } else if ((c === '"' || c === "'") && tokenStart) {
      quote = c;
    } else if (c === '[' || c === '{') {
      if (++depth > maxDepth) return { offset: i, message: `nested more than ${maxDepth} levels deep` };
    } else if ((c === ']' || c === '}') && depth > 0) {
      depth--;
    }
  }
  return undefined;
}

const YAML_CODE_MESSAGES: Partial<Record<string, string>> = {
  TAB_AS_INDENT: 'tabs cannot indent YAML; use spaces',
  MULTIPLE_DOCS: "the text holds more than one YAML document (a second '---'); give one document per file",
  RESOURCE_EXHAUSTION: 'the document is nested too deeply',
  BAD_ALIAS: 'invalid alias',
  NON_STRING_KEY: 'keys must be plain strings, not lists or mappings',
};

class LocatedYaml implements LocatedDocument {
  readonly value: unknown;
  readonly file?: string;
  constructor(
    private readonly doc: Document.Parsed,
    private readonly lines: LineCounter,
    value: unknown,
    file: string | undefined,
  ) {
    this.value = value;
    if (file !== undefined) this.file = file;
  }

  offsetPosition(offset: number): SourcePosition {
    const p = this.lines.linePos(offset);
    return p.line === 0 ? { line: 1, column: offset + 1 } : { line: p.line, column: p.col };
  }

  private resolve(node: unknown): unknown {
    // Follow aliases to their anchors (bounded: an alias never points at itself).
    for (let i = 0; i < 8 && isAlias(node); i++) node = node.resolve(this.doc);
    return node;
  }

  position(pointer: string, at: 'value' | 'key' = 'value'): SourcePosition | undefined {
    let node: unknown = this.doc.contents;
    let keyNode: YamlNode | undefined;
    let found = true;
    for (const seg of segments(pointer)) {
      const container = this.resolve(node);
      let next: unknown;
      let nextKey: YamlNode | undefined;
      if (isMap(container)) {
        const pair = container.items.find((p) => isScalar(p.key) && String(p.key.value) === seg);
        if (pair !== undefined) {
          next = pair.value ?? pair.key;
          nextKey = pair.key as YamlNode;
        }
      } else if (isSeq(container) && /^\d+$/.test(seg)) {
        next = container.items[Number(seg)];
      }
      if (next === undefined) {
        found = false;
        break;
      }
      node = next;
      keyNode = nextKey;
    }
    const target = (found && at === 'key' && keyNode !== undefined ? keyNode : node) as YamlNode | null | undefined;
    const range = target?.range ?? (keyNode?.range as YamlNode['range'] | undefined);
    if (range === undefined || range === null) return this.doc.range ? this.offsetPosition(this.doc.range[0]) : undefined;
    return this.offsetPosition(range[0]);
  }

  issue(pointer: string, message: string, options: { at?: 'value' | 'key'; severity?: 'error' | 'warning' } = {}): InputIssue {
    const issue: InputIssue = { path: pointer, message, severity: options.severity ?? 'error' };
    if (this.file !== undefined) issue.file = this.file;
    const p = this.position(pointer, options.at);
    if (p !== undefined) {
      issue.line = p.line;
      issue.column = p.column;
    }
    return issue;
  }

  /** Keys that appear twice in one mapping: each later occurrence with the line of the first. */
  duplicateKeys(): Array<{ offset: number; message: string }> {
    const out: Array<{ offset: number; message: string }> = [];
    visit(this.doc, {
      Map: (_key, map) => {
        const first = new Map<string, number>();
        for (const pair of map.items) {
          const k = pair.key;
          if (!isScalar(k) || k.range === undefined || k.range === null) continue;
          const name = String(k.value);
          const at = first.get(name);
          if (at === undefined) first.set(name, k.range[0]);
          else out.push({ offset: k.range[0], message: `key '${name}' appears twice in this mapping (first at line ${this.offsetPosition(at).line})` });
        }
      },
    });
    return out;
  }

  /** The first alias node, for locating alias problems. */
  firstAlias(): number | undefined {
    let offset: number | undefined;
    visit(this.doc, {
      Alias: (_key, node) => {
        if (offset === undefined && node.range) offset = node.range[0];
        return visit.BREAK;
      },
    });
    return offset;
  }

  unresolvedAlias(): { offset: number; source: string } | undefined {
    let hit: { offset: number; source: string } | undefined;
    visit(this.doc, {
      Alias: (_key, node) => {
        if (node.resolve(this.doc) === undefined) {
          hit = { offset: node.range?.[0] ?? 0, source: node.source };
          return visit.BREAK;
        }
        return undefined;
      },
    });
    return hit;
  }
}

/** A JSON text, located by engine/network's JSON scanner. */
class LocatedJson implements LocatedDocument {
  readonly value: unknown;
  readonly file?: string;
  constructor(
    value: unknown,
    private readonly locator: JsonLocator,
    file: string | undefined,
  ) {
    this.value = value;
    if (file !== undefined) this.file = file;
  }

  position(pointer: string, at: 'value' | 'key' = 'value'): SourcePosition {
    return at === 'key' ? this.locator.locateKey(pointer) : this.locator.locate(pointer);
  }

  issue(pointer: string, message: string, options: { at?: 'value' | 'key'; severity?: 'error' | 'warning' } = {}): InputIssue {
    const p = this.position(pointer, options.at);
    const issue: InputIssue = { path: pointer, message, severity: options.severity ?? 'error', line: p.line, column: p.column };
    if (this.file !== undefined) issue.file = this.file;
    return issue;
  }
}

/**
 * JSON is YAML, but the yaml package reads about 1 MB/s here while JSON.parse plus the position scan is
 * ten times faster; HTTP bodies and .json files are mostly JSON. Text that starts like JSON but is not
 * strict JSON (YAML flow style, comments) returns undefined and takes the YAML path, so what is accepted
 * does not change.
 */
function parseStrictJson(text: string, file: string | undefined): LocatedDocument | undefined {
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  while (i < text.length && (text[i] === ' ' || text[i] === '\t' || text[i] === '\n' || text[i] === '\r')) i++;
  if (text[i] !== '{' && text[i] !== '[') return undefined;
  let parsed;
  try {
    parsed = parseJsonText(text, file);
  } catch (err) {
    if (err instanceof InputError) return undefined;
    throw err;
  }
  // JSON.parse keeps the last of two equal keys without a word; the scan sees both.
  const locator = parsed.locator();
  if (locator.duplicateKeys.length > 0) {
    throw new InputError(
      locator.duplicateKeys.map((d) => plainIssue(file, `key '${lastKey(d.pointer)}' appears twice in this mapping`, d.position)),
    );
  }
  return new LocatedJson(parsed.value, locator, file);
}

function plainIssue(file: string | undefined, message: string, position?: SourcePosition, path = ''): InputIssue {
  const issue: InputIssue = { path, message, severity: 'error' };
  if (file !== undefined) issue.file = file;
  if (position !== undefined) {
    issue.line = position.line;
    issue.column = position.column;
  }
  return issue;
}

/**
 * Parse YAML (or JSON) text within the limits, with no schema: syntax errors, duplicate keys, custom tags,
 * alias bombs, oversize and over-deep documents throw one InputError with located issues.
 */
export function parseYamlDocument(source: DocumentSource, limits: ParseLimits = {}): LocatedDocument {
  const { text, file } = source;
  const maxBytes = limits.maxBytes ?? DEFAULT_MAX_BYTES;
  // Cheap bound first: a UTF-16 string of n units holds at most 3n UTF-8 bytes.
  if (text.length * 3 > maxBytes) {
    const bytes = Buffer.byteLength(text, 'utf8');
    if (bytes > maxBytes) {
      throw new InputError([plainIssue(file, `the document is ${bytes} bytes; the limit is ${maxBytes} bytes (${(maxBytes / 1048576).toFixed(1)} MiB)`)]);
    }
  }
  if (text.includes('\u0000')) throw new InputError([plainIssue(file, 'this is not a text document (it contains NUL bytes)')]);
  const lines = new LineCounter();
  const deep = nestingProblem(text, limits.maxDepth ?? DEFAULT_MAX_DEPTH, limits.maxIndent ?? DEFAULT_MAX_INDENT);
  if (deep !== undefined) {
    // Positions without parsing: count lines up to the offset.
    const before = text.slice(0, deep.offset);
    const line = before.split('\n').length;
    const column = deep.offset - before.lastIndexOf('\n');
    throw new InputError([plainIssue(file, `the document is too deeply nested: ${deep.message}`, { line, column })]);
  }

  const json = parseStrictJson(text, file);
  if (json !== undefined) return json;

  const doc = parseDocument(text, {
    lineCounter: lines,
    prettyErrors: false,
    schema: 'core',
    version: '1.2',
    resolveKnownTags: false,
    merge: false,
    stringKeys: true,
    uniqueKeys: true,
    strict: true,
    // 'error' keeps yaml's MULTIPLE_DOCS check (it is skipped when 'silent') without printing warnings.
    logLevel: 'error',
  });
  const located = new LocatedYaml(doc, lines, undefined, file);
  const issues: InputIssue[] = [];
  const problems: YAMLError[] = [...doc.errors, ...doc.warnings];
  const hasDuplicates = problems.some((e) => e.code === 'DUPLICATE_KEY');
  let exhausted = false;
  for (const e of problems) {
    if (issues.length >= 20) break;
    if (e.code === 'DUPLICATE_KEY') continue; // reported below with both places
    if (e.code === 'RESOURCE_EXHAUSTION') {
      if (exhausted) continue;
      exhausted = true;
    }
    let message: string;
    if (e.code === 'TAG_RESOLVE_FAILED') {
      const tag = /tag: (.*)$/.exec(e.message)?.[1] ?? '';
      message = `unsupported tag ${tag.replace('tag:yaml.org,2002:', '!!')}: drillsim documents are plain YAML 1.2 (no custom or YAML 1.1 tags)`;
    } else {
      message = `invalid YAML: ${YAML_CODE_MESSAGES[e.code] ?? e.message.replace(/ at line \d+, column \d+.*$/s, '')}`;
    }
    issues.push(plainIssue(file, message, located.offsetPosition(e.pos[0])));
  }
  if (hasDuplicates) {
    const dups = located.duplicateKeys();
    for (const d of dups) issues.push(plainIssue(file, d.message, located.offsetPosition(d.offset)));
    if (dups.length === 0) issues.push(plainIssue(file, 'a key appears twice in one mapping'));
  }
  if (issues.length > 0) throw new InputError(sortIssues(issues));

  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: limits.maxAliasCount ?? DEFAULT_MAX_ALIAS_COUNT });
  } catch (err) {
    if (!(err instanceof ReferenceError || err instanceof RangeError)) throw err;
    const missing = located.unresolvedAlias();
    if (missing !== undefined) {
      throw new InputError([plainIssue(file, `alias *${missing.source} has no anchor &${missing.source} before it`, located.offsetPosition(missing.offset))]);
    }
    const at = located.firstAlias();
    const message = /alias count/i.test(err.message)
      ? `too many alias expansions (limit ${limits.maxAliasCount ?? DEFAULT_MAX_ALIAS_COUNT}): aliases that expand into aliases make the document explode in size (a "billion laughs" document); write the data out or use fewer aliases`
      : `the document cannot be read: ${err.message}`;
    throw new InputError([plainIssue(file, message, at !== undefined ? located.offsetPosition(at) : undefined)]);
  }
  return new LocatedYaml(doc, lines, value, file);
}

// ------------------------------------------------------------------------------------------------
// Schema problems -> located issues

interface Problem {
  path: string;
  message: string;
  at: 'value' | 'key';
  /** Unknown or missing keys of an object, paired up for "did you mean" before reporting. */
  key?: { kind: 'unknown' | 'missing'; name: string; allowed?: string[]; note?: string };
}

function unknownKeyMessage(key: string, allowed: readonly string[], guess: string | undefined, note: string): string {
  const mean = guess !== undefined ? ` (did you mean '${guess}'?)` : '';
  const expected = allowed.length > 0 ? `; expected one of: ${listNames(allowed)}` : '; this mapping takes no keys';
  return `unknown key '${key}'${mean}${expected}${note}`;
}

type SchemaRecord = Record<string, unknown> & { anyOf?: unknown[]; properties?: Record<string, unknown>; required?: string[] };

function schemaRecord(s: unknown): SchemaRecord {
  return (asRecord(s) ?? {}) as SchemaRecord;
}

class ProblemCollector {
  readonly problems: Problem[] = [];
  private readonly seen = new Set<string>();
  truncated = false;
  constructor(
    private readonly limit: number,
    private readonly skip: ReadonlySet<string>,
    private readonly references: TSchema[],
  ) {}

  full(): boolean {
    return this.problems.length >= this.limit;
  }

  add(p: Problem): void {
    if (this.skip.has(p.path) || this.seen.has(p.path)) return;
    if (this.full()) {
      this.truncated = true;
      return;
    }
    this.seen.add(p.path);
    this.problems.push(p);
  }

  deref(s: unknown): SchemaRecord {
    let r = schemaRecord(s);
    for (let i = 0; i < 8 && typeof r['$ref'] === 'string'; i++) {
      const ref = r['$ref'];
      const target = this.references.find((x) => (x as { $id?: unknown }).$id === ref);
      if (target === undefined) break;
      r = schemaRecord(target);
    }
    return r;
  }

  /** `form`: the union form being explained, whose note goes on key problems of that very mapping. */
  collect(errors: Iterable<ValueError>, form?: { path: string; note: string }): void {
    for (const e of errors) {
      if (this.full()) {
        this.truncated = true;
        return;
      }
      if (this.seen.has(e.path) || this.skip.has(e.path)) continue;
      if (e.type === ValueErrorType.Union) {
        this.union(e, form);
        continue;
      }
      // The form note explains key problems of the union's own mapping; deeper problems speak for themselves.
      const keyProblem = e.type === ValueErrorType.ObjectRequiredProperty || e.type === ValueErrorType.ObjectAdditionalProperties;
      this.add(this.single(e, keyProblem && form !== undefined && parentPointer(e.path) === form.path ? form.note : ''));
    }
  }

  private single(e: ValueError, note: string): Problem {
    const s = schemaRecord(e.schema);
    const v = e.value;
    const got = `; got ${describeValue(v)}`;
    const key = lastKey(e.path);
    const n = (x: unknown): string => String(x);
    let message: string;
    switch (e.type) {
      case ValueErrorType.ObjectRequiredProperty: {
        const d = typeof s['description'] === 'string' && s['description'].length <= 80 ? ` (${s['description']})` : '';
        return { path: e.path, message: `missing required key '${key}'${d}${note}`, at: 'value', key: { kind: 'missing', name: key } };
      }
      case ValueErrorType.ObjectAdditionalProperties:
      case ValueErrorType.IntersectUnevaluatedProperties: {
        const names = asRecord(s['patternProperties']);
        if (s.properties === undefined && names !== undefined) {
          // A record (name -> value): the key is not a valid name.
          const pattern = Object.keys(names)[0] ?? '';
          return { path: e.path, message: `'${key}' is not a valid key here: keys must match ${pattern}`, at: 'key' };
        }
        const allowed = this.allowedKeys(s);
        return { path: e.path, message: unknownKeyMessage(key, allowed, closestName(key, allowed), note), at: 'key', key: { kind: 'unknown', name: key, allowed, note } };
      }
      case ValueErrorType.Object:
        message = `expected a mapping (key: value)${got}`;
        break;
      case ValueErrorType.ObjectMinProperties:
        message = `expected at least ${plural(Number(s['minProperties']), 'key')}${s.properties !== undefined ? ` (of: ${listNames(Object.keys(s.properties))})` : ''}`;
        break;
      case ValueErrorType.ObjectMaxProperties:
        message = `expected at most ${plural(Number(s['maxProperties']), 'key')}`;
        break;
      case ValueErrorType.Array:
        message = `expected a list${got}`;
        break;
      case ValueErrorType.ArrayMinItems:
        message = `expected at least ${plural(Number(s['minItems']), 'item')}; got ${Array.isArray(v) ? v.length : 0}`;
        break;
      case ValueErrorType.ArrayMaxItems:
        message = `expected at most ${plural(Number(s['maxItems']), 'item')}; got ${Array.isArray(v) ? v.length : 0}`;
        break;
      case ValueErrorType.ArrayUniqueItems: {
        const items = Array.isArray(v) ? v.map((x) => JSON.stringify(x)) : [];
        const dup = items.find((x, i) => items.indexOf(x) !== i);
        message = `items must be unique${dup !== undefined ? `; ${dup.length > 60 ? `${dup.slice(0, 57)}...` : dup} appears more than once` : ''}`;
        break;
      }
      case ValueErrorType.Boolean:
        message = `expected true or false${got}`;
        break;
      case ValueErrorType.Integer:
        message = `expected a whole number${got}`;
        break;
      case ValueErrorType.Number:
        message = `expected a number${got}${typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v)) ? ' (remove the quotes)' : ''}`;
        break;
      case ValueErrorType.IntegerMinimum:
      case ValueErrorType.NumberMinimum:
        message = `expected at least ${n(s['minimum'])}${got}`;
        break;
      case ValueErrorType.IntegerMaximum:
      case ValueErrorType.NumberMaximum:
        message = `expected at most ${n(s['maximum'])}${got}`;
        break;
      case ValueErrorType.IntegerExclusiveMinimum:
      case ValueErrorType.NumberExclusiveMinimum:
        message = `expected more than ${n(s['exclusiveMinimum'])}${got}`;
        break;
      case ValueErrorType.IntegerExclusiveMaximum:
      case ValueErrorType.NumberExclusiveMaximum:
        message = `expected less than ${n(s['exclusiveMaximum'])}${got}`;
        break;
      case ValueErrorType.IntegerMultipleOf:
      case ValueErrorType.NumberMultipleOf:
        message = `expected a multiple of ${n(s['multipleOf'])}${got}`;
        break;
      case ValueErrorType.String:
        message = `expected a string${got}${typeof v === 'number' || typeof v === 'boolean' ? ` (put it in quotes: "${String(v)}")` : ''}`;
        break;
      case ValueErrorType.StringMinLength:
        message = Number(s['minLength']) === 1 ? 'must not be empty' : `expected at least ${plural(Number(s['minLength']), 'character')}${got}`;
        break;
      case ValueErrorType.StringMaxLength:
        message = `expected at most ${plural(Number(s['maxLength']), 'character')}; got ${typeof v === 'string' ? v.length : 0}`;
        break;
      case ValueErrorType.StringPattern: {
        const unit = explainUnitPattern(s['pattern'], v);
        if (unit !== undefined) message = unit;
        else if (typeof s['patternErrorMessage'] === 'string') message = `${s['patternErrorMessage']}${got}`;
        else if (typeof s['description'] === 'string') message = `expected ${s['description']} (matching ${n(s['pattern'])})${got}`;
        else message = `expected a string matching ${n(s['pattern'])}${got}`;
        break;
      }
      case ValueErrorType.StringFormat:
      case ValueErrorType.StringFormatUnknown:
        message = `expected a ${n(s['format'])} string${got}`;
        break;
      case ValueErrorType.Literal:
        message = `expected ${typeof s['const'] === 'string' ? `'${s['const']}'` : n(s['const'])}${got}`;
        break;
      case ValueErrorType.Null:
        message = `expected an empty value (null)${got}`;
        break;
      case ValueErrorType.Never:
        message = 'not allowed here';
        break;
      case ValueErrorType.Tuple:
      case ValueErrorType.TupleLength:
        message = `expected a list of ${plural(Array.isArray(s['items']) ? s['items'].length : Number(s['minItems'] ?? 0), 'item')}${got}`;
        break;
      default:
        message = `${e.message.charAt(0).toLowerCase()}${e.message.slice(1)}${got}`;
    }
    return { path: e.path, message: `${message}${note}`, at: 'value' };
  }

  private allowedKeys(s: SchemaRecord): string[] {
    if (s.properties !== undefined) return Object.keys(s.properties);
    const allOf = s['allOf'];
    if (Array.isArray(allOf)) return [...new Set(allOf.flatMap((x) => Object.keys(this.deref(x).properties ?? {})))];
    return [];
  }

  /** Does `variant` accept values of `value`'s JSON type at all? */
  private acceptsType(variant: unknown, value: unknown): boolean {
    const s = this.deref(variant);
    if ('const' in s) return typeof s['const'] === typeof value && (s['const'] === null) === (value === null);
    if (Array.isArray(s.anyOf)) return s.anyOf.some((x) => this.acceptsType(x, value));
    if (Array.isArray(s['allOf'])) return (s['allOf'] as unknown[]).every((x) => this.acceptsType(x, value));
    const t = s['type'];
    const types = Array.isArray(t) ? (t as string[]) : typeof t === 'string' ? [t] : undefined;
    if (types === undefined) return true; // Unknown, Any, Ref we cannot follow: anything goes
    return types.some((ty) => {
      switch (ty) {
        case 'object':
          return asRecord(value) !== undefined;
        case 'array':
          return Array.isArray(value);
        case 'string':
          return typeof value === 'string';
        case 'number':
        case 'integer':
          return typeof value === 'number';
        case 'boolean':
          return typeof value === 'boolean';
        case 'null':
          return value === null;
        default:
          return false;
      }
    });
  }

  private describeVariant(variant: unknown): string {
    const s = this.deref(variant);
    if (typeof s['title'] === 'string') return s['title'];
    if ('const' in s) return typeof s['const'] === 'string' ? `'${s['const']}'` : String(s['const']);
    if (s.properties !== undefined) {
      const req = s.required ?? [];
      const keys = req.length > 0 ? req : Object.keys(s.properties);
      return `{${keys.join(', ')}}`;
    }
    switch (s['type']) {
      case 'string':
        return typeof s['pattern'] === 'string' ? 'a string in the documented form' : 'a string';
      case 'number':
        return 'a number';
      case 'integer':
        return 'a whole number';
      case 'boolean':
        return 'true or false';
      case 'array':
        return 'a list';
      case 'object':
        return 'a mapping';
      case 'null':
        return 'an empty value';
      default:
        return 'another form';
    }
  }

  private union(e: ValueError, form: { path: string; note: string } | undefined): void {
    const s = schemaRecord(e.schema);
    const variants = (s.anyOf ?? []).map((x) => this.deref(x));
    const value = e.value;
    const branches: ValueErrorIterator[] = e.errors;
    const custom = typeof s['errorMessage'] === 'string' ? s['errorMessage'] : undefined;

    // A choice of constants: name them, and the likely typo.
    if (variants.length > 0 && variants.every((v) => 'const' in v)) {
      const consts = variants.map((v) => String(v['const']));
      const guess = typeof value === 'string' ? closestName(value, consts) : undefined;
      const mean = guess !== undefined ? ` (did you mean '${guess}'?)` : '';
      this.add({ path: e.path, message: `expected one of: ${listNames(consts)}; got ${describeValue(value)}${mean}`, at: 'value' });
      return;
    }

    const candidates = variants.map((v, i) => ({ v, i })).filter(({ v }) => this.acceptsType(v, value));
    if (candidates.length === 0) {
      const forms = variants.map((v) => this.describeVariant(v));
      const objectsOnly = variants.every((v) => v['type'] === 'object');
      const message =
        custom !== undefined
          ? `${custom}; got ${describeValue(value)}`
          : objectsOnly
            ? `expected a mapping of one of the forms ${forms.slice(0, 8).join(' | ')}${forms.length > 8 ? ' | ...' : ''}; got ${describeValue(value)}`
            : `expected ${forms.slice(0, 8).join(' or ')}; got ${describeValue(value)}`;
      this.add({ path: e.path, message: `${message}`, at: 'value' });
      return;
    }
    if (candidates.length === 1) {
      const only = candidates[0]!;
      const branch = branches[only.i];
      if (branch !== undefined) this.collect(branch, form);
      return;
    }

    const record = asRecord(value);
    if (record !== undefined) {
      const objects = candidates.filter(({ v }) => v.properties !== undefined);
      // A discriminator: a key that every object form fixes to a constant (kind: flood | hazchem | ...).
      const disc = Object.keys(objects[0]?.v.properties ?? {}).find((k) =>
        objects.every(({ v }) => {
          const p = asRecord(v.properties?.[k]);
          return p !== undefined && 'const' in p;
        }),
      );
      if (disc !== undefined && objects.length === candidates.length && disc in record) {
        const consts = objects.map(({ v }) => (v.properties![disc] as { const: unknown }).const);
        const match = objects.find(({ v }) => (v.properties![disc] as { const: unknown }).const === record[disc]);
        if (match === undefined) {
          const names = consts.map(String);
          const guess = typeof record[disc] === 'string' ? closestName(record[disc], names) : undefined;
          this.add({
            path: `${e.path}/${pointerSegment(disc)}`,
            message: `expected one of: ${listNames(names)}; got ${describeValue(record[disc])}${guess !== undefined ? ` (did you mean '${guess}'?)` : ''}`,
            at: 'value',
          });
          return;
        }
        const branch = branches[match.i];
        if (branch !== undefined) this.collect(branch, form);
        return;
      }
      // Otherwise the form whose keys the value matches best.
      let best = candidates[0]!;
      let bestScore = -Infinity;
      for (const c of candidates) {
        const score = this.shapeScore(c.v, record);
        if (score > bestScore) {
          best = c;
          bestScore = score;
        }
      }
      const forms = candidates.map(({ v }) => this.describeVariant(v));
      const listed = forms.length <= 8 ? `: ${forms.join(' | ')}` : '';
      const inner = ` (read as the form ${this.describeVariant(best.v)}, the closest of ${forms.length} accepted forms${listed})`;
      const branch = branches[best.i];
      if (branch !== undefined) this.collect(branch, { path: e.path, note: inner });
      return;
    }

    // Several scalar forms accept this type (e.g. a literal or a patterned string): report the first form's
    // problem, or the union's own message.
    if (custom !== undefined) {
      const firstString = candidates.find(({ v }) => typeof v['pattern'] === 'string');
      const unit = firstString !== undefined ? explainUnitPattern(firstString.v['pattern'], value) : undefined;
      this.add({ path: e.path, message: `${unit ?? `${custom}; got ${describeValue(value)}`}`, at: 'value' });
      return;
    }
    const forms = candidates.map(({ v }) => this.describeVariant(v));
    this.add({ path: e.path, message: `expected ${forms.join(' or ')}; got ${describeValue(value)}`, at: 'value' });
  }

  /** How well an object matches an object form: shared keys count, strays and missing required keys cost. */
  private shapeScore(variant: SchemaRecord, value: Record<string, unknown>): number {
    const props = variant.properties ?? {};
    const required = variant.required ?? [];
    const closed = variant['additionalProperties'] === false;
    let score = 0;
    const strays: string[] = [];
    for (const [k, v] of Object.entries(value)) {
      const p = asRecord(props[k]);
      if (p === undefined) {
        if (closed) {
          score -= 1;
          strays.push(k);
        }
        continue;
      }
      score += 3;
      if ('const' in p) score += p['const'] === v ? 5 : -5;
    }
    for (const r of required) {
      if (r in value) continue;
      score -= 1;
      // A stray key that looks like this missing one is a typo, which makes this form likelier.
      if (strays.some((k) => closestName(k, [r]) !== undefined)) score += 2;
    }
    return score;
  }
}

/** Merge "unknown key X" with "missing key Y" when X looks like a typo of Y: one message, at the typo. */
function pairTypos(problems: Problem[]): Problem[] {
  const byParent = new Map<string, Problem[]>();
  for (const p of problems) {
    if (p.key === undefined) continue;
    const parent = parentPointer(p.path);
    const list = byParent.get(parent) ?? [];
    list.push(p);
    byParent.set(parent, list);
  }
  const drop = new Set<Problem>();
  for (const list of byParent.values()) {
    const missing = list.filter((p) => p.key!.kind === 'missing');
    for (const u of list.filter((p) => p.key!.kind === 'unknown')) {
      const guess = closestName(u.key!.name, missing.filter((m) => !drop.has(m)).map((m) => m.key!.name));
      const m = missing.find((x) => x.key!.name === guess && !drop.has(x));
      if (m === undefined) continue;
      // The typo stands for the missing key: one message at the typo instead of two.
      drop.add(m);
      u.message = unknownKeyMessage(u.key!.name, u.key!.allowed ?? [], m.key!.name, u.key!.note ?? '');
    }
  }
  return problems.filter((p) => !drop.has(p));
}

function sortIssues(issues: InputIssue[]): InputIssue[] {
  return issues
    .map((issue, i) => ({ issue, i }))
    .sort((a, b) => (a.issue.line ?? Infinity) - (b.issue.line ?? Infinity) || (a.issue.column ?? 0) - (b.issue.column ?? 0) || a.i - b.i)
    .map((x) => x.issue);
}

/** Strings checked beyond their pattern once the schema passes (day-of-month validity of instants). */
function refinementProblems(schema: unknown, value: unknown, path: string, c: ProblemCollector, references: TSchema[]): void {
  const s = c.deref(schema);
  if (c.full()) return;
  if (typeof value === 'string' && s['pattern'] === INSTANT_PATTERN) {
    const problem = instantProblemMessage(value);
    if (problem !== undefined) c.add({ path, message: problem, at: 'value' });
    return;
  }
  if (Array.isArray(s.anyOf)) {
    const match = s.anyOf.find((v) => Value.Check(v as TSchema, references, value));
    if (match !== undefined) refinementProblems(match, value, path, c, references);
    return;
  }
  if (Array.isArray(s['allOf'])) {
    for (const v of s['allOf'] as unknown[]) refinementProblems(v, value, path, c, references);
    return;
  }
  if (Array.isArray(value)) {
    const items = s['items'];
    value.forEach((item, i) => {
      const itemSchema = Array.isArray(items) ? items[i] : items;
      if (itemSchema !== undefined) refinementProblems(itemSchema, item, `${path}/${i}`, c, references);
    });
    return;
  }
  const rec = asRecord(value);
  if (rec === undefined) return;
  const props = s.properties ?? {};
  const patternProps = asRecord(s['patternProperties']);
  const additional = asRecord(s['additionalProperties']);
  for (const [k, v] of Object.entries(rec)) {
    const child = `${path}/${pointerSegment(k)}`;
    const p = props[k];
    if (p !== undefined) refinementProblems(p, v, child, c, references);
    else if (patternProps !== undefined) {
      for (const [re, ps] of Object.entries(patternProps)) if (new RegExp(re).test(k)) refinementProblems(ps, v, child, c, references);
    } else if (additional !== undefined) refinementProblems(additional, v, child, c, references);
  }
}

/** Every sub-schema of `root` that carries an $id. */
function schemasWithId(root: TSchema): TSchema[] {
  const out: TSchema[] = [];
  const seen = new Set<object>();
  const walk = (node: unknown): void => {
    if (node === null || typeof node !== 'object' || seen.has(node)) return;
    seen.add(node);
    if (!Array.isArray(node) && typeof (node as { $id?: unknown }).$id === 'string') out.push(node as TSchema);
    for (const child of Array.isArray(node) ? node : Object.values(node)) walk(child);
  };
  walk(root);
  return out;
}

export interface CheckOptions {
  references?: TSchema[];
  maxIssues?: number;
  /** Pointers already reported (e.g. by the header check): schema problems there are not repeated. */
  skip?: ReadonlySet<string>;
}

/**
 * Every schema problem of `value`, with messages that say what was expected. With `doc`, the issues carry
 * file, line and column; without (a body fastify already parsed), pointers only.
 */
export function schemaIssues(value: unknown, schema: TSchema, options: CheckOptions & { doc?: LocatedDocument; file?: string } = {}): InputIssue[] {
  // Schemas with an $id inside `schema` (Type.Recursive's, say) are what its $refs point to.
  const references = [...(options.references ?? []), ...schemasWithId(schema)];
  const limit = options.maxIssues ?? DEFAULT_MAX_ISSUES;
  const c = new ProblemCollector(limit, options.skip ?? new Set(), references);
  if (!Value.Check(schema, references, value)) c.collect(Value.Errors(schema, references, value));
  // Also on invalid documents, so a 30 February is reported with the rest (paths already reported are skipped).
  refinementProblems(schema, value, '', c, references);
  const problems = pairTypos(c.problems);
  const issues = problems.map((p) => {
    if (options.doc !== undefined) return options.doc.issue(p.path, p.message, { at: p.at });
    const issue: InputIssue = { path: p.path, message: p.message, severity: 'error' };
    if (options.file !== undefined) issue.file = options.file;
    return issue;
  });
  const sorted = sortIssues(issues);
  if (c.truncated) {
    const more: InputIssue = { path: '', message: `stopped after ${limit} problems; fix these and validate again for the rest`, severity: 'error' };
    const file = options.doc?.file ?? options.file;
    if (file !== undefined) more.file = file;
    sorted.push(more);
  }
  return sorted;
}

/** Check an already-parsed value (e.g. a JSON body); throws InputError with pointers, returns it typed. */
export function checkValue<S extends TSchema>(value: unknown, schema: S, options: LoadOptions & { file?: string } = {}): Static<S> {
  const header = headerIssues(value, schema, options, undefined, options.file);
  if (header.stop) throw new InputError(header.issues);
  const issues = [...header.issues, ...schemaIssues(value, schema, { ...options, skip: header.skip })];
  if (issues.length > 0) throw new InputError(issues);
  return value as Static<S>;
}

// ------------------------------------------------------------------------------------------------
// Versioned documents

function schemaConst(schema: TSchema, key: string): unknown {
  const p = asRecord(schemaRecord(schema).properties?.[key]);
  return p !== undefined && 'const' in p ? p['const'] : undefined;
}

interface HeaderCheck {
  issues: InputIssue[];
  /** True when schema checking would only add noise (wrong kind, unknown version, not a mapping). */
  stop: boolean;
  skip: Set<string>;
}

function headerIssues(value: unknown, schema: TSchema, options: LoadOptions, doc: LocatedDocument | undefined, file: string | undefined): HeaderCheck {
  const version = options.version ?? schemaConst(schema, 'drillsim');
  const kindConst = options.kind ?? schemaConst(schema, 'kind');
  const kind = typeof kindConst === 'string' ? kindConst : undefined;
  const out: HeaderCheck = { issues: [], stop: false, skip: new Set() };
  const add = (path: string, message: string, at: 'value' | 'key' = 'value'): void => {
    out.issues.push(doc !== undefined ? doc.issue(path, message, { at }) : plainIssue(file, message, undefined, path));
  };
  if (version === undefined && kind === undefined) return out;
  const header = [version !== undefined ? `drillsim: ${String(version)}` : undefined, kind !== undefined ? `kind: ${kind}` : undefined]
    .filter((x) => x !== undefined)
    .join(' and ');
  const rec = asRecord(value);
  if (rec === undefined) {
    add('', value === null || value === undefined ? `the document is empty: expected a mapping that starts with ${header}` : `expected a mapping (key: value lines) that starts with ${header}; got ${describeValue(value)}`);
    out.stop = true;
    return out;
  }
  if (version !== undefined) {
    out.skip.add('/drillsim');
    const v = rec['drillsim'];
    if (v === undefined) {
      add('/drillsim', `missing the format version: add 'drillsim: ${String(version)}' at the top`);
    } else if (v !== version) {
      if (typeof v === 'number' && typeof version === 'number' && Number.isInteger(v) && v > version) {
        add('/drillsim', `format version ${v} is newer than this drillsim reads (${version}); upgrade drillsim, or write the file in version ${version}`);
      } else {
        add('/drillsim', `unknown format version ${describeValue(v)}: this drillsim reads drillsim: ${String(version)}`);
      }
      out.stop = true;
    }
  }
  if (kind !== undefined) {
    out.skip.add('/kind');
    const k = rec['kind'];
    if (k === undefined) {
      add('/kind', `missing 'kind: ${kind}' (every drillsim document says what it is)`);
    } else if (k !== kind) {
      add('/kind', typeof k === 'string' ? `this is a '${k}' document where a '${kind}' was expected` : `expected 'kind: ${kind}'; got ${describeValue(k)}`);
      out.stop = true;
    }
  }
  return out;
}

/** The top-level `kind` of a parsed document, if it has a string one. */
export function documentKind(doc: LocatedDocument): string | undefined {
  const k = asRecord(doc.value)?.['kind'];
  return typeof k === 'string' ? k : undefined;
}

// ------------------------------------------------------------------------------------------------
// Entry points

/** Validate a parsed document against `schema`; throws InputError listing every located problem. */
export function checkDocument<S extends TSchema>(doc: LocatedDocument, schema: S, options: LoadOptions = {}): Static<S> {
  const header = headerIssues(doc.value, schema, options, doc, doc.file);
  if (header.stop) throw new InputError(header.issues);
  const issues = sortIssues([...header.issues, ...schemaIssues(doc.value, schema, { ...options, doc, skip: header.skip })]);
  if (issues.length > 0) throw new InputError(issues);
  return doc.value as Static<S>;
}

/** Parse and validate; also returns the located document, for semantic checks with line numbers. */
export function loadLocatedDocument<S extends TSchema>(source: DocumentSource, schema: S, options: LoadOptions = {}): { value: Static<S>; doc: LocatedDocument } {
  const doc = parseYamlDocument(source, options);
  return { value: checkDocument(doc, schema, options), doc };
}

/** Parse YAML or JSON text and validate it against `schema`: the typed document, or an InputError. */
export function loadDocument<S extends TSchema>(source: DocumentSource, schema: S, options: LoadOptions = {}): Static<S> {
  return loadLocatedDocument(source, schema, options).value;
}

/** Read a document file within the size limit; a missing or unreadable file is an InputError naming it. */
export function readDocumentFile(path: string, limits: ParseLimits = {}): DocumentSource {
  const maxBytes = limits.maxBytes ?? DEFAULT_MAX_BYTES;
  const fail = (message: string): never => {
    throw new InputError([{ path: '', file: path, message, severity: 'error' }]);
  };
  let size = 0;
  try {
    const st = statSync(path);
    if (st.isDirectory()) fail('is a directory; expected a YAML or JSON file');
    size = st.size;
  } catch (err) {
    if (err instanceof InputError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    fail(code === 'ENOENT' ? 'file not found' : `cannot read the file (${code ?? String(err)})`);
  }
  // Checked before reading, so a huge file is never loaded into memory.
  if (size > maxBytes) fail(`the file is ${size} bytes; the limit is ${maxBytes} bytes (${(maxBytes / 1048576).toFixed(1)} MiB)`);
  try {
    return { text: readFileSync(path, 'utf8'), file: path };
  } catch (err) {
    return fail(`cannot read the file (${(err as NodeJS.ErrnoException).code ?? String(err)})`);
  }
}

/** Read, parse and validate a YAML or JSON file. */
export function loadDocumentFile<S extends TSchema>(path: string, schema: S, options: LoadOptions = {}): Static<S> {
  return loadDocument(readDocumentFile(path, options), schema, options);
}

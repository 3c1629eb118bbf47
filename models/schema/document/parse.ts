/**
 * Parsing with limits: size, NUL bytes and nesting are checked before the yaml package sees the text; strict
 * JSON takes a fast path; YAML is read as plain YAML 1.2 (core schema, no custom tags, unique string keys,
 * one document) with alias expansions bounded.
 */
import { LineCounter, parseDocument, type YAMLError } from 'yaml';
import { InputError, pointerSegment, type InputIssue } from '../../../engine/errors.js';
import { parseJsonText } from '../../../engine/network/json-source.js';
import { LocatedJson, LocatedYaml } from './located-text.js';
import { plainIssue, sortIssues, type DocumentSource, type LocatedDocument } from './located.js';
import { nestingProblem } from './nesting.js';
import {
  DEFAULT_MAX_ALIAS_COUNT,
  DEFAULT_MAX_BYTES,
  DEFAULT_MAX_DEPTH,
  DEFAULT_MAX_INDENT,
  DEFAULT_MAX_MAPPING_KEYS,
  DEFAULT_MAX_STRING_LENGTH,
  type ParseLimits,
} from './options.js';
import { lastKey } from './pointers.js';

const YAML_CODE_MESSAGES: Partial<Record<string, string>> = {
  TAB_AS_INDENT: 'tabs cannot indent YAML; use spaces',
  MULTIPLE_DOCS: "the text holds more than one YAML document (a second '---'); give one document per file",
  RESOURCE_EXHAUSTION: 'the document is nested too deeply',
  BAD_ALIAS: 'invalid alias',
  NON_STRING_KEY: 'keys must be plain strings, not lists or mappings',
};

/**
 * JSON is YAML, but the yaml package reads about 1 MB/s here while JSON.parse plus the position scan is
 * ten times faster; HTTP bodies and .json files are mostly JSON. Text that starts like JSON but is not
 * strict JSON (YAML flow style, comments) returns undefined and takes the YAML path, so what is accepted
 * does not change.
 */
function parseStrictJson(text: string, file: string | undefined, limits: ParseLimits): LocatedDocument | undefined {
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  while (i < text.length && (text[i] === ' ' || text[i] === '\t' || text[i] === '\n' || text[i] === '\r')) i++;
  if (text[i] !== '{' && text[i] !== '[') return undefined;
  let parsed;
  try {
    parsed = parseJsonText(text, file, { maxDepth: limits.maxDepth ?? DEFAULT_MAX_DEPTH });
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
  const json = new LocatedJson(parsed.value, locator, file);
  throwSizeProblems(json, limits);
  return json;
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

  const json = parseStrictJson(text, file, limits);
  if (json !== undefined) return json;

  const doc = parseDocument(text, {
    lineCounter: lines,
    prettyErrors: false,
    schema: 'core',
    version: '1.2',
    resolveKnownTags: false,
    merge: false,
    stringKeys: true,
    // yaml's own check compares each key with every earlier one of its mapping (40,000 keys took 15 s of
    // blocked event loop); duplicateKeys() below does it once per key with a Map, and always runs.
    uniqueKeys: false,
    strict: true,
    // 'error' keeps yaml's MULTIPLE_DOCS check (it is skipped when 'silent') without printing warnings.
    logLevel: 'error',
  });
  const located = new LocatedYaml(doc, lines, undefined, file);
  const issues: InputIssue[] = [];
  const problems: YAMLError[] = [...doc.errors, ...doc.warnings];
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
  for (const d of located.duplicateKeys()) issues.push(plainIssue(file, d.message, located.offsetPosition(d.offset)));
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
  const result = new LocatedYaml(doc, lines, value, file);
  throwSizeProblems(result, limits);
  return result;
}

/**
 * Mappings with more keys and strings longer than the limits (models/schema/limits.ts), located. The walk
 * is iterative and each value is visited once (aliases expand to at most maxAliasCount copies), so its cost
 * is linear in the document; depth was bounded before parsing.
 */
function throwSizeProblems(doc: LocatedDocument, limits: ParseLimits): void {
  const maxKeys = limits.maxMappingKeys ?? DEFAULT_MAX_MAPPING_KEYS;
  const maxString = limits.maxStringLength ?? DEFAULT_MAX_STRING_LENGTH;
  const issues: InputIssue[] = [];
  const stack: Array<[unknown, string]> = [[doc.value, '']];
  while (stack.length > 0 && issues.length < 20) {
    const [value, path] = stack.pop()!;
    if (typeof value === 'string') {
      if (value.length > maxString) issues.push(doc.issue(path, `this string is ${value.length} characters long; the limit is ${maxString}`));
    } else if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) stack.push([value[i], `${path}/${i}`]);
    } else if (value !== null && typeof value === 'object') {
      const keys = Object.keys(value);
      if (keys.length > maxKeys) {
        issues.push(doc.issue(path, `this mapping has ${keys.length} keys; the limit is ${maxKeys}`));
        continue;
      }
      for (let i = keys.length - 1; i >= 0; i--) {
        const k = keys[i]!;
        if (k.length > maxString) issues.push(doc.issue(path, `a key of ${k.length} characters; the limit is ${maxString}`));
        stack.push([(value as Record<string, unknown>)[k], `${path}/${pointerSegment(k)}`]);
      }
    }
  }
  if (issues.length > 0) throw new InputError(sortIssues(issues));
}

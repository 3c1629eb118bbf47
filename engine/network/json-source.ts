/**
 * JSON text with positions. `JSON.parse` is fast but says neither where a syntax error is (portably) nor
 * where a value sits, so this module carries a small strict RFC 8259 scanner that (a) reports syntax
 * errors with line and column and (b) maps each JSON pointer to the line/column of its value (and of its
 * key), so schema and semantic problems can be located in the source. The scanner runs only when there is
 * something to report; well-formed, valid files go through `JSON.parse` alone.
 */
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { InputError, pointerSegment, type InputIssue } from '../errors.js';

/**
 * Deepest nesting of arrays and objects accepted (models/schema/limits.ts lists every limit). The scanner
 * below, TypeBox's checks and every later walk recurse once per level, so a text nested thousands deep
 * would overflow the stack in one of them; it is refused by a linear scan before any of them runs.
 */
export const MAX_JSON_DEPTH = 64;

/** Largest file `readTextFile` reads by default (region networks have their own, larger limit). */
export const MAX_TEXT_FILE_BYTES = 64 * 1024 * 1024;

/**
 * Largest region network file: 500 MiB, under V8's longest string (2^29 - 24 UTF-16 units, ~512 Mi
 * characters), which a larger file could not be decoded into; about 1.2 million junctions as imports write
 * them (a 360k-junction grid is 162 MiB).
 */
export const MAX_NETWORK_FILE_BYTES = 500 * 1024 * 1024;

export interface SourcePosition {
  line: number;
  column: number;
}

export interface JsonLocator {
  /** Position of the value at `pointer`, or of the nearest enclosing value that exists. */
  locate(pointer: string): SourcePosition;
  /** Position of the key of the property at `pointer` (falls back to the value, then to the parent). */
  locateKey(pointer: string): SourcePosition;
  /** Object keys that occur twice in one object (JSON.parse silently keeps the last one). */
  readonly duplicateKeys: ReadonlyArray<{ pointer: string; position: SourcePosition }>;
}

/** Converts offsets to 1-based line/column (column counts UTF-16 code units, as editors mostly do). */
export class LineIndex {
  private readonly starts: number[] = [0];
  constructor(text: string) {
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10) this.starts.push(i + 1);
      else if (c === 13 && text.charCodeAt(i + 1) !== 10) this.starts.push(i + 1);
    }
  }
  position(offset: number): SourcePosition {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - this.starts[lo]! + 1 };
  }
}

class JsonSyntaxError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

function describeChar(text: string, offset: number): string {
  if (offset >= text.length) return 'end of input';
  const c = text[offset]!;
  if (c === '\n' || c === '\r') return 'a line break';
  return `'${c}'`;
}

/** A strict JSON scanner that records where every value and key starts. */
class Scanner {
  pos = 0;
  readonly values = new Map<string, number>();
  readonly keys = new Map<string, number>();
  readonly duplicates: Array<{ pointer: string; offset: number }> = [];
  constructor(private readonly text: string) {}

  fail(message: string, offset = this.pos): never {
    throw new JsonSyntaxError(message, offset);
  }

  ws(): void {
    const t = this.text;
    for (;;) {
      const c = t.charCodeAt(this.pos);
      if (c === 32 || c === 9 || c === 10 || c === 13) this.pos++;
      else break;
    }
  }

  document(): void {
    if (this.text.charCodeAt(0) === 0xfeff) this.pos = 1;
    this.ws();
    if (this.pos >= this.text.length) this.fail('empty document: expected a JSON value');
    this.value('');
    this.ws();
    if (this.pos < this.text.length) this.fail(`unexpected ${describeChar(this.text, this.pos)} after the end of the JSON value`);
  }

  value(ptr: string): void {
    this.values.set(ptr, this.pos);
    const c = this.text[this.pos];
    if (c === '{') this.object(ptr);
    else if (c === '[') this.array(ptr);
    else if (c === '"') this.string();
    else if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) this.number();
    else if (this.text.startsWith('true', this.pos)) this.pos += 4;
    else if (this.text.startsWith('false', this.pos)) this.pos += 5;
    else if (this.text.startsWith('null', this.pos)) this.pos += 4;
    else this.fail(`expected a JSON value, found ${describeChar(this.text, this.pos)}`);
  }

  object(ptr: string): void {
    this.pos++;
    this.ws();
    if (this.text[this.pos] === '}') {
      this.pos++;
      return;
    }
    const seen = new Set<string>();
    for (;;) {
      this.ws();
      if (this.text[this.pos] !== '"') this.fail(`expected a property name in double quotes, found ${describeChar(this.text, this.pos)}`);
      const keyStart = this.pos;
      const key = this.string();
      const child = `${ptr}/${pointerSegment(key)}`;
      if (seen.has(key)) this.duplicates.push({ pointer: child, offset: keyStart });
      seen.add(key);
      this.keys.set(child, keyStart);
      this.ws();
      if (this.text[this.pos] !== ':') this.fail(`expected ':' after property name "${key}", found ${describeChar(this.text, this.pos)}`);
      this.pos++;
      this.ws();
      this.value(child);
      this.ws();
      const c = this.text[this.pos];
      if (c === ',') {
        this.pos++;
        this.ws();
        if (this.text[this.pos] === '}') this.fail('trailing comma before \'}\' (JSON allows none)');
        continue;
      }
      if (c === '}') {
        this.pos++;
        return;
      }
      this.fail(`expected ',' or '}' after the value of "${key}", found ${describeChar(this.text, this.pos)}`);
    }
  }

  array(ptr: string): void {
    this.pos++;
    this.ws();
    if (this.text[this.pos] === ']') {
      this.pos++;
      return;
    }
    for (let i = 0; ; i++) {
      this.ws();
      this.value(`${ptr}/${i}`);
      this.ws();
      const c = this.text[this.pos];
      if (c === ',') {
        this.pos++;
        this.ws();
        if (this.text[this.pos] === ']') this.fail('trailing comma before \']\' (JSON allows none)');
        continue;
      }
      if (c === ']') {
        this.pos++;
        return;
      }
      this.fail(`expected ',' or ']' after array element ${i}, found ${describeChar(this.text, this.pos)}`);
    }
  }

  string(): string {
    const start = this.pos;
    this.pos++;
    let out = '';
    let chunk = this.pos;
    const t = this.text;
    for (;;) {
      if (this.pos >= t.length) this.fail('unterminated string', start);
      const c = t.charCodeAt(this.pos);
      if (c === 34) {
        out += t.slice(chunk, this.pos);
        this.pos++;
        return out;
      }
      if (c < 0x20) this.fail('control character inside a string (line breaks must be written \\n)');
      if (c === 92) {
        out += t.slice(chunk, this.pos);
        const e = t[this.pos + 1];
        const simple: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
        if (e !== undefined && simple[e] !== undefined) {
          out += simple[e];
          this.pos += 2;
        } else if (e === 'u') {
          const hex = t.slice(this.pos + 2, this.pos + 6);
          if (!/^[0-9a-fA-F]{4}$/.test(hex)) this.fail('invalid \\u escape: expected four hex digits');
          out += String.fromCharCode(parseInt(hex, 16));
          this.pos += 6;
        } else {
          this.fail(`invalid escape '\\${e ?? ''}' in string`);
        }
        chunk = this.pos;
        continue;
      }
      this.pos++;
    }
  }

  number(): void {
    const m = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;
    m.lastIndex = this.pos;
    const r = m.exec(this.text);
    if (r === null || r[0] === '-' || r[0].length === 0) this.fail('invalid number');
    this.pos += r[0].length;
    const next = this.text[this.pos];
    if (next !== undefined && /[0-9.eE+\-a-zA-Z_]/.test(next)) this.fail(`invalid number: unexpected ${describeChar(this.text, this.pos)}`);
  }
}

export interface ParsedJson {
  value: unknown;
  text: string;
  file?: string;
  /** Built on first use: the position scan costs a second pass over the text. */
  locator(): JsonLocator;
}

function buildLocator(scanner: Scanner, lines: LineIndex): JsonLocator {
  const nearest = (map: Map<string, number>, ptr: string): number | undefined => {
    let p = ptr;
    for (;;) {
      const off = map.get(p);
      if (off !== undefined) return off;
      if (p === '') return undefined;
      p = p.slice(0, p.lastIndexOf('/'));
    }
  };
  return {
    locate(ptr) {
      return lines.position(nearest(scanner.values, ptr) ?? 0);
    },
    locateKey(ptr) {
      const k = scanner.keys.get(ptr);
      return lines.position(k ?? nearest(scanner.values, ptr) ?? 0);
    },
    duplicateKeys: scanner.duplicates.map((d) => ({ pointer: d.pointer, position: lines.position(d.offset) })),
  };
}

/**
 * Parse JSON text. Syntax errors throw InputError with file, line and column; the result's `locator()`
 * maps pointers to positions for later checks.
 */
export function parseJsonText(text: string, file?: string, options: { maxDepth?: number } = {}): ParsedJson {
  const tooDeep = jsonDepthProblem(text, options.maxDepth ?? MAX_JSON_DEPTH);
  if (tooDeep !== undefined) {
    const at = new LineIndex(text).position(tooDeep);
    const issue: InputIssue = { path: '', message: `the document is too deeply nested: more than ${options.maxDepth ?? MAX_JSON_DEPTH} levels of arrays and objects`, line: at.line, column: at.column };
    if (file !== undefined) issue.file = file;
    throw new InputError([issue]);
  }
  let value: unknown;
  try {
    value = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch {
    throw locatedSyntaxError(text, file);
  }
  let cached: JsonLocator | undefined;
  return {
    value,
    text,
    ...(file !== undefined ? { file } : {}),
    locator() {
      if (cached === undefined) {
        const scanner = new Scanner(text);
        scanner.document();
        cached = buildLocator(scanner, new LineIndex(text));
      }
      return cached;
    },
  };
}

function locatedSyntaxError(text: string, file?: string): InputError {
  const scanner = new Scanner(text);
  try {
    scanner.document();
  } catch (err) {
    if (err instanceof JsonSyntaxError) {
      const at = new LineIndex(text).position(err.offset);
      const issue: InputIssue = { path: '', message: `invalid JSON: ${err.message}`, line: at.line, column: at.column };
      if (file !== undefined) issue.file = file;
      return new InputError([issue]);
    }
    throw err;
  }
  // JSON.parse rejected what the scanner accepts: should not happen; report without a position.
  const issue: InputIssue = { path: '', message: 'invalid JSON' };
  if (file !== undefined) issue.file = file;
  return new InputError([issue]);
}

/**
 * The offset of the first bracket that opens more than `maxDepth` levels, or undefined. Linear and
 * iterative: brackets inside strings do not count, and malformed text is left to the parser, which then
 * reports it with its position (the scan only has to be right about well-formed nesting).
 */
export function jsonDepthProblem(text: string, maxDepth: number): number | undefined {
  let depth = 0;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 34) {
      // Skip the string: a backslash escapes the next unit, a quote ends it.
      for (i++; i < n; i++) {
        const d = text.charCodeAt(i);
        if (d === 92) i++;
        else if (d === 34) break;
      }
    } else if (c === 91 || c === 123) {
      if (++depth > maxDepth) return i;
    } else if ((c === 93 || c === 125) && depth > 0) {
      depth--;
    }
  }
  return undefined;
}

/** How `readTextFile` names what it was asked to read, for its messages. */
export interface ReadTextOptions {
  /** Largest accepted size in bytes (default MAX_TEXT_FILE_BYTES); checked while reading, not only by stat. */
  maxBytes?: number;
  /** What a directory should have been, for the message (default 'a file'). */
  expected?: string;
}

/**
 * Read a regular file as UTF-8 within a size limit; anything else is an InputError naming the file. Only
 * regular files: a device (`/dev/zero`) has no end and a named pipe blocks until a writer comes, and either
 * would hang or exhaust memory, so the file is opened without blocking and checked with fstat (the same
 * descriptor, so nothing can be swapped in between). The limit is checked on the bytes read, because a
 * file can grow after its size was looked at.
 */
export function readTextFile(path: string, options: ReadTextOptions = {}): string {
  const maxBytes = options.maxBytes ?? MAX_TEXT_FILE_BYTES;
  const fail = (message: string): never => {
    throw new InputError([{ path: '', file: path, message, severity: 'error' }]);
  };
  const code = (err: unknown): string => (err as NodeJS.ErrnoException).code ?? String(err);
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (err) {
    const c = code(err);
    if (c === 'EISDIR') return fail(`is a directory; expected ${options.expected ?? 'a file'}`);
    return fail(c === 'ENOENT' ? 'file not found' : `cannot read the file (${c})`);
  }
  try {
    const st = fstatSync(fd);
    if (st.isDirectory()) fail(`is a directory; expected ${options.expected ?? 'a file'}`);
    if (!st.isFile()) fail('is not a regular file (a device, a named pipe or a socket); give a file');
    if (st.size > maxBytes) fail(`the file is ${st.size} bytes; the limit is ${maxBytes} bytes (${(maxBytes / 1048576).toFixed(1)} MiB)`);
    // One buffer of the stated size plus a byte (to see growth), grown only if the file grew: a large
    // network is held once as bytes and once as its string, not in chunks and then again concatenated.
    let buf = Buffer.allocUnsafe(Math.min(maxBytes + 1, st.size + 1));
    let total = 0;
    for (;;) {
      if (total === buf.length) {
        const grown = Buffer.allocUnsafe(Math.min(maxBytes + 1, Math.max(2 * buf.length, 64 * 1024)));
        buf.copy(grown, 0, 0, total);
        buf = grown;
      }
      let got: number;
      try {
        got = readSync(fd, buf, total, buf.length - total, null);
      } catch (err) {
        return fail(`cannot read the file (${code(err)})`);
      }
      if (got === 0) break;
      total += got;
      if (total > maxBytes) fail(`the file is more than ${maxBytes} bytes; the limit is ${maxBytes} bytes (${(maxBytes / 1048576).toFixed(1)} MiB)`);
    }
    return buf.toString('utf8', 0, total);
  } finally {
    closeSync(fd);
  }
}

/**
 * Schema-driven completion for YAML being typed (no CodeMirror here, so it is tested on its own in
 * test/web/schema-path.test.ts). A document being typed is often not valid YAML, so the path to the cursor
 * is read from the indentation of the lines above it (block style, which the scenario and plan files use
 * for their structure), and the JSON Schema the server publishes (GET /v1/schemas/plan) is walked along
 * that path: `$ref`s into `$defs`, and every branch of `anyOf`/`oneOf`/`allOf`.
 */
export type JsonSchema = {
  $ref?: string;
  $defs?: Record<string, JsonSchema>;
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  patternProperties?: Record<string, JsonSchema>;
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  enum?: unknown[];
  const?: unknown;
  description?: string;
  examples?: unknown[];
};

/** A step of the path: a mapping key, or an item of a sequence. */
export type Step = string | { item: true };

export interface CursorContext {
  /** The keys and sequence items from the root to the mapping that holds the cursor. */
  path: Step[];
  /** 'key': typing a key (its prefix is `prefix`); 'value': typing the value of `key`. */
  at: 'key' | 'value';
  key: string | null;
  prefix: string;
  /** Keys already present in the mapping that holds the cursor (not offered again). */
  siblings: string[];
}

const KEY_LINE = /^(\s*)(-\s+)*([A-Za-z0-9_.$-]+)\s*:(.*)$/;

/** Indentation of a line, counting each `- ` of a sequence item as indentation of its content. */
function contentIndent(line: string): { indent: number; dashes: number } {
  const m = /^(\s*)((?:-\s+)*)/.exec(line)!;
  return { indent: m[1]!.length + m[2]!.length, dashes: (m[2]!.match(/-/g) ?? []).length };
}

/** Where the cursor is: `lines` are the document's lines, `line` the cursor's line (0-based), `column` its column on it. */
export function cursorContext(lines: readonly string[], line: number, column: number): CursorContext {
  const current = lines[line] ?? '';
  const before = current.slice(0, column);
  let at: CursorContext['at'] = 'key';
  let key: string | null = null;
  let prefix: string;
  const valueMatch = /^(\s*(?:-\s+)*)([A-Za-z0-9_.$-]+)\s*:\s*([^\s{}[\],]*)$/.exec(before);
  if (valueMatch !== null) {
    at = 'value';
    key = valueMatch[2]!;
    prefix = valueMatch[3]!;
  } else {
    prefix = /([A-Za-z0-9_.$-]*)$/.exec(before)![1]!;
  }
  const blank = (l: string): boolean => l.trim() === '' || l.trimStart().startsWith('#');
  const here = contentIndent(before);
  const siblings: string[] = [];
  // Siblings: keys at the cursor's indentation in the same mapping, above it (up to the `- ` that starts
  // the item, or the parent) and below it (up to the next item or a line less indented).
  if (here.dashes === 0) {
    for (let i = line - 1; i >= 0; i--) {
      if (blank(lines[i]!)) continue;
      const ci = contentIndent(lines[i]!);
      if (ci.indent < here.indent) break;
      const m = KEY_LINE.exec(lines[i]!);
      if (ci.indent === here.indent && m !== null) siblings.push(m[3]!);
      if (ci.indent === here.indent && ci.dashes > 0) break;
    }
  }
  for (let i = line + 1; i < lines.length; i++) {
    if (blank(lines[i]!)) continue;
    const ci = contentIndent(lines[i]!);
    if (ci.indent < here.indent || (ci.indent === here.indent && ci.dashes > 0)) break;
    const m = KEY_LINE.exec(lines[i]!);
    if (ci.indent === here.indent && m !== null) siblings.push(m[3]!);
  }
  // The path: each less-indented key above, and a sequence item where the first line under a key starts one.
  let indent = here.indent;
  const path: Step[] = [];
  for (let i = line - 1; i >= 0 && indent > 0; i--) {
    const l = lines[i]!;
    if (blank(l)) continue;
    const ci = contentIndent(l);
    const m = KEY_LINE.exec(l);
    if (ci.indent < indent && m !== null) {
      const first = lines.slice(i + 1).find((x) => !blank(x));
      const items = first !== undefined && /^\s*-\s/.test(first) ? [{ item: true } as const] : [];
      path.unshift(m[3]!, ...items);
      indent = ci.indent;
    }
  }
  return { path, at, key, prefix, siblings };
}

function resolve(root: JsonSchema, s: JsonSchema, seen = 0): JsonSchema {
  if (s.$ref !== undefined && seen < 20) {
    const m = /^#\/\$defs\/(.+)$/.exec(s.$ref);
    const target = m !== null ? root.$defs?.[decodeURIComponent(m[1]!)] : undefined;
    if (target !== undefined) return resolve(root, target, seen + 1);
  }
  return s;
}

/** Every alternative a value at this place may follow (anyOf/oneOf/allOf flattened). */
function branches(root: JsonSchema, s: JsonSchema, depth = 0): JsonSchema[] {
  const r = resolve(root, s);
  const subs = [...(r.anyOf ?? []), ...(r.oneOf ?? []), ...(r.allOf ?? [])];
  if (subs.length === 0 || depth > 8) return [r];
  return [r, ...subs.flatMap((x) => branches(root, x, depth + 1))];
}

/** The schemas that may hold the value at `path`. */
export function schemasAt(root: JsonSchema, path: readonly Step[]): JsonSchema[] {
  let current = branches(root, root);
  for (const step of path) {
    const next: JsonSchema[] = [];
    for (const s of current) {
      if (typeof step === 'string') {
        const p = s.properties?.[step];
        if (p !== undefined) next.push(...branches(root, p));
        else {
          for (const [pattern, ps] of Object.entries(s.patternProperties ?? {})) if (new RegExp(pattern).test(step)) next.push(...branches(root, ps));
          if (typeof s.additionalProperties === 'object') next.push(...branches(root, s.additionalProperties));
        }
      } else if (s.items !== undefined) next.push(...branches(root, s.items));
    }
    current = next;
    if (current.length === 0) break;
  }
  return current;
}

export interface Suggestion {
  label: string;
  /** The text inserted (a key gets its `: `). */
  apply: string;
  detail: string;
  type: 'property' | 'enum';
}

/** What to offer at the cursor. */
export function suggest(root: JsonSchema, ctx: CursorContext): Suggestion[] {
  const out = new Map<string, Suggestion>();
  if (ctx.at === 'key') {
    for (const s of schemasAt(root, ctx.path)) {
      for (const [name, p] of Object.entries(s.properties ?? {})) {
        if (ctx.siblings.includes(name) || out.has(name) || !name.startsWith(ctx.prefix)) continue;
        out.set(name, { label: name, apply: `${name}: `, detail: resolve(root, p).description ?? '', type: 'property' });
      }
    }
  } else if (ctx.key !== null) {
    for (const s of schemasAt(root, [...ctx.path, ctx.key])) {
      const values = [...(s.enum ?? []), ...(s.const !== undefined ? [s.const] : [])];
      if (s.type === 'boolean') values.push(true, false);
      for (const v of values) {
        const text = String(v);
        if (out.has(text) || !text.startsWith(ctx.prefix)) continue;
        out.set(text, { label: text, apply: text, detail: s.description ?? '', type: 'enum' });
      }
    }
  }
  return [...out.values()];
}

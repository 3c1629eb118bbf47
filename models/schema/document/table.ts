/**
 * A located document that can cross a thread: the parsed value plus a position table (every pointer of
 * the value with the line and column of its value and key), instead of the yaml package's syntax tree.
 *
 * Why: parsing a 1 MiB YAML body takes about a second, so the HTTP server parses large bodies on another
 * thread (api/http/documents.ts). What it gets back must still place later problems (an unknown region,
 * a plan clause naming a missing zone) at their line and column without parsing the text again on its
 * event loop; the table does, with one lookup per issue. It is built in linear time from the tree the
 * parse made anyway, and packed (pointers in one string, positions in one typed array) so that it crosses
 * as a couple of copies rather than as a million small objects.
 */
import { isAlias, isMap, isScalar, isSeq, type Node as YamlNode } from 'yaml';
import { pointerSegment, type InputIssue } from '../../../engine/errors.js';
import { LocatedYaml } from './located-text.js';
import { locatedIssue, type LocatedDocument, type SourcePosition } from './located.js';

export interface PositionTable {
  /** Pointers, NUL-separated (a document holds no NUL: the parser refuses it). */
  pointers: string;
  /** Per pointer: value line, value column, key line, key column (0: no key, an array item or the root). */
  positions: Int32Array;
}

/** The position table of a parsed document. */
export function positionTable(doc: LocatedDocument): PositionTable {
  const pointers: string[] = [];
  const positions: number[] = [];
  const record = (pointer: string, value: SourcePosition | undefined, key: SourcePosition | undefined): void => {
    pointers.push(pointer);
    positions.push(value?.line ?? 0, value?.column ?? 0, key?.line ?? 0, key?.column ?? 0);
  };
  if (doc instanceof LocatedYaml) {
    const { tree } = doc.syntax();
    const at = (node: YamlNode | null | undefined): SourcePosition | undefined => (node?.range ? doc.offsetPosition(node.range[0]) : undefined);
    const resolve = (node: unknown): unknown => {
      for (let i = 0; i < 8 && isAlias(node); i++) node = node.resolve(tree);
      return node;
    };
    // An explicit stack, not recursion: the nesting limit is checked, but a walk should not depend on it.
    const stack: Array<{ node: unknown; pointer: string }> = [{ node: tree.contents, pointer: '' }];
    record('', at(tree.contents as YamlNode | null) ?? (tree.range ? doc.offsetPosition(tree.range[0]) : undefined), undefined);
    while (stack.length > 0) {
      const { node, pointer } = stack.pop()!;
      const container = resolve(node);
      if (isMap(container)) {
        for (const pair of container.items) {
          if (!isScalar(pair.key)) continue;
          const p = `${pointer}/${pointerSegment(String(pair.key.value))}`;
          const value = (pair.value ?? pair.key) as YamlNode;
          record(p, at(value) ?? at(pair.key), at(pair.key));
          stack.push({ node: pair.value, pointer: p });
        }
      } else if (isSeq(container)) {
        container.items.forEach((item, i) => {
          const p = `${pointer}/${i}`;
          record(p, at(item as YamlNode), undefined);
          stack.push({ node: item, pointer: p });
        });
      }
    }
  } else {
    // JSON (and anything else): the located document answers each pointer in constant time.
    const stack: Array<{ value: unknown; pointer: string }> = [{ value: doc.value, pointer: '' }];
    while (stack.length > 0) {
      const { value, pointer } = stack.pop()!;
      record(pointer, doc.position(pointer, 'value'), pointer === '' ? undefined : doc.position(pointer, 'key'));
      if (Array.isArray(value)) value.forEach((v, i) => stack.push({ value: v, pointer: `${pointer}/${i}` }));
      else if (value !== null && typeof value === 'object') for (const [k, v] of Object.entries(value)) stack.push({ value: v, pointer: `${pointer}/${pointerSegment(k)}` });
    }
  }
  return { pointers: pointers.join('\u0000'), positions: Int32Array.from(positions) };
}

/** A LocatedDocument over a value and its position table (what a parse on another thread returns). */
export class TabledDocument implements LocatedDocument {
  readonly value: unknown;
  readonly file?: string;
  private index: Map<string, number> | undefined;

  constructor(
    value: unknown,
    private readonly table: PositionTable,
    file: string | undefined,
  ) {
    this.value = value;
    if (file !== undefined) this.file = file;
  }

  /** Built on the first lookup: a document without problems never pays for it. */
  private lookup(): Map<string, number> {
    if (this.index === undefined) {
      this.index = new Map();
      this.table.pointers.split('\u0000').forEach((p, i) => this.index!.set(p, i));
    }
    return this.index;
  }

  position(pointer: string, at: 'value' | 'key' = 'value'): SourcePosition | undefined {
    const index = this.lookup();
    const t = this.table.positions;
    for (let p = pointer; ; p = p.slice(0, p.lastIndexOf('/'))) {
      const i = index.get(p);
      if (i !== undefined) {
        if (at === 'key' && p === pointer && t[4 * i + 2]! > 0) return { line: t[4 * i + 2]!, column: t[4 * i + 3]! };
        if (t[4 * i]! > 0) return { line: t[4 * i]!, column: t[4 * i + 1]! };
      }
      if (p === '') return undefined;
    }
  }

  issue(pointer: string, message: string, options: { at?: 'value' | 'key'; severity?: 'error' | 'warning' } = {}): InputIssue {
    return locatedIssue(this, pointer, message, options);
  }
}

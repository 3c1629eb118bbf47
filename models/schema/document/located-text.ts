/** LocatedDocument over YAML (the yaml package's node ranges) and over strict JSON (engine/network's scanner). */
import { isAlias, isMap, isScalar, isSeq, visit, type Document, type LineCounter, type Node as YamlNode } from 'yaml';
import type { InputIssue } from '../../../engine/errors.js';
import type { JsonLocator } from '../../../engine/network/json-source.js';
import { locatedIssue, type LocatedDocument, type SourcePosition } from './located.js';
import { segments } from './pointers.js';

export class LocatedYaml implements LocatedDocument {
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

  /** The syntax tree, for walks that need every node at once (table.ts). */
  syntax(): { tree: Document.Parsed } {
    return { tree: this.doc };
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
    return locatedIssue(this, pointer, message, options);
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
export class LocatedJson implements LocatedDocument {
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
    return locatedIssue(this, pointer, message, options);
  }
}

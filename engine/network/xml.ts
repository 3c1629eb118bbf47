/**
 * A small, strict, streaming XML tokenizer for the subset OpenStreetMap files use: elements, attributes
 * (single or double quoted), self-closing tags, the five predefined entities and character references,
 * comments, processing instructions / the XML declaration, a DOCTYPE without internal subset, and CDATA
 * (passed through as text). It calls back per start and end tag instead of building a tree, so a large
 * .osm file costs one pass and only what the caller keeps. Well-formedness errors (unclosed or mismatched
 * tags, bad attributes, unknown entities, text outside the root) throw InputError with line and column.
 *
 * Not supported, on purpose: namespaces (treated as plain names), DTD entity declarations, encodings
 * other than UTF-8 (the caller decodes the file).
 */
import { InputError, type InputIssue } from '../errors.js';
import { LineIndex, type SourcePosition } from './json-source.js';

export interface XmlHandler {
  /** A start tag (selfClosing: `<x/>`, which is followed by no close call). `offset` is the '<'. */
  open(name: string, attrs: Record<string, string>, selfClosing: boolean, offset: number): void;
  close?(name: string, offset: number): void;
}

const NAME = /[A-Za-z_:][-A-Za-z0-9_:.]*/y;
const PREDEFINED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

export class XmlScanner {
  private readonly lines: LineIndex;
  constructor(
    readonly text: string,
    readonly file?: string,
  ) {
    this.lines = new LineIndex(text);
  }

  position(offset: number): SourcePosition {
    return this.lines.position(offset);
  }

  /** An InputError located at `offset`. */
  error(offset: number, message: string, path = ''): InputError {
    return new InputError([this.issue(offset, message, path)]);
  }

  issue(offset: number, message: string, path = ''): InputIssue {
    const p = this.position(offset);
    const issue: InputIssue = { path, message, line: p.line, column: p.column, severity: 'error' };
    if (this.file !== undefined) issue.file = this.file;
    return issue;
  }

  private decode(raw: string, offset: number): string {
    if (raw.indexOf('&') < 0) return raw;
    return raw.replace(/&([^;&\s<]*);?/g, (whole, ref: string, at: number) => {
      if (!whole.endsWith(';')) throw this.error(offset + at, `'&' must start an entity such as &amp; (found "${whole.slice(0, 12)}")`);
      if (ref.startsWith('#x') || ref.startsWith('#X')) {
        const code = parseInt(ref.slice(2), 16);
        if (!/^#[xX][0-9a-fA-F]+$/.test(ref) || code > 0x10ffff) throw this.error(offset + at, `bad character reference &${ref};`);
        return String.fromCodePoint(code);
      }
      if (ref.startsWith('#')) {
        const code = parseInt(ref.slice(1), 10);
        if (!/^#[0-9]+$/.test(ref) || code > 0x10ffff) throw this.error(offset + at, `bad character reference &${ref};`);
        return String.fromCodePoint(code);
      }
      const v = PREDEFINED[ref];
      if (v === undefined) throw this.error(offset + at, `unknown entity &${ref}; (only &lt; &gt; &amp; &quot; &apos; and character references are defined)`);
      return v;
    });
  }

  /** Tokenize the whole document, calling the handler for each tag. */
  scan(handler: XmlHandler): void {
    const t = this.text;
    let pos = t.charCodeAt(0) === 0xfeff ? 1 : 0;
    const stack: Array<{ name: string; offset: number }> = [];
    let sawRoot = false;
    while (pos < t.length) {
      const lt = t.indexOf('<', pos);
      const textEnd = lt < 0 ? t.length : lt;
      if (textEnd > pos) {
        const chunk = t.slice(pos, textEnd);
        if (stack.length === 0 && /\S/.test(chunk)) {
          const at = pos + chunk.search(/\S/);
          throw this.error(at, sawRoot ? 'text after the end of the root element' : 'text before the root element (expected "<")');
        }
        if (chunk.indexOf('&') >= 0) this.decode(chunk, pos);
        if (chunk.indexOf('>') >= 0 && chunk.indexOf(']]>') >= 0) throw this.error(pos + chunk.indexOf(']]>'), "']]>' is not allowed in text");
      }
      if (lt < 0) break;
      pos = lt;
      if (t.startsWith('<!--', pos)) {
        const end = t.indexOf('-->', pos + 4);
        if (end < 0) throw this.error(pos, 'unterminated comment (missing "-->")');
        pos = end + 3;
        continue;
      }
      if (t.startsWith('<?', pos)) {
        const end = t.indexOf('?>', pos + 2);
        if (end < 0) throw this.error(pos, 'unterminated processing instruction (missing "?>")');
        pos = end + 2;
        continue;
      }
      if (t.startsWith('<![CDATA[', pos)) {
        if (stack.length === 0) throw this.error(pos, 'CDATA outside the root element');
        const end = t.indexOf(']]>', pos + 9);
        if (end < 0) throw this.error(pos, 'unterminated CDATA section (missing "]]>")');
        pos = end + 3;
        continue;
      }
      if (t.startsWith('<!DOCTYPE', pos)) {
        if (sawRoot || stack.length > 0) throw this.error(pos, 'DOCTYPE after the root element started');
        const end = t.indexOf('>', pos);
        const bracket = t.indexOf('[', pos);
        if (bracket >= 0 && (end < 0 || bracket < end)) throw this.error(pos, 'a DOCTYPE with an internal subset is not supported');
        if (end < 0) throw this.error(pos, 'unterminated DOCTYPE');
        pos = end + 1;
        continue;
      }
      if (t[pos + 1] === '/') {
        NAME.lastIndex = pos + 2;
        const m = NAME.exec(t);
        if (m === null) throw this.error(pos + 2, 'expected an element name after "</"');
        let p = pos + 2 + m[0].length;
        while (p < t.length && /\s/.test(t[p]!)) p++;
        if (t[p] !== '>') throw this.error(p, `expected '>' to end </${m[0]}`);
        const open = stack.pop();
        if (open === undefined) throw this.error(pos, `closing tag </${m[0]}> without a matching start tag`);
        if (open.name !== m[0]) {
          const o = this.position(open.offset);
          throw this.error(pos, `expected </${open.name}> (opened at line ${o.line}, column ${o.column}) but found </${m[0]}>`);
        }
        handler.close?.(m[0], pos);
        pos = p + 1;
        continue;
      }
      // Start tag.
      const tagStart = pos;
      NAME.lastIndex = pos + 1;
      const m = NAME.exec(t);
      if (m === null) throw this.error(pos + 1, `expected an element name after "<", found ${t[pos + 1] === undefined ? 'end of input' : `'${t[pos + 1]}'`}`);
      if (stack.length === 0 && sawRoot) throw this.error(pos, `a second root element <${m[0]}> (an XML document has exactly one)`);
      const name = m[0];
      let p = pos + 1 + name.length;
      // No prototype: an attribute named __proto__ or constructor is just an attribute.
      const attrs = Object.create(null) as Record<string, string>;
      let selfClosing = false;
      for (;;) {
        const before = p;
        while (p < t.length && /\s/.test(t[p]!)) p++;
        const c = t[p];
        if (c === undefined) throw this.error(tagStart, `unterminated start tag <${name}`);
        if (c === '>') {
          p++;
          break;
        }
        if (c === '/') {
          if (t[p + 1] !== '>') throw this.error(p, `expected '/>' in <${name}>`);
          selfClosing = true;
          p += 2;
          break;
        }
        if (p === before) throw this.error(p, `expected whitespace before attribute in <${name}>`);
        NAME.lastIndex = p;
        const an = NAME.exec(t);
        if (an === null) throw this.error(p, `expected an attribute name or '>' in <${name}>, found '${c}'`);
        const attrName = an[0];
        p += attrName.length;
        while (p < t.length && /\s/.test(t[p]!)) p++;
        if (t[p] !== '=') throw this.error(p, `expected '=' after attribute ${attrName} in <${name}>`);
        p++;
        while (p < t.length && /\s/.test(t[p]!)) p++;
        const q = t[p];
        if (q !== '"' && q !== "'") throw this.error(p, `attribute ${attrName} in <${name}> needs a quoted value`);
        const close = t.indexOf(q, p + 1);
        if (close < 0) throw this.error(p, `unterminated value of attribute ${attrName} in <${name}>`);
        const raw = t.slice(p + 1, close);
        const ltIn = raw.indexOf('<');
        if (ltIn >= 0) throw this.error(p + 1 + ltIn, `'<' inside the value of attribute ${attrName} (write &lt;)`);
        if (Object.prototype.hasOwnProperty.call(attrs, attrName)) throw this.error(before, `duplicate attribute ${attrName} in <${name}>`);
        attrs[attrName] = this.decode(raw, p + 1);
        p = close + 1;
      }
      sawRoot = true;
      handler.open(name, attrs, selfClosing, tagStart);
      if (!selfClosing) stack.push({ name, offset: tagStart });
      pos = p;
    }
    if (stack.length > 0) {
      const open = stack[stack.length - 1]!;
      throw this.error(open.offset, `element <${open.name}> is never closed (end of input reached)`);
    }
    if (!sawRoot) throw this.error(t.length, 'no root element: the file is empty or holds no XML element');
  }
}

/**
 * Versioned documents: the `drillsim: <version>` and `kind: <kind>` header, checked before the schema so
 * that a file of another kind or a future version gets one clear message instead of a page of noise.
 */
import { Type, type TLiteral, type TSchema } from '@sinclair/typebox';
import type { InputIssue } from '../../../engine/errors.js';
import { plainIssue, type LocatedDocument } from './located.js';
import { describeValue } from './names.js';
import type { LoadOptions } from './options.js';
import { asRecord } from './pointers.js';
import { schemaRecord } from './problems.js';

/** The file format version every drillsim document carries as `drillsim: 1`. */
export const FORMAT_VERSION = 1;

/** Schema properties for the document header: spread into a kind's Type.Object. */
export function documentHeader<K extends string>(kind: K): { drillsim: TLiteral<typeof FORMAT_VERSION>; kind: TLiteral<K> } {
  return {
    drillsim: Type.Literal(FORMAT_VERSION, { description: 'drillsim file format version' }),
    kind: Type.Literal(kind, { description: 'What this document is' }),
  };
}

function schemaConst(schema: TSchema, key: string): unknown {
  const p = asRecord(schemaRecord(schema).properties?.[key]);
  return p !== undefined && 'const' in p ? p['const'] : undefined;
}

export interface HeaderCheck {
  issues: InputIssue[];
  /** True when schema checking would only add noise (wrong kind, unknown version, not a mapping). */
  stop: boolean;
  skip: Set<string>;
}

export function headerIssues(value: unknown, schema: TSchema, options: LoadOptions, doc: LocatedDocument | undefined, file: string | undefined): HeaderCheck {
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

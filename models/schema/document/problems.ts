/**
 * Schema problems -> messages that say what was expected: TypeBox's value errors collected (each path
 * once, up to a limit), unions explained by their closest variant, unknown keys with the allowed ones
 * and the likely typo, and a typo paired with the missing key it stands for.
 */
import type { TSchema } from '@sinclair/typebox';
import { ValueErrorType, type ValueError, type ValueErrorIterator } from '@sinclair/typebox/errors';
import { pointerSegment } from '../../../engine/errors.js';
import { explainUnitPattern } from '../units.js';
import { closestName, describeValue, listNames, plural } from './names.js';
import { asRecord, lastKey, parentPointer } from './pointers.js';

export interface Problem {
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

export type SchemaRecord = Record<string, unknown> & { anyOf?: unknown[]; properties?: Record<string, unknown>; required?: string[] };

export function schemaRecord(s: unknown): SchemaRecord {
  return (asRecord(s) ?? {}) as SchemaRecord;
}

export class ProblemCollector {
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
export function pairTypos(problems: Problem[]): Problem[] {
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

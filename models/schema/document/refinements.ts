import type { TSchema } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { pointerSegment } from '../../../engine/errors.js';
import { INSTANT_PATTERN, instantProblemMessage } from '../units.js';
import { asRecord } from './pointers.js';
import type { ProblemCollector } from './problems.js';

/** Strings checked beyond their pattern once the schema passes (day-of-month validity of instants). */
export function refinementProblems(schema: unknown, value: unknown, path: string, c: ProblemCollector, references: TSchema[]): void {
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

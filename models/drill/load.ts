/**
 * Reading drill files (scripts, evaluations) back: JSON with located errors (file, line, column, JSON
 * pointer) checked against their schemas, so a hand-edited script or a wrong file is refused plainly.
 */
import type { TSchema, Static } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { InputError, type InputIssue } from '../../engine/errors.js';
import { parseJsonText } from '../../engine/network/json-source.js';
import { DrillEvaluationSchema, DrillScriptSchema, type DrillEvaluation, type DrillScript } from '../schema/drill.js';

export function loadJsonDocument<T extends TSchema>(text: string, file: string, schema: T, what: string): Static<T> {
  const parsed = parseJsonText(text, file);
  if (Value.Check(schema, parsed.value)) return parsed.value as Static<T>;
  const locator = parsed.locator();
  const issues: InputIssue[] = [];
  const kind = (parsed.value as { kind?: unknown } | null)?.kind;
  const expected = (schema as unknown as { properties?: { kind?: { const?: unknown } } }).properties?.kind?.const;
  if (expected !== undefined && kind !== expected) {
    const at = locator.locate('/kind');
    throw new InputError([{ path: '/kind', file, line: at.line, column: at.column, message: `not ${what}: its kind is ${JSON.stringify(kind ?? null)}, expected "${String(expected)}"` }]);
  }
  for (const e of Value.Errors(schema, parsed.value)) {
    const at = locator.locate(e.path);
    issues.push({ path: e.path, file, line: at.line, column: at.column, message: e.message });
    if (issues.length >= 20) break;
  }
  throw new InputError(issues);
}

export function loadDrillScript(text: string, file: string): DrillScript {
  const script = loadJsonDocument(text, file, DrillScriptSchema, 'a drill script');
  const issues: InputIssue[] = [];
  script.expectedActions.forEach((a, i) => {
    if (a.samples.start.length === 0) issues.push({ path: `/expectedActions/${i}/samples/start`, file, message: `expected action ${a.id} has no simulated start times` });
  });
  if (issues.length > 0) throw new InputError(issues);
  return script;
}

export function loadDrillEvaluation(text: string, file: string): DrillEvaluation {
  return loadJsonDocument(text, file, DrillEvaluationSchema, 'a drill evaluation (drillsim drill evaluate --json)');
}

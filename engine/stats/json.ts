/**
 * Checks for the plain-JSON forms of the summaries. Summaries cross worker boundaries (structured
 * clone) and are stored as JSON files or in a database, so `fromJSON` may see truncated, hand-edited
 * or old data; it must say where the problem is (a JSON pointer) rather than produce NaN results
 * later. Problems are reported as `InputError`, which the CLI maps to exit code 2.
 */
import { InputError, pointerSegment } from '../errors.js';

export function invalid(path: string, message: string): never {
  throw new InputError([{ path, message, severity: 'error' }]);
}

export function child(path: string, key: string | number): string {
  return `${path}/${pointerSegment(key)}`;
}

export function readObject(value: unknown, path: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    invalid(path, `expected an object, got ${describe(value)}`);
  }
  return value as Record<string, unknown>;
}

export interface NumberRule {
  integer?: boolean;
  min?: number;
  /** Upper bound (inclusive). */
  max?: number;
}

export function readNumber(obj: Record<string, unknown>, key: string, path: string, rule: NumberRule = {}): number {
  return checkNumber(obj[key], child(path, key), rule);
}

export function readNullableNumber(obj: Record<string, unknown>, key: string, path: string): number | null {
  const v = obj[key];
  if (v === null) return null;
  return checkNumber(v, child(path, key), {});
}

export function readNumberArray(obj: Record<string, unknown>, key: string, path: string, rule: NumberRule = {}): number[] {
  const at = child(path, key);
  const v = obj[key];
  if (!Array.isArray(v)) invalid(at, `expected an array of numbers, got ${describe(v)}`);
  const out = new Array<number>(v.length);
  for (let i = 0; i < v.length; i++) out[i] = checkNumber(v[i], child(at, i), rule);
  return out;
}

export function readLiteral<T extends string>(obj: Record<string, unknown>, key: string, path: string, allowed: readonly T[]): T {
  const v = obj[key];
  if (typeof v !== 'string' || !(allowed as readonly string[]).includes(v)) {
    invalid(child(path, key), `expected one of ${allowed.map((a) => JSON.stringify(a)).join(', ')}, got ${describe(v)}`);
  }
  return v as T;
}

function checkNumber(v: unknown, at: string, rule: NumberRule): number {
  if (typeof v !== 'number' || !Number.isFinite(v)) invalid(at, `expected a finite number, got ${describe(v)}`);
  if (rule.integer === true && !Number.isInteger(v)) invalid(at, `expected an integer, got ${v}`);
  if (rule.min !== undefined && v < rule.min) invalid(at, `expected a number >= ${rule.min}, got ${v}`);
  if (rule.max !== undefined && v > rule.max) invalid(at, `expected a number <= ${rule.max}, got ${v}`);
  return v;
}

function describe(v: unknown): string {
  if (v === undefined) return 'nothing (missing)';
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'number') return String(v);
  if (typeof v === 'string') return JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}...` : v);
  return typeof v;
}

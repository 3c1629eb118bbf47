/**
 * Request validation with TypeBox instead of fastify's default Ajv. Two reasons: Ajv in fastify removes
 * additional properties silently (`removeAdditional`), and unknown fields must be refused; and the
 * document loader's `schemaIssues` (models/schema/document.ts) already explains schema failures in words
 * (the allowed keys, the likely typo, the closest form of a union), so API bodies get the same messages
 * as scenario files. Query strings and path parameters arrive as strings and are converted first
 * (`Value.Convert`: "5" -> 5 where the schema wants an integer), but only when they are written as plain
 * decimal numbers: Convert reads "2.9" as 2 and "1e3" or "1e99" as 1, and a request would silently get
 * something else than it asked for.
 */
import { Kind, type TSchema } from '@sinclair/typebox';
import { TypeCompiler, type TypeCheck } from '@sinclair/typebox/compiler';
import { Value } from '@sinclair/typebox/value';
import type { FastifySchemaCompiler } from 'fastify';

type RouteSchemaDef<S> = Parameters<FastifySchemaCompiler<S>>[0];
type ValidationResult = ReturnType<FastifySchemaCompiler<unknown>>;
import { schemaIssues } from '../../models/schema/document.js';
import type { InputIssue } from '../../engine/errors.js';
import { RequestInputError, type RequestPart } from './errors.js';

function compile(schema: TSchema): TypeCheck<TSchema> | undefined {
  try {
    return TypeCompiler.Compile(schema);
  } catch {
    // Schemas the compiler cannot take (none today) fall back to the interpreter.
    return undefined;
  }
}

const INTEGER_TEXT = /^-?(0|[1-9][0-9]*)$/;
const NUMBER_TEXT = /^-?(0|[1-9][0-9]*)(\.[0-9]+)?$/;

/** What a string may become under this schema: a number, an integer, or (also) text, which needs no check. */
function numericKind(schema: TSchema): 'integer' | 'number' | null {
  const members = (schema['anyOf'] as TSchema[] | undefined) ?? [schema];
  let kind: 'integer' | 'number' | null = null;
  for (const m of members) {
    const k = m[Kind];
    if (k === 'String' || (k === 'Literal' && typeof m['const'] === 'string')) return null;
    if (k === 'Integer') kind = kind ?? 'integer';
    if (k === 'Number') kind = 'number';
  }
  return kind;
}

/** Query and path values that a numeric property would read as another number than written. */
function numberTextIssues(schema: TSchema, data: unknown, part: RequestPart): InputIssue[] {
  const properties = schema['properties'] as Record<string, TSchema> | undefined;
  if (properties === undefined || typeof data !== 'object' || data === null) return [];
  const issues: InputIssue[] = [];
  for (const [key, value] of Object.entries(data as Record<string, unknown>)) {
    const prop = properties[key];
    if (prop === undefined || typeof value !== 'string') continue;
    const kind = numericKind(prop);
    if (kind === null) continue;
    const ok = kind === 'integer' ? INTEGER_TEXT.test(value) && Number.isSafeInteger(Number(value)) : NUMBER_TEXT.test(value) && Number.isFinite(Number(value));
    if (!ok) {
      issues.push({
        path: `/${key}`,
        message: `'${value.length > 40 ? `${value.slice(0, 40)}...` : value}' is not ${kind === 'integer' ? 'a whole number in decimal digits (no fraction, no exponent)' : 'a number in decimal digits (no exponent)'}`,
        severity: 'error',
        file: part,
      });
    }
  }
  return issues;
}

export function typeboxValidatorCompiler<S>({ schema: routeSchema, httpPart }: RouteSchemaDef<S>): ValidationResult {
  const schema = routeSchema as TSchema;
  const part = (httpPart ?? 'body') as RequestPart;
  const check = compile(schema);
  const convert = part === 'querystring' || part === 'params' || part === 'headers';
  return (data: unknown) => {
    if (convert) {
      const bad = numberTextIssues(schema, data, part);
      if (bad.length > 0) return { error: new RequestInputError(part, bad) };
    }
    const value = convert ? Value.Convert(schema, data) : data;
    const ok = check !== undefined ? check.Check(value) : Value.Check(schema, value);
    if (ok) return { value };
    const issues = schemaIssues(value, schema, { file: part === 'body' ? 'request body' : part });
    return { error: new RequestInputError(part, issues.length > 0 ? issues : [{ path: '', message: 'does not match the schema' }]) };
  };
}

/** For routes whose body is a document checked by the document loader itself (YAML or JSON text). */
export function documentBodyValidatorCompiler<S>(route: RouteSchemaDef<S>): ValidationResult {
  return route.httpPart === 'body' ? () => true : typeboxValidatorCompiler(route);
}

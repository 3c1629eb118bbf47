/**
 * Request validation with TypeBox instead of fastify's default Ajv. Two reasons: Ajv in fastify removes
 * additional properties silently (`removeAdditional`), and unknown fields must be refused; and the
 * document loader's `schemaIssues` (models/schema/document.ts) already explains schema failures in words
 * (the allowed keys, the likely typo, the closest form of a union), so API bodies get the same messages
 * as scenario files. Query strings and path parameters arrive as strings and are converted first
 * (`Value.Convert`: "5" -> 5 where the schema wants an integer).
 */
import type { TSchema } from '@sinclair/typebox';
import { TypeCompiler, type TypeCheck } from '@sinclair/typebox/compiler';
import { Value } from '@sinclair/typebox/value';
import type { FastifySchemaCompiler } from 'fastify';

type RouteSchemaDef<S> = Parameters<FastifySchemaCompiler<S>>[0];
type ValidationResult = ReturnType<FastifySchemaCompiler<unknown>>;
import { schemaIssues } from '../../models/schema/document.js';
import { RequestInputError, type RequestPart } from './errors.js';

function compile(schema: TSchema): TypeCheck<TSchema> | undefined {
  try {
    return TypeCompiler.Compile(schema);
  } catch {
    // Schemas the compiler cannot take (none today) fall back to the interpreter.
    return undefined;
  }
}

export function typeboxValidatorCompiler<S>({ schema: routeSchema, httpPart }: RouteSchemaDef<S>): ValidationResult {
  const schema = routeSchema as TSchema;
  const part = (httpPart ?? 'body') as RequestPart;
  const check = compile(schema);
  const convert = part === 'querystring' || part === 'params' || part === 'headers';
  return (data: unknown) => {
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

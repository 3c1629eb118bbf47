/** Schema checks of a parsed value or document: every problem at once, located when the text is known. */
import type { Static, TSchema } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { InputError, type InputIssue } from '../../../engine/errors.js';
import { headerIssues } from './header.js';
import { sortIssues, type LocatedDocument } from './located.js';
import { DEFAULT_MAX_ISSUES, type LoadOptions } from './options.js';
import { pairTypos, ProblemCollector } from './problems.js';
import { refinementProblems } from './refinements.js';

/** Every sub-schema of `root` that carries an $id. */
function schemasWithId(root: TSchema): TSchema[] {
  const out: TSchema[] = [];
  const seen = new Set<object>();
  const walk = (node: unknown): void => {
    if (node === null || typeof node !== 'object' || seen.has(node)) return;
    seen.add(node);
    if (!Array.isArray(node) && typeof (node as { $id?: unknown }).$id === 'string') out.push(node as TSchema);
    for (const child of Array.isArray(node) ? node : Object.values(node)) walk(child);
  };
  walk(root);
  return out;
}

export interface CheckOptions {
  references?: TSchema[];
  maxIssues?: number;
  /** Pointers already reported (e.g. by the header check): schema problems there are not repeated. */
  skip?: ReadonlySet<string>;
}

/**
 * Every schema problem of `value`, with messages that say what was expected. With `doc`, the issues carry
 * file, line and column; without (a body fastify already parsed), pointers only.
 */
export function schemaIssues(value: unknown, schema: TSchema, options: CheckOptions & { doc?: LocatedDocument; file?: string } = {}): InputIssue[] {
  // Schemas with an $id inside `schema` (Type.Recursive's, say) are what its $refs point to.
  const references = [...(options.references ?? []), ...schemasWithId(schema)];
  const limit = options.maxIssues ?? DEFAULT_MAX_ISSUES;
  const c = new ProblemCollector(limit, options.skip ?? new Set(), references);
  if (!Value.Check(schema, references, value)) c.collect(Value.Errors(schema, references, value));
  // Also on invalid documents, so a 30 February is reported with the rest (paths already reported are skipped).
  refinementProblems(schema, value, '', c, references);
  const problems = pairTypos(c.problems);
  const issues = problems.map((p) => {
    if (options.doc !== undefined) return options.doc.issue(p.path, p.message, { at: p.at });
    const issue: InputIssue = { path: p.path, message: p.message, severity: 'error' };
    if (options.file !== undefined) issue.file = options.file;
    return issue;
  });
  const sorted = sortIssues(issues);
  if (c.truncated) {
    const more: InputIssue = { path: '', message: `stopped after ${limit} problems; fix these and validate again for the rest`, severity: 'error' };
    const file = options.doc?.file ?? options.file;
    if (file !== undefined) more.file = file;
    sorted.push(more);
  }
  return sorted;
}

/** Check an already-parsed value (e.g. a JSON body); throws InputError with pointers, returns it typed. */
export function checkValue<S extends TSchema>(value: unknown, schema: S, options: LoadOptions & { file?: string } = {}): Static<S> {
  const header = headerIssues(value, schema, options, undefined, options.file);
  if (header.stop) throw new InputError(header.issues);
  const issues = [...header.issues, ...schemaIssues(value, schema, { ...options, skip: header.skip })];
  if (issues.length > 0) throw new InputError(issues);
  return value as Static<S>;
}

/** Validate a parsed document against `schema`; throws InputError listing every located problem. */
export function checkDocument<S extends TSchema>(doc: LocatedDocument, schema: S, options: LoadOptions = {}): Static<S> {
  const header = headerIssues(doc.value, schema, options, doc, doc.file);
  if (header.stop) throw new InputError(header.issues);
  const issues = sortIssues([...header.issues, ...schemaIssues(doc.value, schema, { ...options, doc, skip: header.skip })]);
  if (issues.length > 0) throw new InputError(issues);
  return doc.value as Static<S>;
}

/**
 * Load YAML or JSON documents against TypeBox schemas with located errors.
 *
 * Every scenario, plan and drill file (and every HTTP body that carries one) goes through here, so the
 * rules live in one place:
 *   - YAML 1.2 core schema only: no custom tags, no YAML 1.1 extras (`!!binary`, `!!timestamp`, merge
 *     keys), string keys only, duplicate keys rejected, one document per file. JSON is YAML, so `.json`
 *     files take the same path.
 *   - Resource limits come first, before any parsing: document size (default 2 MiB), nesting depth (the
 *     yaml package recurses, and a few hundred thousand nested `- ` crash the process, so depth is checked
 *     by a linear scan beforehand) and alias expansions (billion-laughs documents fail fast).
 *   - Versioned documents: `drillsim: <version>` and `kind: <kind>` are checked before the schema, so a
 *     file of another kind or a future version gets one clear message instead of a page of noise.
 *   - Schema problems are reported ALL at once, each with file, line, column and JSON pointer, and a
 *     message that says what was expected: an unknown key names the allowed keys (and the likely typo); a
 *     union of object shapes is explained by its closest variant instead of one error per variant.
 *
 * The loader returns the validated raw document: durations and instants stay as written (units.ts
 * converts them in the compile step). `loadLocatedDocument` also returns the `LocatedDocument`, so the
 * compile step can report semantic problems (unknown zone, bad reference) at the right line too.
 *
 * This module is the public face; the work is split by concern under ./document/: options.ts (limits),
 * parse.ts with nesting.ts and located-text.ts (text -> LocatedDocument), problems.ts with names.ts and
 * refinements.ts (schema errors -> messages), header.ts (drillsim/kind), check.ts and load.ts (entry points).
 */
export { checkDocument, checkValue, schemaIssues, type CheckOptions } from './document/check.js';
export { documentHeader, documentKind, FORMAT_VERSION } from './document/header.js';
export { loadDocument, loadDocumentFile, loadLocatedDocument, readDocumentFile } from './document/load.js';
export type { DocumentSource, LocatedDocument, SourcePosition } from './document/located.js';
export { closestName, describeValue } from './document/names.js';
export {
  DEFAULT_MAX_ALIAS_COUNT,
  DEFAULT_MAX_BYTES,
  DEFAULT_MAX_DEPTH,
  DEFAULT_MAX_INDENT,
  DEFAULT_MAX_ISSUES,
  type LoadOptions,
  type ParseLimits,
} from './document/options.js';
export { parseYamlDocument } from './document/parse.js';

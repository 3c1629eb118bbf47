/** The entry points: read a file within the size limit, parse it, check it against a schema. */
import type { Static, TSchema } from '@sinclair/typebox';
import { readTextFile } from '../../../engine/network/json-source.js';
import { checkDocument } from './check.js';
import type { DocumentSource, LocatedDocument } from './located.js';
import { DEFAULT_MAX_BYTES, type LoadOptions, type ParseLimits } from './options.js';
import { parseYamlDocument } from './parse.js';

/** Parse and validate; also returns the located document, for semantic checks with line numbers. */
export function loadLocatedDocument<S extends TSchema>(source: DocumentSource, schema: S, options: LoadOptions = {}): { value: Static<S>; doc: LocatedDocument } {
  const doc = parseYamlDocument(source, options);
  return { value: checkDocument(doc, schema, options), doc };
}

/** Parse YAML or JSON text and validate it against `schema`: the typed document, or an InputError. */
export function loadDocument<S extends TSchema>(source: DocumentSource, schema: S, options: LoadOptions = {}): Static<S> {
  return loadLocatedDocument(source, schema, options).value;
}

/**
 * Read a document file within the size limit; a missing or unreadable file, a directory, a device or a pipe
 * is an InputError naming it (engine/network/json-source.ts readTextFile: regular files only, the limit
 * checked while reading).
 */
export function readDocumentFile(path: string, limits: ParseLimits = {}): DocumentSource {
  return { text: readTextFile(path, { maxBytes: limits.maxBytes ?? DEFAULT_MAX_BYTES, expected: 'a YAML or JSON file' }), file: path };
}

/** Read, parse and validate a YAML or JSON file. */
export function loadDocumentFile<S extends TSchema>(path: string, schema: S, options: LoadOptions = {}): Static<S> {
  return loadDocument(readDocumentFile(path, options), schema, options);
}

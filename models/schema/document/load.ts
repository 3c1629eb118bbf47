/** The entry points: read a file within the size limit, parse it, check it against a schema. */
import { readFileSync, statSync } from 'node:fs';
import type { Static, TSchema } from '@sinclair/typebox';
import { InputError } from '../../../engine/errors.js';
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

/** Read a document file within the size limit; a missing or unreadable file is an InputError naming it. */
export function readDocumentFile(path: string, limits: ParseLimits = {}): DocumentSource {
  const maxBytes = limits.maxBytes ?? DEFAULT_MAX_BYTES;
  const fail = (message: string): never => {
    throw new InputError([{ path: '', file: path, message, severity: 'error' }]);
  };
  let size = 0;
  try {
    const st = statSync(path);
    if (st.isDirectory()) fail('is a directory; expected a YAML or JSON file');
    size = st.size;
  } catch (err) {
    if (err instanceof InputError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    fail(code === 'ENOENT' ? 'file not found' : `cannot read the file (${code ?? String(err)})`);
  }
  // Checked before reading, so a huge file is never loaded into memory.
  if (size > maxBytes) fail(`the file is ${size} bytes; the limit is ${maxBytes} bytes (${(maxBytes / 1048576).toFixed(1)} MiB)`);
  try {
    return { text: readFileSync(path, 'utf8'), file: path };
  } catch (err) {
    return fail(`cannot read the file (${(err as NodeJS.ErrnoException).code ?? String(err)})`);
  }
}

/** Read, parse and validate a YAML or JSON file. */
export function loadDocumentFile<S extends TSchema>(path: string, schema: S, options: LoadOptions = {}): Static<S> {
  return loadDocument(readDocumentFile(path, options), schema, options);
}

/**
 * The piscina task file of the server's document thread (document-reader.ts starts it): the parse, schema
 * check and, for a region bundle, the region check of a large request body, off the event loop. A 1 MiB
 * YAML body took about a second of the event loop to parse; an 8 MiB region bundle longer. What comes
 * back is plain data: the checked value and its position table (models/schema/document/table.ts), or the
 * located problems.
 *
 * A region body streamed to a file (region-upload.ts) is read here from that file, and only a summary
 * comes back (its id, title and warnings): a value of hundreds of megabytes would cost the event loop as
 * much to receive as to parse. Storing it is a second task ('store'), which writes the file's text into
 * the document store through this thread's own connection to the database, so the text never crosses to
 * the event loop either.
 */
import { readFileSync } from 'node:fs';
import { InputError, type InputIssue } from '../../engine/errors.js';
import { positionTable, type PositionTable } from '../../models/schema/document/table.js';
import { decodeUtf8Body } from './body.js';
import { RequestInputError } from './errors.js';
import { Catalog, checkRegionBundle, parseBody, type ParsedDocument, type RegionBundle } from './catalog.js';
import { openDatabase } from './storage/db.js';
import { DocumentStore, type BodyFormat, type DocumentKind, type StoredVersion } from './storage/documents.js';

export interface DocumentTask {
  kind: DocumentKind;
  text: string;
  /** For a region bundle: where to write it out to load it as a region directory. */
  scratch?: string;
  /** The size limit of this kind of body, when not the loader's default for it. */
  maxBytes?: number;
}

/** A body streamed to a file: check it (a summary comes back), or store it once the route has checked its id. */
export type FileTask =
  | { op: 'check'; kind: DocumentKind; file: string; scratch?: string; maxBytes: number }
  | { op: 'store'; kind: DocumentKind; file: string; dataDir: string; id: string; format: BodyFormat; title: string | null };

export type DocumentReply =
  | { ok: true; value: unknown; table: PositionTable; regionWarnings?: InputIssue[] }
  | { ok: false; issues: InputIssue[]; badBody?: true };

export type FileReply =
  | { ok: true; op: 'check'; id: string; title: string | null; regionWarnings?: InputIssue[] }
  | { ok: true; op: 'store'; version: Omit<StoredVersion, 'body'>; replaced: boolean }
  | { ok: false; issues: InputIssue[]; badBody?: true };

function checkText(kind: DocumentKind, text: string, scratch: string | undefined, maxBytes: number | undefined): { parsed: ParsedDocument<unknown>; regionWarnings?: InputIssue[] } {
  const parsed = parseBody(kind, text, maxBytes);
  const regionWarnings = kind === 'region' && scratch !== undefined ? checkRegionBundle(parsed as ParsedDocument<RegionBundle>, scratch) : undefined;
  return { parsed, ...(regionWarnings !== undefined ? { regionWarnings } : {}) };
}

let store: { dataDir: string; store: DocumentStore } | undefined;

function runFileTask(task: FileTask): FileReply {
  // Strict UTF-8, as a body read in memory (body.ts): invalid bytes are a located 400, not replaced.
  const text = decodeUtf8Body(readFileSync(task.file));
  if (task.op === 'store') {
    if (store?.dataDir !== task.dataDir) store = { dataDir: task.dataDir, store: new DocumentStore(openDatabase(task.dataDir)) };
    const { version, replaced } = store.store.put(task.kind, task.id, task.format, text, task.title);
    const { body: _body, ...info } = version;
    return { ok: true, op: 'store', version: info, replaced };
  }
  const { parsed, regionWarnings } = checkText(task.kind, text, task.scratch, task.maxBytes);
  return { ok: true, op: 'check', id: Catalog.idOf(task.kind, parsed.value), title: Catalog.titleOf(parsed.value), ...(regionWarnings !== undefined ? { regionWarnings } : {}) };
}

export default function readDocument(task: DocumentTask | FileTask): DocumentReply | FileReply {
  try {
    if ('op' in task) return runFileTask(task);
    const { parsed, regionWarnings } = checkText(task.kind, task.text, task.scratch, task.maxBytes);
    return { ok: true, value: parsed.value, table: positionTable(parsed.doc), ...(regionWarnings !== undefined ? { regionWarnings } : {}) };
  } catch (err) {
    // Located problems are an answer; anything else is a bug, reported as such by the route.
    if (err instanceof RequestInputError) return { ok: false, issues: err.issues, badBody: true };
    if (err instanceof InputError) return { ok: false, issues: err.issues };
    throw err;
  }
}

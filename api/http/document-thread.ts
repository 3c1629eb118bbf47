/**
 * The piscina task file of the server's document thread (document-reader.ts starts it): the parse, schema
 * check and, for a region bundle, the region check of a large request body, off the event loop. A 1 MiB
 * YAML body took about a second of the event loop to parse; an 8 MiB region bundle longer. What comes
 * back is plain data: the checked value and its position table (models/schema/document/table.ts), or the
 * located problems.
 */
import { InputError, type InputIssue } from '../../engine/errors.js';
import { positionTable, type PositionTable } from '../../models/schema/document/table.js';
import { checkRegionBundle, parseBody, type ParsedDocument, type RegionBundle } from './catalog.js';
import type { DocumentKind } from './storage/documents.js';

export interface DocumentTask {
  kind: DocumentKind;
  text: string;
  /** For a region bundle: where to write it out to load it as a region directory. */
  scratch?: string;
}

export type DocumentReply =
  | { ok: true; value: unknown; table: PositionTable; regionWarnings?: InputIssue[] }
  | { ok: false; issues: InputIssue[] };

export default function readDocument(task: DocumentTask): DocumentReply {
  try {
    const parsed = parseBody(task.kind, task.text);
    const regionWarnings = task.kind === 'region' && task.scratch !== undefined ? checkRegionBundle(parsed as ParsedDocument<RegionBundle>, task.scratch) : undefined;
    return { ok: true, value: parsed.value, table: positionTable(parsed.doc), ...(regionWarnings !== undefined ? { regionWarnings } : {}) };
  } catch (err) {
    // Located problems are an answer; anything else is a bug, reported as such by the route.
    if (err instanceof InputError) return { ok: false, issues: err.issues };
    throw err;
  }
}

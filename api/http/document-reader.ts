/**
 * Reading document bodies (scenarios, plans, region bundles) without stalling the server: a body over
 * OFFLOAD_BYTES is parsed, schema-checked and (a region) checked as a region on the document thread
 * (document-thread.ts); a small one inline, where a thread hop would cost more than the parse. The event
 * loop then holds the value and a position table that places any later problem at its line and column.
 *
 * Measured here (2 cores): a 1 MiB YAML body held the event loop ~1.0-1.4 s, a 1 MiB JSON one ~0.2 s.
 */
import type { Piscina } from 'piscina';
import { InputError, type InputIssue } from '../../engine/errors.js';
import { threadFileNear } from '../../engine/batch/modules.js';
import { startThreads } from '../../engine/batch/threads.js';
import { TabledDocument } from '../../models/schema/document/table.js';
import { checkId, type Catalog, type ParsedDocument } from './catalog.js';
import type { DocumentReply, DocumentTask } from './document-thread.js';
import type { DocumentKind } from './storage/documents.js';

/** Bodies from this size on are read on the document thread (a 32 KiB YAML body parses in ~30 ms). */
export const OFFLOAD_BYTES = 32 * 1024;

export interface ReadDocument {
  parsed: ParsedDocument<unknown>;
  /** A region bundle checked on the thread: its warnings (pass them to Catalog.check). */
  regionWarnings?: InputIssue[];
}

export class DocumentReader {
  private pool: Piscina<DocumentTask, DocumentReply> | null = null;

  constructor(
    private readonly catalog: Catalog,
    private readonly onError: (err: Error) => void = () => {},
  ) {}

  /** Parse a body of this kind; InputError (422) with located problems. */
  async read(kind: DocumentKind, text: string): Promise<ReadDocument> {
    // text.length counts UTF-16 units: at most the byte count, so a small body is never sent away wrongly.
    if (text.length < OFFLOAD_BYTES / 3) return { parsed: this.catalog.parse(kind, text) };
    if (Buffer.byteLength(text, 'utf8') < OFFLOAD_BYTES) return { parsed: this.catalog.parse(kind, text) };
    this.pool ??= startThreads<DocumentTask, DocumentReply>(threadFileNear(import.meta.url, 'document-thread'), 1, null, this.onError);
    const reply = await this.pool.run({ kind, text, ...(kind === 'region' ? { scratch: this.catalog.scratchDir() } : {}) });
    if (!reply.ok) throw new InputError(reply.issues);
    const doc = new TabledDocument(reply.value, reply.table, 'request body');
    checkId(kind, reply.value, doc);
    return { parsed: { value: reply.value, doc }, ...(reply.regionWarnings !== undefined ? { regionWarnings: reply.regionWarnings } : {}) };
  }

  async close(): Promise<void> {
    const pool = this.pool;
    this.pool = null;
    await pool?.destroy();
  }
}

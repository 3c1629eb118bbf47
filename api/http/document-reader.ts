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
import type { DocumentReply, DocumentTask, FileReply, FileTask } from './document-thread.js';
import { RequestInputError } from './errors.js';
import type { BodyFormat, DocumentKind, StoredVersion } from './storage/documents.js';

/** Bodies from this size on are read on the document thread (a 32 KiB YAML body parses in ~30 ms). */
export const OFFLOAD_BYTES = 32 * 1024;

export interface ReadDocument {
  parsed: ParsedDocument<unknown>;
  /** A region bundle checked on the thread: its warnings (pass them to Catalog.check). */
  regionWarnings?: InputIssue[];
}

/** What a body streamed to a file checks to (its value stays on the document thread). */
export interface CheckedFile {
  id: string;
  title: string | null;
  regionWarnings?: InputIssue[];
}

export class DocumentReader {
  private pool: Piscina<DocumentTask | FileTask, DocumentReply | FileReply> | null = null;

  constructor(
    private readonly catalog: Catalog,
    private readonly onError: (err: Error) => void = () => {},
    /** The region body limit (region-upload.ts regionMaxBytes). */
    private readonly regionMaxBytes?: number,
  ) {}

  private threads(): Piscina<DocumentTask | FileTask, DocumentReply | FileReply> {
    return (this.pool ??= startThreads<DocumentTask | FileTask, DocumentReply | FileReply>(threadFileNear(import.meta.url, 'document-thread'), 1, null, this.onError));
  }

  private static failed(reply: { issues: InputIssue[]; badBody?: true }): never {
    throw reply.badBody === true ? new RequestInputError('body', reply.issues) : new InputError(reply.issues);
  }

  /** Check a body streamed to `file` (region-upload.ts) on the document thread; InputError (422) with located problems. */
  async checkFile(kind: DocumentKind, file: string): Promise<CheckedFile> {
    const reply = await this.threads().run({ op: 'check', kind, file, maxBytes: this.regionMaxBytes ?? Number.MAX_SAFE_INTEGER, ...(kind === 'region' ? { scratch: this.catalog.scratchDir() } : {}) });
    if (!reply.ok) DocumentReader.failed(reply);
    if (!('op' in reply) || reply.op !== 'check') throw new Error('document thread: unexpected reply to a check');
    return { id: reply.id, title: reply.title, ...(reply.regionWarnings !== undefined ? { regionWarnings: reply.regionWarnings } : {}) };
  }

  /** Store a checked file's text as the next version of `id`, from the document thread. */
  async storeFile(kind: DocumentKind, file: string, dataDir: string, id: string, format: BodyFormat, title: string | null): Promise<{ version: Omit<StoredVersion, 'body'>; replaced: boolean }> {
    const reply = await this.threads().run({ op: 'store', kind, file, dataDir, id, format, title });
    if (!reply.ok) DocumentReader.failed(reply);
    if (!('op' in reply) || reply.op !== 'store') throw new Error('document thread: unexpected reply to a store');
    return { version: reply.version, replaced: reply.replaced };
  }

  /** Parse a body of this kind; InputError (422) with located problems. */
  async read(kind: DocumentKind, text: string): Promise<ReadDocument> {
    // text.length counts UTF-16 units: at most the byte count, so a small body is never sent away wrongly.
    if (text.length < OFFLOAD_BYTES / 3) return { parsed: this.catalog.parse(kind, text) };
    if (Buffer.byteLength(text, 'utf8') < OFFLOAD_BYTES) return { parsed: this.catalog.parse(kind, text) };
    const reply = await this.threads().run({ kind, text, ...(kind === 'region' ? { scratch: this.catalog.scratchDir() } : {}) });
    if (!reply.ok) DocumentReader.failed(reply);
    if ('op' in reply) throw new Error('document thread: unexpected reply to a read');
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

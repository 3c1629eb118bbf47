/**
 * Batch records. The accumulator column holds the merged-in-order accumulator's JSON after the last
 * finished chunk, and next_index the first replication not in it; both are written in one transaction per
 * chunk, so after a crash the batch resumes exactly there: nothing merged twice, nothing lost.
 */
import { nowIso, type Db } from './db.js';

export const BATCH_STATUSES = ['queued', 'running', 'done', 'failed', 'cancelled'] as const;
export type BatchStatus = (typeof BATCH_STATUSES)[number];
export type BatchKind = 'score' | 'compare' | 'drill';

export interface BatchRow {
  id: string;
  seq: number;
  kind: BatchKind;
  status: BatchStatus;
  spec: unknown;
  snapshot: unknown;
  chunkSize: number;
  total: number;
  nextIndex: number;
  chunksDone: number;
  stoppedEarly: boolean;
  accumulator: unknown;
  result: unknown;
  error: unknown;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  updatedAt: string;
}

interface RawRow {
  id: string;
  seq: number;
  kind: string;
  status: string;
  spec: string;
  snapshot: string;
  chunk_size: number;
  total: number;
  next_index: number;
  chunks_done: number;
  stopped_early: number;
  accumulator?: string | null;
  result: string | null;
  error: string | null;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
  updated_at: string;
}

const parse = (s: string | null): unknown => (s === null ? null : JSON.parse(s));

function toRow(r: RawRow, withBlobs: boolean): BatchRow {
  // `accumulator` is absent from the 'view' columns: undefined there, read as null.
  return {
    id: r.id,
    seq: r.seq,
    kind: r.kind === 'compare' ? 'compare' : r.kind === 'drill' ? 'drill' : 'score',
    status: r.status as BatchStatus,
    spec: JSON.parse(r.spec),
    snapshot: withBlobs ? JSON.parse(r.snapshot) : null,
    chunkSize: r.chunk_size,
    total: r.total,
    nextIndex: r.next_index,
    chunksDone: r.chunks_done,
    stoppedEarly: r.stopped_early !== 0,
    accumulator: withBlobs && r.accumulator !== undefined ? parse(r.accumulator) : null,
    result: withBlobs ? parse(r.result) : null,
    error: parse(r.error),
    createdAt: r.created_at,
    startedAt: r.started_at,
    finishedAt: r.finished_at,
    updatedAt: r.updated_at,
  };
}

export interface NewBatch {
  id: string;
  kind: BatchKind;
  spec: unknown;
  snapshot: unknown;
  chunkSize: number;
  total: number;
  accumulator: unknown;
}

const LIGHT_COLUMNS =
  'id, seq, kind, status, spec, chunk_size, total, next_index, chunks_done, stopped_early, error, created_at, started_at, finished_at, updated_at';
/**
 * Everything but the accumulator: what the API shows of a batch. The accumulator of a large batch is
 * megabytes of JSON that only the merge thread reads (accumulatorText), never the event loop.
 */
const VIEW_COLUMNS = `${LIGHT_COLUMNS}, snapshot, result`;

/** Which columns to read: all, all but the accumulator ('view'), or none of the large ones ('light'). */
export type RowColumns = 'all' | 'view' | 'light';

export class BatchStore {
  constructor(private readonly db: Db) {}

  insert(b: NewBatch): BatchRow {
    const now = nowIso();
    this.db.transaction(() => {
      const seq = ((this.db.prepare('SELECT MAX(seq) AS s FROM batches').get() as { s: number | null }).s ?? 0) + 1;
      this.db
        .prepare(
          `INSERT INTO batches (id, seq, kind, status, spec, snapshot, chunk_size, total, next_index, chunks_done, stopped_early, accumulator, created_at, updated_at)
           VALUES (?, ?, ?, 'queued', ?, ?, ?, ?, 0, 0, 0, ?, ?, ?)`,
        )
        .run(b.id, seq, b.kind, JSON.stringify(b.spec), JSON.stringify(b.snapshot), b.chunkSize, b.total, JSON.stringify(b.accumulator), now, now);
    })();
    return this.get(b.id)!;
  }

  /**
   * The record: every column, all but the accumulator ('view', the default: the accumulator is read as
   * text by accumulatorText), or without the large columns (true or 'light').
   */
  get(id: string, columns: RowColumns | boolean = 'view'): BatchRow | undefined {
    const which = columns === true ? 'light' : columns === false ? 'view' : columns;
    const list = which === 'light' ? LIGHT_COLUMNS : which === 'view' ? VIEW_COLUMNS : '*';
    const r = this.db.prepare(`SELECT ${list} FROM batches WHERE id = ?`).get(id) as RawRow | undefined;
    return r === undefined ? undefined : toRow(r, which !== 'light');
  }

  /** The stored accumulator's JSON text (for the merge thread), or undefined for no such batch. */
  accumulatorText(id: string): string | undefined {
    const r = this.db.prepare('SELECT accumulator FROM batches WHERE id = ?').get(id) as { accumulator: string | null } | undefined;
    return r === undefined ? undefined : (r.accumulator ?? 'null');
  }

  /** Newest first, without the large columns. */
  list(limit: number, status?: BatchStatus): BatchRow[] {
    const rows = (
      status === undefined
        ? this.db.prepare(`SELECT ${LIGHT_COLUMNS} FROM batches ORDER BY seq DESC LIMIT ?`).all(limit)
        : this.db.prepare(`SELECT ${LIGHT_COLUMNS} FROM batches WHERE status = ? ORDER BY seq DESC LIMIT ?`).all(status, limit)
    ) as RawRow[];
    return rows.map((r) => toRow(r, false));
  }

  /** Ids of batches to run, oldest first: queued ones and those that were running when the server stopped. */
  pending(): string[] {
    return (this.db.prepare("SELECT id FROM batches WHERE status IN ('queued', 'running') ORDER BY seq").all() as Array<{ id: string }>).map((r) => r.id);
  }

  /** Queued and running batches, oldest first, without the large columns (the per-token quotas count them). */
  active(): BatchRow[] {
    return (this.db.prepare(`SELECT ${LIGHT_COLUMNS} FROM batches WHERE status IN ('queued', 'running') ORDER BY seq`).all() as RawRow[]).map((r) => toRow(r, false));
  }

  /** A running batch gave up its slot to another token's batch (fair queue); it resumes from next_index. */
  markQueued(id: string): void {
    this.db.prepare("UPDATE batches SET status = 'queued', updated_at = ? WHERE id = ? AND status = 'running'").run(nowIso(), id);
  }

  markRunning(id: string): void {
    const now = nowIso();
    this.db.prepare("UPDATE batches SET status = 'running', started_at = COALESCE(started_at, ?), updated_at = ? WHERE id = ?").run(now, now, id);
  }

  /** One finished chunk: the merged accumulator (its JSON text) and where the next chunk starts, atomically. */
  saveProgress(id: string, accumulatorJson: string, nextIndex: number, chunksDone: number): void {
    this.db
      .prepare('UPDATE batches SET accumulator = ?, next_index = ?, chunks_done = ?, updated_at = ? WHERE id = ?')
      .run(accumulatorJson, nextIndex, chunksDone, nowIso(), id);
  }

  /** `resultJson` is the result's JSON text as the merge thread wrote it. */
  finish(id: string, status: 'done' | 'cancelled' | 'failed', fields: { resultJson?: string; error?: unknown; stoppedEarly?: boolean }): void {
    const now = nowIso();
    this.db
      .prepare('UPDATE batches SET status = ?, result = ?, error = ?, stopped_early = ?, finished_at = ?, updated_at = ? WHERE id = ?')
      .run(
        status,
        fields.resultJson ?? null,
        fields.error === undefined ? null : JSON.stringify(fields.error),
        fields.stoppedEarly === true ? 1 : 0,
        now,
        now,
        id,
      );
  }
}

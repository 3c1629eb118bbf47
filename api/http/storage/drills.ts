/**
 * Evaluations of drill logs (POST /v1/drills/:id/evaluations): the log as it was sent and the evaluation,
 * per drill batch, in the order they were made. The after-action report is rendered from them on request.
 */
import type { DrillEvaluation } from '../../../models/schema/drill.js';
import { nowIso, type Db } from './db.js';

export interface EvaluationRow {
  id: string;
  drill: string;
  seq: number;
  owner: string;
  logFormat: 'csv' | 'json';
  log: string;
  evaluation: DrillEvaluation;
  createdAt: string;
}

interface Raw {
  id: string;
  drill: string;
  seq: number;
  owner: string;
  log_format: string;
  log: string;
  evaluation: string;
  created_at: string;
}

const toRow = (r: Raw): EvaluationRow => ({
  id: r.id,
  drill: r.drill,
  seq: r.seq,
  owner: r.owner,
  logFormat: r.log_format === 'json' ? 'json' : 'csv',
  log: r.log,
  evaluation: JSON.parse(r.evaluation) as DrillEvaluation,
  createdAt: r.created_at,
});

export class DrillEvaluationStore {
  constructor(private readonly db: Db) {}

  insert(e: Omit<EvaluationRow, 'seq' | 'createdAt'>): EvaluationRow {
    this.db.transaction(() => {
      const seq = ((this.db.prepare('SELECT MAX(seq) AS s FROM drill_evaluations WHERE drill = ?').get(e.drill) as { s: number | null }).s ?? 0) + 1;
      this.db
        .prepare('INSERT INTO drill_evaluations (id, drill, seq, owner, log_format, log, evaluation, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
        .run(e.id, e.drill, seq, e.owner, e.logFormat, e.log, JSON.stringify(e.evaluation), nowIso());
    })();
    return this.get(e.drill, e.id)!;
  }

  get(drill: string, id: string): EvaluationRow | undefined {
    const r = this.db.prepare('SELECT * FROM drill_evaluations WHERE drill = ? AND id = ?').get(drill, id) as Raw | undefined;
    return r === undefined ? undefined : toRow(r);
  }

  list(drill: string): EvaluationRow[] {
    return (this.db.prepare('SELECT * FROM drill_evaluations WHERE drill = ? ORDER BY seq').all(drill) as Raw[]).map(toRow);
  }
}

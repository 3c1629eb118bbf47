/**
 * What a drill script needs of a batch: for every replication, when each plan clause started and was
 * completed and when each level was first declared (null: never). Kept per replication, in replication
 * order, not as summaries: the script ranks a logged time among the simulated ones (a percentile), picks
 * the replication nearest the medians for its timeline, and picks, per clause that fires only sometimes,
 * a replication in which it fired. A few numbers per clause and replication: 10,000 replications of a
 * twenty-clause plan are a few megabytes.
 *
 * Chunks merge in replication order only (like the scorecard's accumulator), so the samples are the same
 * for any runner, worker count and chunking.
 */
import { firstDeclarations } from '../scoring/scorecard.js';
import type { ReplicationResult } from '../replication.js';

export interface DrillSampleRow {
  /** Per clause (the plan's order): start time, or null when it did not start. */
  s: Array<number | null>;
  /** Per clause: completion time, or null. */
  c: Array<number | null>;
  /** Per level (the plan's order): first declaration time, or null. */
  l: Array<number | null>;
}

export interface DrillSamplesJSON {
  format: 'drillsim-drill-samples/1';
  clauses: string[];
  levels: string[];
  first: number;
  rows: DrillSampleRow[];
}

export class DrillSamples {
  readonly rows: DrillSampleRow[] = [];
  constructor(
    readonly clauses: readonly string[],
    readonly levels: readonly string[],
    readonly first = 0,
  ) {}

  get next(): number {
    return this.first + this.rows.length;
  }

  get replications(): number {
    return this.rows.length;
  }

  add(result: Pick<ReplicationResult, 'index' | 'actions' | 'levels'>): void {
    if (result.index !== this.next) throw new Error(`DrillSamples.add: expected replication ${this.next}, got ${result.index}`);
    const byId = new Map<string, { startedAt: number; completedAt: number | null }>();
    for (const a of result.actions) if (!byId.has(a.id)) byId.set(a.id, a);
    const declared = firstDeclarations(result.levels);
    this.rows.push({
      s: this.clauses.map((id) => byId.get(id)?.startedAt ?? null),
      c: this.clauses.map((id) => byId.get(id)?.completedAt ?? null),
      l: this.levels.map((level) => declared.get(level) ?? null),
    });
  }

  merge(other: DrillSamples): void {
    if (other.clauses.join('\n') !== this.clauses.join('\n') || other.levels.join('\n') !== this.levels.join('\n')) {
      throw new Error('DrillSamples.merge: the chunks are of different plans');
    }
    if (other.replications === 0) return;
    if (other.first !== this.next) throw new Error(`DrillSamples.merge: chunk from ${other.first} does not follow ${this.next}; merge chunks in order`);
    this.rows.push(...other.rows);
  }

  /** Start (or completion) times of clause `i` over the replications that reached it, with their replication indices. */
  column(i: number, which: 's' | 'c'): Array<{ replication: number; t: number }> {
    const out: Array<{ replication: number; t: number }> = [];
    this.rows.forEach((r, k) => {
      const t = r[which][i];
      if (t !== null && t !== undefined) out.push({ replication: this.first + k, t });
    });
    return out;
  }

  toJSON(): DrillSamplesJSON {
    return { format: 'drillsim-drill-samples/1', clauses: [...this.clauses], levels: [...this.levels], first: this.first, rows: this.rows };
  }

  static fromJSON(value: unknown): DrillSamples {
    const v = value as Partial<DrillSamplesJSON> | null;
    if (v === null || typeof v !== 'object' || v.format !== 'drillsim-drill-samples/1' || !Array.isArray(v.clauses) || !Array.isArray(v.levels) || !Array.isArray(v.rows)) {
      throw new Error('DrillSamples.fromJSON: not drill samples');
    }
    const out = new DrillSamples(v.clauses, v.levels, v.first ?? 0);
    for (const r of v.rows) {
      if (r.s.length !== v.clauses.length || r.c.length !== v.clauses.length || r.l.length !== v.levels.length) throw new Error('DrillSamples.fromJSON: a row does not match the plan');
      out.rows.push(r);
    }
    return out;
  }
}

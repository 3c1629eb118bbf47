/**
 * The breakdown of a batch: per table, row and column (breakdown-types.ts) a mergeable summary of the
 * replications' values - n, mean, sd, min, max, the t-interval of the mean, and for the 0/1 share
 * columns the Wilson interval of the share (issue 10 item 6).
 *
 * Why Moments (exact sums) and not Welford: the batch layer merges chunk summaries, and the scorecard
 * promises `toJSON()` bit-identical for any chunking ("[0, 10) + [10, 20) merged == 0..19 fed one by
 * one"); Welford/Chan merges round differently per grouping, exact sums do not (engine/stats/moments.ts).
 * No quantiles: a cell is O(1) (a few doubles), so a breakdown's memory and its JSON, which crosses
 * threads after every chunk, stay flat in N and small for a region with hundreds of shelters.
 *
 * Missing rows and nulls. Each replication lists the rows it knows (see breakdown-types.ts); a row keeps
 * `listed`, the replications that listed it, and each column its own n, the replications where it was a
 * number. A row absent from a replication is not imputed as 0: the producer lists every row it can know
 * with explicit zeros, so an absent row is one that did not exist (a mutual-aid team that never came),
 * and "mean dispatches of that team" is over the replications it existed in, with `listed` to say how
 * many. A per-replication mean of a count column with absences as 0 is still sum / replications.
 *
 * Order. Tables come in BREAKDOWN_TABLES order; rows and columns in first-seen order in replication
 * order. Merges append the later chunk (rows new to it after the known ones, in its own order), so the
 * order too is the same for any chunking, provided chunks are merged in replication order - which
 * ScorecardAccumulator enforces. The JSON keeps rows and columns in arrays, since object keys that look
 * like integers would be reordered by JavaScript.
 */
import { MAX_EXACT_MAGNITUDE, Moments, tCritical, wilsonInterval, type Interval, type MomentsJSON } from '../../engine/stats/index.js';
import { child, invalid, readNumber, readObject } from '../../engine/stats/json.js';
import { BREAKDOWN_TABLES, isShareColumn, type BreakdownTable, type ReplicationBreakdown } from './breakdown-types.js';

/** One column of one row over the batch. Undefined statistics are null, never NaN (NaN is not JSON). */
export interface BreakdownStats {
  /** Replications that listed the row (n <= listed <= replications). */
  listed: number;
  /** Replications in which the column held a number (not null). */
  n: number;
  /** null for n = 0. */
  mean: number | null;
  /** null for n < 2. */
  sd: number | null;
  /** Student-t 95 % interval of the mean; null for n < 2. */
  ci95: Interval | null;
  min: number | null;
  max: number | null;
  /** Share columns only: Wilson score 95 % interval of the share (the mean); null for n = 0. */
  pCi95?: Interval | null;
}

/** The batch breakdown of the scorecard: table -> row id -> column -> statistics. */
export type BreakdownResult = Record<BreakdownTable, Record<string, Record<string, BreakdownStats>>>;

/** A column in the JSON: its name and its exact moments. */
export type BreakdownColumnJSON = { name: string } & MomentsJSON;

export interface BreakdownRowJSON {
  id: string;
  listed: number;
  columns: BreakdownColumnJSON[];
}

export interface BreakdownJSON {
  replications: number;
  tables: Record<BreakdownTable, BreakdownRowJSON[]>;
}

interface RowState {
  listed: number;
  columns: Map<string, Moments>;
}

function emptyTables(): Record<BreakdownTable, Map<string, RowState>> {
  return { county: new Map(), shelter: new Map(), team: new Map(), reserve: new Map(), incidentType: new Map(), clause: new Map() };
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function orNull(x: number): number | null {
  return Number.isFinite(x) ? x : null;
}

export class BreakdownAccumulator {
  private n = 0;
  private tables = emptyTables();

  /** Replications added (merged ones included). */
  get replications(): number {
    return this.n;
  }

  /**
   * Feed one replication's breakdown. Everything is checked before anything changes, so a rejected
   * breakdown leaves the accumulator as it was; `where` prefixes the messages (a programming error in a
   * producer, so a plain Error, not an InputError).
   */
  add(breakdown: ReplicationBreakdown, where = 'breakdown'): void {
    check(breakdown, where);
    for (const table of BREAKDOWN_TABLES) {
      const rows = this.tables[table];
      for (const [id, values] of Object.entries(breakdown[table])) {
        let row = rows.get(id);
        if (row === undefined) {
          row = { listed: 0, columns: new Map() };
          rows.set(id, row);
        }
        row.listed += 1;
        for (const [column, v] of Object.entries(values)) {
          let m = row.columns.get(column);
          if (m === undefined) {
            // A column seen only as null still appears (n = 0): the reader learns that it never had a value.
            m = new Moments();
            row.columns.set(column, m);
          }
          if (v !== null) m.add(v);
        }
      }
    }
    this.n += 1;
  }

  /**
   * Append the breakdown of the replications that follow this one's (chunks in replication order, or the
   * row order would depend on the chunking); `other` is unchanged and shares nothing with this one.
   */
  merge(other: BreakdownAccumulator): void {
    if (other === this) throw new Error('BreakdownAccumulator.merge: cannot merge an accumulator into itself');
    for (const table of BREAKDOWN_TABLES) {
      const rows = this.tables[table];
      for (const [id, theirs] of other.tables[table]) {
        let row = rows.get(id);
        if (row === undefined) {
          row = { listed: 0, columns: new Map() };
          rows.set(id, row);
        }
        row.listed += theirs.listed;
        for (const [column, m] of theirs.columns) {
          let mine = row.columns.get(column);
          if (mine === undefined) {
            mine = new Moments();
            row.columns.set(column, mine);
          }
          mine.merge(m);
        }
      }
    }
    this.n += other.n;
  }

  /** Row ids of a table in their (chunking-invariant) order. */
  rowIds(table: BreakdownTable): string[] {
    return [...this.tables[table].keys()];
  }

  result(): BreakdownResult {
    const out = {} as BreakdownResult;
    const stats = statsWith(new Critical());
    for (const table of BREAKDOWN_TABLES) {
      // Object.fromEntries defines own properties, so a row or column named "__proto__" stays data.
      out[table] = Object.fromEntries(
        [...this.tables[table]].map(([id, row]) => [id, Object.fromEntries([...row.columns].map(([column, m]) => [column, stats(table, column, row.listed, m)]))]),
      );
    }
    return out;
  }

  /** Plain JSON; canonical (identical for any chunking of the same replications merged in order). */
  toJSON(): BreakdownJSON {
    const tables = {} as Record<BreakdownTable, BreakdownRowJSON[]>;
    for (const table of BREAKDOWN_TABLES) {
      tables[table] = [...this.tables[table]].map(([id, row]) => ({
        id,
        listed: row.listed,
        columns: [...row.columns].map(([name, m]) => ({ name, ...m.toJSON() })),
      }));
    }
    return { replications: this.n, tables };
  }

  /** Rebuild from toJSON(); malformed input is an InputError naming the JSON pointer. */
  static fromJSON(value: unknown, path = ''): BreakdownAccumulator {
    const o = readObject(value, path);
    const acc = new BreakdownAccumulator();
    acc.n = readNumber(o, 'replications', path, { integer: true, min: 0 });
    const tablesPath = child(path, 'tables');
    const tables = readObject(o['tables'], tablesPath);
    for (const key of Object.keys(tables)) {
      if (!(BREAKDOWN_TABLES as readonly string[]).includes(key)) invalid(child(tablesPath, key), `unknown table; expected one of ${BREAKDOWN_TABLES.join(', ')}`);
    }
    for (const table of BREAKDOWN_TABLES) {
      const at = child(tablesPath, table);
      const rows = tables[table];
      if (!Array.isArray(rows)) invalid(at, 'expected an array of rows');
      rows.forEach((r, i) => {
        const rowPath = child(at, i);
        const row = readObject(r, rowPath);
        const id = row['id'];
        if (typeof id !== 'string') invalid(child(rowPath, 'id'), 'expected a string');
        if (acc.tables[table].has(id)) invalid(child(rowPath, 'id'), `duplicate row ${JSON.stringify(id)}`);
        // A row exists because some replication listed it, and no more often than there were replications.
        const listed = readNumber(row, 'listed', rowPath, { integer: true, min: 1, max: acc.n });
        const columnsPath = child(rowPath, 'columns');
        const columns = row['columns'];
        if (!Array.isArray(columns)) invalid(columnsPath, 'expected an array of columns');
        const state: RowState = { listed, columns: new Map() };
        columns.forEach((c, k) => {
          const colPath = child(columnsPath, k);
          const col = readObject(c, colPath);
          const name = col['name'];
          if (typeof name !== 'string') invalid(child(colPath, 'name'), 'expected a string');
          if (state.columns.has(name)) invalid(child(colPath, 'name'), `duplicate column ${JSON.stringify(name)}`);
          const m = Moments.fromJSON(col, colPath);
          if (m.count > listed) invalid(child(colPath, 'n'), `${m.count} values in a row listed in ${listed} replications`);
          if (isShareColumn(table, name) && m.count > 0) {
            // 0/1 values: the sum is the number of ones, an integer in [0, n], and Wilson needs it so.
            if (m.min < 0 || m.max > 1) invalid(child(colPath, m.min < 0 ? 'min' : 'max'), 'a share column holds only 0 and 1');
            if (!Number.isInteger(m.sum) || m.sum > m.count) invalid(child(colPath, 'sum'), `a share column's sum counts its ones: an integer in [0, ${m.count}]`);
          }
          state.columns.set(name, m);
        });
        acc.tables[table].set(id, state);
      });
    }
    return acc;
  }
}

/**
 * The t and normal quantiles behind the intervals cost tens of microseconds each (@stdlib's inverse t),
 * and a region's breakdown has a thousand cells that mostly share the same n: computed once per n here.
 * The interval is the same expression as meanConfidenceInterval's, so the bits match MetricSummary's.
 */
class Critical {
  private readonly t = new Map<number, number>();
  private readonly wilson = new Map<string, Interval | null>();

  meanInterval(mean: number, sd: number, n: number): Interval | null {
    if (n < 2 || !Number.isFinite(mean) || !Number.isFinite(sd)) return null;
    let t = this.t.get(n);
    if (t === undefined) {
      t = tCritical(n - 1, 0.95);
      this.t.set(n, t);
    }
    const halfWidth = t * (sd / Math.sqrt(n));
    return [mean - halfWidth, mean + halfWidth];
  }

  shareInterval(successes: number, n: number): Interval | null {
    const key = `${successes}/${n}`;
    let w = this.wilson.get(key);
    if (w === undefined) {
      w = wilsonInterval(successes, n, 0.95);
      this.wilson.set(key, w);
    }
    return w === null ? null : [w[0], w[1]];
  }
}

function statsWith(critical: Critical) {
  return (table: BreakdownTable, column: string, listed: number, m: Moments): BreakdownStats => {
    const n = m.count;
    const share = isShareColumn(table, column);
    if (n === 0) return { listed, n, mean: null, sd: null, ci95: null, min: null, max: null, ...(share ? { pCi95: null } : {}) };
    // Moments computes the variance from its exact sums on every read: read it once.
    const mean = m.mean;
    const sd = m.sd;
    return {
      listed,
      n,
      mean,
      sd: n < 2 ? null : orNull(sd),
      ci95: critical.meanInterval(mean, sd, n),
      min: m.min,
      max: m.max,
      // The sum of 0/1 values is exact (Moments' exact sum), so it is the integer count of ones.
      ...(share ? { pCi95: critical.shareInterval(m.sum, n) } : {}),
    };
  };
}

/** Throws on the first value Moments would refuse or a share column would misread, naming where. */
function check(breakdown: ReplicationBreakdown, where: string): void {
  if (!isRecord(breakdown)) throw new Error(`${where}: expected an object of tables`);
  for (const key of Object.keys(breakdown)) {
    // A misspelt table would otherwise vanish from the batch without a word.
    if (!(BREAKDOWN_TABLES as readonly string[]).includes(key)) throw new Error(`${where}/${key}: unknown table; expected one of ${BREAKDOWN_TABLES.join(', ')}`);
  }
  for (const table of BREAKDOWN_TABLES) {
    const rows: unknown = breakdown[table];
    if (!isRecord(rows)) throw new Error(`${where}/${table}: expected an object of rows, got ${rows === null ? 'null' : typeof rows}`);
    for (const [id, values] of Object.entries(rows)) {
      if (!isRecord(values)) throw new Error(`${where}/${table}/${id}: expected an object of columns`);
      for (const [column, v] of Object.entries(values)) {
        if (v === null) continue;
        if (typeof v !== 'number' || !Number.isFinite(v) || Math.abs(v) > MAX_EXACT_MAGNITUDE) {
          throw new Error(`${where}/${table}/${id}/${column}: expected null or a finite number with |x| <= ${MAX_EXACT_MAGNITUDE}, got ${String(v)}`);
        }
        if (v !== 0 && v !== 1 && isShareColumn(table, column)) throw new Error(`${where}/${table}/${id}/${column}: a share column takes 0, 1 or null, got ${v}`);
      }
    }
  }
}

/**
 * breakdownRows: the exact header and cells of the long (CSV) and wide (terminal) layouts, column order
 * (registry first, a module's own columns after), and the `--by` words.
 */
import { describe, expect, it } from 'vitest';
import { BreakdownAccumulator } from '../../models/scoring/breakdown.js';
import { BREAKDOWN_BY, breakdownRows, breakdownTableFor, LONG_HEADER } from '../../models/scoring/breakdown-table.js';
import { BREAKDOWN_TABLES, emptyBreakdown, type ReplicationBreakdown } from '../../models/scoring/breakdown-types.js';

function card(list: readonly Partial<ReplicationBreakdown>[]) {
  const acc = new BreakdownAccumulator();
  for (const b of list) acc.add({ ...emptyBreakdown(), ...b });
  return { breakdown: acc.result() };
}

describe('--by words', () => {
  it('maps every word to its table, incident to incidentType', () => {
    expect(Object.keys(BREAKDOWN_BY)).toEqual(['county', 'shelter', 'team', 'reserve', 'incident', 'clause']);
    expect(breakdownTableFor('incident')).toBe('incidentType');
    expect(breakdownTableFor('incidentType')).toBe('incidentType');
    for (const t of BREAKDOWN_TABLES) expect(breakdownTableFor(t)).toBe(t);
    expect(breakdownTableFor('counties')).toBe(null);
    expect(breakdownTableFor('toString')).toBe(null);
    expect(new Set(Object.values(BREAKDOWN_BY))).toEqual(new Set(BREAKDOWN_TABLES));
  });
});

describe('breakdownRows', () => {
  // Team b appears in the second replication only; "ownColumn" is a module's column the registry lacks;
  // the registry's order (dispatches, busyHours, firstArrivalMin) wins over first-seen order.
  const teams = card([
    { team: { a: { firstArrivalMin: 30, dispatches: 2, ownColumn: 1 } } },
    { team: { a: { firstArrivalMin: null, dispatches: 4, ownColumn: 3 }, b: { dispatches: 1, busyHours: 2.5 } } },
  ]);

  it('long layout: one line per row and column with every statistic', () => {
    const t = breakdownRows(teams, 'team');
    expect(t.table).toBe('team');
    expect(t.header).toEqual(['team', ...LONG_HEADER]);
    expect(t.header).toEqual(['team', 'column', 'unit', 'listed', 'n', 'mean', 'sd', 'ci95_lo', 'ci95_hi', 'min', 'max', 'wilson_lo', 'wilson_hi']);
    const sd = Math.SQRT2; // of 2 and 4, and of 1 and 3
    const half = 12.706204736174698 * (sd / Math.SQRT2); // t_{1, 0.975}
    expect(t.rows.map((r) => r.slice(0, 3))).toEqual([
      ['a', 'dispatches', 'count'],
      ['a', 'firstArrivalMin', 'min'],
      ['a', 'ownColumn', ''],
      ['b', 'dispatches', 'count'],
      ['b', 'busyHours', 'h'],
    ]);
    const [dispatches, arrival, own, bDispatches, bBusy] = t.rows;
    expect(dispatches!.slice(3, 6)).toEqual([2, 2, 3]);
    expect(dispatches![6]).toBeCloseTo(sd, 14);
    expect(dispatches![7]).toBeCloseTo(3 - half, 10);
    expect(dispatches![8]).toBeCloseTo(3 + half, 10);
    expect(dispatches!.slice(9)).toEqual([2, 4, null, null]);
    expect(arrival).toEqual(['a', 'firstArrivalMin', 'min', 2, 1, 30, null, null, null, 30, 30, null, null]);
    expect(own!.slice(3, 6)).toEqual([2, 2, 2]);
    expect(bDispatches).toEqual(['b', 'dispatches', 'count', 1, 1, 1, null, null, null, 1, 1, null, null]);
    expect(bBusy).toEqual(['b', 'busyHours', 'h', 1, 1, 2.5, null, null, null, 2.5, 2.5, null, null]);
  });

  it('wide layout: one line per row, the mean of each column, null where a row lacks it', () => {
    const t = breakdownRows(teams, 'team', 'wide');
    expect(t.header).toEqual(['team', 'listed', 'dispatches', 'busyHours', 'firstArrivalMin', 'ownColumn']);
    expect(t.rows).toEqual([
      ['a', 2, 3, null, 30, 2],
      ['b', 1, 1, 2.5, null, null],
    ]);
  });

  it('gives share columns their Wilson interval and keeps clause order', () => {
    const clauses = card([
      { clause: { '4.2.1': { started: 1, onTime: 1 }, '4.1.1': { started: 1, onTime: 0 } } },
      { clause: { '4.2.1': { started: 1, onTime: 1 }, '4.1.1': { started: 0, onTime: null } } },
    ]);
    const t = breakdownRows(clauses, 'clause');
    expect(t.rows.map((r) => `${r[0]}:${r[1]}`)).toEqual(['4.2.1:started', '4.2.1:onTime', '4.1.1:started', '4.1.1:onTime']);
    // 4.1.1 started in 1 of 2: Wilson for 1/2; onTime 0 of 1: lower bound exactly 0.
    const started = t.rows[2]!;
    expect(started.slice(3, 6)).toEqual([2, 2, 0.5]);
    expect(started[11]).toBeCloseTo(0.0945312, 6);
    expect(started[12]).toBeCloseTo(0.9054688, 6);
    expect(t.rows[3]!.slice(3, 6)).toEqual([2, 1, 0]);
    expect(t.rows[3]![11]).toBe(0);
    // All on time: the upper bound is exactly 1.
    expect(t.rows[1]![12]).toBe(1);
  });

  it('an empty table has the header and no rows', () => {
    expect(breakdownRows(teams, 'incidentType')).toEqual({ table: 'incidentType', header: ['incidentType', ...LONG_HEADER], rows: [] });
    expect(breakdownRows(teams, 'reserve', 'wide')).toEqual({ table: 'reserve', header: ['reserve', 'listed'], rows: [] });
  });
});

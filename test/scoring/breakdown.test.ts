/**
 * BreakdownAccumulator: statistics against hand-computed values (t-interval, Wilson for share columns),
 * rows that appear mid-way (listed per row, first-seen order), chunked merges equal to one accumulator
 * bit for bit (fast-check over random breakdowns and cuts), the JSON round trip, located fromJSON errors,
 * and add() refusing bad values without changing anything.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../engine/errors.js';
import { BreakdownAccumulator, type BreakdownJSON } from '../../models/scoring/breakdown.js';
import { BREAKDOWN_TABLES, emptyBreakdown, isShareColumn, type BreakdownRow, type BreakdownTable, type ReplicationBreakdown } from '../../models/scoring/breakdown-types.js';
import { wilson } from '../support/wilson.js';

/** A breakdown with the given rows; tables not given are empty. */
function bd(tables: Partial<Record<BreakdownTable, Record<string, BreakdownRow>>>): ReplicationBreakdown {
  return { ...emptyBreakdown(), ...tables };
}

function feed(list: readonly ReplicationBreakdown[]): BreakdownAccumulator {
  const acc = new BreakdownAccumulator();
  for (const b of list) acc.add(b);
  return acc;
}

function pointerOf(value: unknown): string {
  try {
    BreakdownAccumulator.fromJSON(value, '/breakdown');
  } catch (err) {
    if (err instanceof InputError) return err.issues[0]!.path;
    throw err;
  }
  return 'accepted';
}

describe('BreakdownAccumulator.result', () => {
  // Four replications: county deaths 0, 1, 2, 5; firstReliefHours missing (null) in one.
  const list = [0, 1, 2, 5].map((d, i) =>
    bd({
      county: { shizhong: { deaths: d, evacuated: 1000 }, ebian: { deaths: 0 } },
      shelter: { s1: { firstReliefHours: i === 2 ? null : 2 * i, peakOccupancy: 100 } },
      clause: { '4.1.1': { started: 1, completed: i < 3 ? 1 : 0, onTime: i < 2 ? 1 : 0 }, '4.2.1': { started: 0, completed: 0, onTime: null } },
    }),
  );
  const out = feed(list).result();

  it('gives n, mean, sample sd, min, max and the t-interval of each column', () => {
    const d = out.county['shizhong']!['deaths']!;
    expect([d.listed, d.n, d.mean, d.min, d.max]).toEqual([4, 4, 2, 0, 5]);
    // sample variance of 0, 1, 2, 5: (4 + 1 + 0 + 9) / 3
    expect(d.sd).toBeCloseTo(Math.sqrt(14 / 3), 14);
    // t_{3, 0.975} = 3.182446 (table)
    const half = 3.182446 * Math.sqrt(14 / 3 / 4);
    expect(d.ci95![0]).toBeCloseTo(2 - half, 5);
    expect(d.ci95![1]).toBeCloseTo(2 + half, 5);
    expect('pCi95' in d).toBe(false);
    // A constant column: sd 0 and a zero-width interval.
    expect(out.county['shizhong']!['evacuated']).toEqual({ listed: 4, n: 4, mean: 1000, sd: 0, ci95: [1000, 1000], min: 1000, max: 1000 });
  });

  it('counts nulls in listed but not in n', () => {
    // firstReliefHours 0, 2, null, 6: three values.
    const f = out.shelter['s1']!['firstReliefHours']!;
    expect([f.listed, f.n, f.mean, f.min, f.max]).toEqual([4, 3, 8 / 3, 0, 6]);
  });

  it('gives share columns the Wilson interval of the share', () => {
    const c = out.clause['4.1.1']!;
    expect(c['completed']!.mean).toBe(0.75);
    expect(c['completed']!.pCi95).toEqual(wilson(3, 4).map((x) => expect.closeTo(x, 12)));
    expect(c['onTime']!.mean).toBe(0.5);
    expect(c['onTime']!.pCi95![0]).toBeCloseTo(wilson(2, 4)[0], 12);
    expect(c['onTime']!.pCi95![1]).toBeCloseTo(wilson(2, 4)[1], 12);
    // All ones: the interval reaches 1 exactly; all zeros: 0 exactly.
    expect(c['started']!.pCi95![1]).toBe(1);
    expect(out.clause['4.2.1']!['started']!.pCi95![0]).toBe(0);
    // A share column that never held a value: n 0, everything null, the column still shown.
    expect(out.clause['4.2.1']!['onTime']).toEqual({ listed: 4, n: 0, mean: null, sd: null, ci95: null, min: null, max: null, pCi95: null });
  });

  it('one value: a mean but no sd or interval', () => {
    const one = feed([bd({ team: { t1: { dispatches: 3 } } })]).result();
    expect(one.team['t1']!['dispatches']).toEqual({ listed: 1, n: 1, mean: 3, sd: null, ci95: null, min: 3, max: 3 });
    expect(isShareColumn('clause', 'onTime')).toBe(true);
    expect(isShareColumn('team', 'dispatches')).toBe(false);
    expect(isShareColumn('clause', 'toString')).toBe(false);
  });
});

describe('rows appearing mid-way', () => {
  // A mutual-aid team exists from replication 3 on, a second one only in replication 5.
  const list = Array.from({ length: 8 }, (_, i) => {
    const team: Record<string, BreakdownRow> = { local: { dispatches: 2, firstArrivalMin: 30 } };
    if (i >= 3) team['mutual-aid-1'] = { dispatches: i, firstArrivalMin: 600 + i };
    if (i === 5) team['mutual-aid-2'] = { dispatches: 1, firstArrivalMin: null };
    return bd({ team });
  });

  it('keeps per row the replications that listed it and does not average absences in as 0', () => {
    const out = feed(list).result();
    expect(Object.keys(out.team)).toEqual(['local', 'mutual-aid-1', 'mutual-aid-2']);
    expect(out.team['local']!['dispatches']).toMatchObject({ listed: 8, n: 8, mean: 2 });
    // Replications 3..7: dispatches 3..7, mean 5 over the five replications it existed in.
    expect(out.team['mutual-aid-1']!['dispatches']).toMatchObject({ listed: 5, n: 5, mean: 5, min: 3, max: 7 });
    expect(out.team['mutual-aid-2']!['firstArrivalMin']).toMatchObject({ listed: 1, n: 0, mean: null });
  });

  it('keeps first-seen order for any chunking, rows new to a later chunk included', () => {
    const whole = feed(list);
    for (const cut of [1, 3, 4, 6]) {
      const head = feed(list.slice(0, cut));
      head.merge(feed(list.slice(cut)));
      expect(head.rowIds('team')).toEqual(['local', 'mutual-aid-1', 'mutual-aid-2']);
      expect(JSON.stringify(head.toJSON())).toBe(JSON.stringify(whole.toJSON()));
    }
  });

  it('keeps first-seen order even for ids that look like integers (the JSON holds arrays)', () => {
    const acc = feed([bd({ county: { b: { deaths: 1 } } }), bd({ county: { '511102': { deaths: 2 }, a: { deaths: 0 } } })]);
    expect(acc.toJSON().tables.county.map((r) => r.id)).toEqual(['b', '511102', 'a']);
    expect(BreakdownAccumulator.fromJSON(JSON.parse(JSON.stringify(acc.toJSON()))).rowIds('county')).toEqual(['b', '511102', 'a']);
  });
});

/** Random breakdowns over a small pool of rows and columns, with nulls, absences and wide magnitudes. */
const valueArb = fc.oneof(
  fc.constant(null),
  fc.integer({ min: 0, max: 1000 }),
  fc.double({ min: -1e9, max: 1e9, noNaN: true, noDefaultInfinity: true }),
  fc.double({ min: 1e-30, max: 1e-20, noNaN: true }),
);
const shareArb = fc.constantFrom<number | null>(0, 1, null);
const rowsArb = (ids: string[], columns: string[], cell: fc.Arbitrary<number | null>) =>
  fc.dictionary(fc.constantFrom(...ids), fc.dictionary(fc.constantFrom(...columns), cell, { maxKeys: columns.length }), { maxKeys: ids.length });
const breakdownArb: fc.Arbitrary<ReplicationBreakdown> = fc.record({
  county: rowsArb(['shizhong', 'ebian', '511102', 'a'], ['deaths', 'injured', 'exposedPersonHours'], valueArb),
  shelter: rowsArb(['s1', 's2', 's3'], ['peakOccupancy', 'firstReliefHours'], valueArb),
  team: rowsArb(['t1', 'mutual-aid'], ['dispatches', 'busyHours', 'ownColumn'], valueArb),
  reserve: rowsArb(['r1'], ['issued', 'remaining'], valueArb),
  incidentType: rowsArb(['boatRescue', 'fire'], ['count', 'responseP50Min'], valueArb),
  clause: rowsArb(['4.1.1', '4.2.1', '4.3.1'], ['started', 'completed', 'onTime'], shareArb),
});

describe('merging chunks', () => {
  it('chunks merged in order give the same toJSON (bit for bit) and result as one accumulator', () => {
    fc.assert(
      fc.property(fc.array(breakdownArb, { maxLength: 30 }), fc.array(fc.nat(), { maxLength: 4 }), (list, rawCuts) => {
        const cuts = [...new Set(rawCuts.map((c) => c % (list.length + 1)))].sort((a, b) => a - b);
        const bounds = [0, ...cuts, list.length];
        const whole = feed(list);
        const merged = new BreakdownAccumulator();
        for (let k = 0; k + 1 < bounds.length; k++) merged.merge(feed(list.slice(bounds[k], bounds[k + 1])));
        expect(JSON.stringify(merged.toJSON())).toBe(JSON.stringify(whole.toJSON()));
        expect(merged.result()).toEqual(whole.result());
        expect(merged.replications).toBe(list.length);
      }),
      { numRuns: 150, seed: 20240810 },
    );
  });

  it('leaves the merged chunk unchanged and unshared', () => {
    const a = feed([bd({ county: { x: { deaths: 1 } } })]);
    const b = feed([bd({ county: { x: { deaths: 2 }, y: { deaths: 3 } } })]);
    const before = JSON.stringify(b.toJSON());
    a.merge(b);
    a.add(bd({ county: { y: { deaths: 10 } } }));
    expect(JSON.stringify(b.toJSON())).toBe(before);
    expect(a.result().county['y']!['deaths']).toMatchObject({ listed: 2, n: 2, mean: 6.5 });
    expect(() => a.merge(a)).toThrow(/itself/);
  });
});

describe('JSON', () => {
  it('round-trips through JSON text and keeps accumulating as if never serialised', () => {
    fc.assert(
      fc.property(fc.array(breakdownArb, { minLength: 1, maxLength: 12 }), fc.array(breakdownArb, { maxLength: 6 }), (head, tail) => {
        const acc = feed(head);
        const back = BreakdownAccumulator.fromJSON(JSON.parse(JSON.stringify(acc.toJSON())));
        expect(JSON.stringify(back.toJSON())).toBe(JSON.stringify(acc.toJSON()));
        for (const b of tail) back.add(b);
        expect(JSON.stringify(back.toJSON())).toBe(JSON.stringify(feed([...head, ...tail]).toJSON()));
      }),
      { numRuns: 60, seed: 7 },
    );
  });

  it('locates malformed input by JSON pointer', () => {
    const good = feed([
      bd({ county: { a: { deaths: 1 }, b: { deaths: 2 } }, clause: { c1: { started: 1, onTime: 1 } } }),
      bd({ county: { a: { deaths: 3 } }, clause: { c1: { started: 1, onTime: 0 } } }),
    ]).toJSON();
    const broken = (edit: (j: BreakdownJSON & Record<string, unknown>) => void): unknown => {
      const j = JSON.parse(JSON.stringify(good)) as BreakdownJSON & Record<string, unknown>;
      edit(j);
      return j;
    };
    expect(pointerOf(good)).toBe('accepted');
    expect(pointerOf(null)).toBe('/breakdown');
    expect(pointerOf(broken((j) => (j.replications = -1)))).toBe('/breakdown/replications');
    expect(pointerOf(broken((j) => delete (j.tables as Partial<BreakdownJSON['tables']>).team))).toBe('/breakdown/tables/team');
    expect(pointerOf(broken((j) => ((j.tables as Record<string, unknown>)['counties'] = [])))).toBe('/breakdown/tables/counties');
    expect(pointerOf(broken((j) => (j.tables.county[1]!.id = 'a')))).toBe('/breakdown/tables/county/1/id');
    // listed above the replications, or a row never listed
    expect(pointerOf(broken((j) => (j.tables.county[0]!.listed = 3)))).toBe('/breakdown/tables/county/0/listed');
    expect(pointerOf(broken((j) => (j.tables.county[1]!.listed = 0)))).toBe('/breakdown/tables/county/1/listed');
    // more values than listings
    expect(pointerOf(broken((j) => (j.tables.county[1]!.columns[0]!.n = 2)))).toBe('/breakdown/tables/county/1/columns/0/n');
    expect(pointerOf(broken((j) => (j.tables.county[0]!.columns[0]!.sum = ['x' as unknown as number])))).toBe('/breakdown/tables/county/0/columns/0/sum/0');
    expect(pointerOf(broken((j) => j.tables.county[0]!.columns.push({ ...j.tables.county[0]!.columns[0]! })))).toBe('/breakdown/tables/county/0/columns/1/name');
    // a share column with a value other than 0 and 1, or a count of ones that is no integer
    expect(pointerOf(broken((j) => (j.tables.clause[0]!.columns[1]!.max = 2)))).toBe('/breakdown/tables/clause/0/columns/1/max');
    expect(pointerOf(broken((j) => (j.tables.clause[0]!.columns[1]!.sum = [0.5])))).toBe('/breakdown/tables/clause/0/columns/1/sum');
  });
});

describe('add() guards', () => {
  it('refuses bad values, naming where, without changing anything', () => {
    const acc = feed([bd({ county: { a: { deaths: 1 } } })]);
    const before = JSON.stringify(acc.toJSON());
    // The bad value comes after good ones, in a later table: nothing of this breakdown may stick.
    expect(() => acc.add(bd({ county: { a: { deaths: 2 }, b: { deaths: 1 } }, team: { t: { dispatches: Number.NaN } } }))).toThrow(/breakdown\/team\/t\/dispatches/);
    expect(() => acc.add(bd({ clause: { c: { onTime: 0.5 } } }))).toThrow(/share column/);
    expect(() => acc.add(bd({ reserve: { r: { issued: 1e101 } } }))).toThrow(/reserve\/r\/issued/);
    expect(() => acc.add({ ...emptyBreakdown(), counties: {} } as unknown as ReplicationBreakdown)).toThrow(/unknown table/);
    expect(() => acc.add({ ...emptyBreakdown(), shelter: undefined } as unknown as ReplicationBreakdown)).toThrow(/breakdown\/shelter/);
    expect(() => acc.add(bd({ county: { a: { deaths: '1' as unknown as number } } }), 'replication 4: breakdown')).toThrow(/^replication 4: breakdown\/county\/a\/deaths/);
    expect(JSON.stringify(acc.toJSON())).toBe(before);
    expect(acc.replications).toBe(1);
  });

  it('an empty breakdown counts as a replication with no rows', () => {
    const acc = feed([emptyBreakdown(), bd({ county: { a: { deaths: 4 } } })]);
    expect(acc.replications).toBe(2);
    expect(acc.result().county['a']!['deaths']).toMatchObject({ listed: 1, n: 1, mean: 4 });
    for (const t of BREAKDOWN_TABLES) if (t !== 'county') expect(acc.result()[t]).toEqual({});
  });
});

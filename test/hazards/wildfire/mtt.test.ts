/**
 * Minimum-travel-time spread against the analytical fire ellipse: on a uniform raster with uniform wind the
 * arrival time at a point at distance r and angle β from the head direction is r (1 − e cos β)/(R (1 − e))
 * (the focal polar form of the ellipse with the ignition at the rear focus), so the burned area at time T is
 * the ellipse with semi-axes (R + R_b)T/2 and that over LB.
 *
 * Error bound of the 16-neighbour stencil: the slowness is s(u) = A − B·u (u the unit direction), so a lattice
 * path of length L to a point at distance r costs A L − B·(r u) against the exact A r − B·(r u): never less,
 * and more by A (L − r). Stencil directions are at most atan(1/2) = 26.57° apart, so L/r ≤ 1/cos(13.28°)
 * and the relative excess is at most (1/cos(13.28°) − 1)/(1 − e cos β): 2.7 % with no wind, more near the head
 * of an elongated fire (docs/models/wildfire.md).
 */
import { describe, expect, it } from 'vitest';
import { ellipseAfter } from '../../../models/hazards/wildfire/ellipse.js';
import { MinimumTravelTime, prepareLayer, setCellEllipse, type PreparedLayer } from '../../../models/hazards/wildfire/mtt.js';
import { eccentricity } from '../../../models/hazards/wildfire/surface.js';

function uniform(n: number, head: number, lb: number, directionDeg: number): PreparedLayer {
  return prepareLayer(layer(n, head, lb, directionDeg));
}

function layer(n: number, head: number, lb: number, directionDeg: number) {
  return {
    head: new Float64Array(n).fill(head),
    eccentricity: new Float64Array(n).fill(eccentricity(lb)),
    direction: new Float64Array(n).fill((directionDeg * Math.PI) / 180),
  };
}

const SIZE = 201;
const PATH_EXCESS = 1 / Math.cos(Math.atan(0.5) / 2) - 1;
const CELL = 30;
const centre = 100 * SIZE + 100;

describe('minimum travel time on a uniform raster', () => {
  it('no wind: a circle of radius R t within the stencil bound (2.7 %)', () => {
    const mtt = new MinimumTravelTime({ cols: SIZE, rows: SIZE, cellSizeM: CELL });
    const arrival = mtt.run([{ cell: centre, time: 0 }], { horizonMin: 1e9, layers: [uniform(SIZE * SIZE, 10, 1, 0)] });
    let worst = 0;
    let best = Infinity;
    for (let row = 0; row < SIZE; row++) {
      for (let col = 0; col < SIZE; col++) {
        const r = Math.hypot(col - 100, row - 100) * CELL;
        if (r < 20 * CELL) continue;
        const excess = arrival[row * SIZE + col]! / (r / 10) - 1;
        best = Math.min(best, excess);
        worst = Math.max(worst, excess);
      }
    }
    expect(best).toBeGreaterThanOrEqual(-1e-12);
    expect(worst).toBeLessThanOrEqual(PATH_EXCESS + 1e-12);
    expect(worst).toBeGreaterThan(0.02);
    // Along the axes and diagonals the lattice path is straight: exact.
    expect(arrival[100 * SIZE + 190]).toBeCloseTo((90 * CELL) / 10, 9);
    expect(arrival[10 * SIZE + 10]).toBeCloseTo((90 * Math.SQRT2 * CELL) / 10, 9);
  });

  it('uniform wind: the burned area is the ellipse of the predicted axes, ignition at the rear focus', () => {
    const head = 20;
    const lb = 1.6;
    const e = eccentricity(lb);
    const back = (head * (1 - e)) / (1 + e);
    const mtt = new MinimumTravelTime({ cols: SIZE, rows: SIZE, cellSizeM: CELL });
    // Head toward the east (azimuth 90°), ignition left of centre so the head has room.
    const ignition = 100 * SIZE + 40;
    const T = 120;
    const arrival = mtt.run([{ cell: ignition, time: 0 }], { horizonMin: T, layers: [uniform(SIZE * SIZE, head, lb, 90)] });
    let east = 0;
    let west = 0;
    let north = 0;
    let south = 0;
    let burned = 0;
    for (let row = 0; row < SIZE; row++) {
      for (let col = 0; col < SIZE; col++) {
        if (!(arrival[row * SIZE + col]! <= T)) continue;
        burned++;
        east = Math.max(east, col - 40);
        west = Math.max(west, 40 - col);
        north = Math.max(north, 100 - row);
        south = Math.max(south, row - 100);
      }
    }
    const ellipse = ellipseAfter(head, back, lb, T);
    // Extents to within a cell: head run R T, backing run R_b T, half-width = semi-minor axis.
    expect(Math.abs(east * CELL - head * T)).toBeLessThanOrEqual(CELL);
    expect(Math.abs(west * CELL - back * T)).toBeLessThanOrEqual(CELL);
    expect(north).toBe(south);
    expect(Math.abs(north * CELL - ellipse.semiMinor)).toBeLessThanOrEqual(1.5 * CELL);
    // Never more than the ellipse; less by the stencil's delay off the axes.
    expect((burned * CELL * CELL) / ellipse.area).toBeLessThanOrEqual(1.01);
    expect((burned * CELL * CELL) / ellipse.area).toBeGreaterThan(0.85);
    // Arrival times are the analytical ones, late by at most the stencil bound in each direction.
    let early = Infinity;
    let overBound = -Infinity;
    for (let row = 0; row < SIZE; row++) {
      for (let col = 0; col < SIZE; col++) {
        const t = arrival[row * SIZE + col]!;
        if (!(t <= T)) continue;
        const dx = (col - 40) * CELL;
        const dy = (100 - row) * CELL;
        const r = Math.hypot(dx, dy);
        if (r < 10 * CELL) continue;
        const cosBeta = dx / r;
        const exact = (r * (1 - e * cosBeta)) / (head * (1 - e));
        early = Math.min(early, t / exact - 1);
        overBound = Math.max(overBound, t / exact - 1 - PATH_EXCESS / (1 - e * cosBeta));
      }
    }
    expect(early).toBeGreaterThanOrEqual(-1e-9);
    expect(overBound).toBeLessThanOrEqual(1e-9);
  });

  it('a non-burnable strip stops the fire, knight moves included, and a closed line stops it from its closing time', () => {
    const n = SIZE * SIZE;
    const strip = layer(n, 10, 1, 0);
    for (let row = 0; row < SIZE; row++) strip.head[row * SIZE + 120] = 0;
    const mtt = new MinimumTravelTime({ cols: SIZE, rows: SIZE, cellSizeM: CELL });
    let arrival = mtt.run([{ cell: centre, time: 0 }], { horizonMin: 1e9, layers: [prepareLayer(strip)] });
    expect(Array.from({ length: SIZE }, (_, row) => arrival[row * SIZE + 121])).toEqual(new Array(SIZE).fill(Infinity));
    expect(arrival[100 * SIZE + 119]).toBeLessThan(Infinity);

    // 10 m/min from col 100: col 110 (300 m) is first reached at 30 min, on the ignition row.
    const closedAt = new Float64Array(n).fill(Infinity);
    for (let row = 0; row < SIZE; row++) closedAt[row * SIZE + 110] = 25;
    arrival = mtt.run([{ cell: centre, time: 0 }], { horizonMin: 1e9, layers: [uniform(n, 10, 1, 0)], closedAt });
    expect(Array.from({ length: SIZE }, (_, row) => arrival[row * SIZE + 111])).toEqual(new Array(SIZE).fill(Infinity));
    closedAt.fill(Infinity);
    for (let row = 0; row < SIZE; row++) closedAt[row * SIZE + 110] = 35;
    arrival = mtt.run([{ cell: centre, time: 0 }], { horizonMin: 1e9, layers: [uniform(n, 10, 1, 0)], closedAt });
    expect(arrival[100 * SIZE + 110]).toBeCloseTo(30, 9);
    expect(arrival[0 * SIZE + 111]).toBeLessThan(Infinity);
  });

  it('a faster second weather period shortens later arrivals only', () => {
    const n = SIZE * SIZE;
    const mtt = new MinimumTravelTime({ cols: SIZE, rows: SIZE, cellSizeM: CELL });
    const slow = Float64Array.from(mtt.run([{ cell: centre, time: 0 }], { horizonMin: 1e9, layers: [uniform(n, 10, 1, 0)] }));
    const mixed = mtt.run([{ cell: centre, time: 0 }], { horizonMin: 1e9, layers: [uniform(n, 10, 1, 0), uniform(n, 20, 1, 0)], periodEndsMin: [60] });
    expect(mixed[100 * SIZE + 110]).toBe(slow[100 * SIZE + 110]);
    expect(mixed[100 * SIZE + 200]!).toBeLessThan(slow[100 * SIZE + 200]!);
    // 60 min at 10 m/min (20 cells) then 20 m/min for the remaining 80 cells: 60 + 2400/20 = 180 min.
    expect(mixed[100 * SIZE + 200]).toBeCloseTo(180, 6);
  });
});

describe('lazy layers', () => {
  it('give the same arrival times as prepared ones and compute only the cells the fire touches', () => {
    const n = SIZE * SIZE;
    const full = layer(n, 10, 1.6, 60);
    for (let i = 0; i < n; i += 7) full.head[i] = 0;
    const prepared = prepareLayer(full);
    const coefficients = new Float64Array(3 * n).fill(NaN);
    let computed = 0;
    const lazy: PreparedLayer = {
      cells: n,
      coefficients,
      ensure: (i) => {
        computed++;
        setCellEllipse(coefficients, i, full.head[i]!, full.eccentricity[i]!, full.direction[i]!);
      },
    };
    const mtt = new MinimumTravelTime({ cols: SIZE, rows: SIZE, cellSizeM: CELL });
    const a = Float64Array.from(mtt.run([{ cell: centre, time: 0 }], { horizonMin: 60, layers: [prepared] }));
    const b = mtt.run([{ cell: centre, time: 0 }], { horizonMin: 60, layers: [lazy] });
    expect(Array.from(b)).toEqual(Array.from(a));
    expect(computed).toBeGreaterThan(0);
    expect(computed).toBeLessThan(n / 4);
  });
});

describe('the bucket queue', () => {
  /** A rough landscape: head rates over four orders of magnitude, non-burnable cells, varied shapes. */
  function rough(n: number, seed: number) {
    let x = seed;
    const next = (): number => {
      x = (Math.imul(x, 1103515245) + 12345) >>> 0;
      return x / 2 ** 32;
    };
    const l = { head: new Float64Array(n), eccentricity: new Float64Array(n), direction: new Float64Array(n) };
    for (let i = 0; i < n; i++) {
      const u = next();
      l.head[i] = u < 0.05 ? 0 : 10 ** (-2 + 4 * next());
      l.eccentricity[i] = 0.95 * next();
      l.direction[i] = 2 * Math.PI * next();
    }
    return l;
  }

  it('gives bit-identical arrival times to the heap, across weather periods, fire lines and a horizon', () => {
    const n = SIZE * SIZE;
    const day = prepareLayer(rough(n, 1));
    const night = prepareLayer(rough(n, 2));
    expect(day.maxHeadMMin).toBeGreaterThan(50);
    // The same layers without a head bound go through the heap.
    const heapOnly = (l: PreparedLayer): PreparedLayer => ({ cells: l.cells, coefficients: l.coefficients });
    const closedAt = new Float64Array(n).fill(Infinity);
    for (let row = 0; row < SIZE; row++) closedAt[row * SIZE + 150] = 200 + row;
    const ignitions = [{ cell: centre, time: 5 }, { cell: 20 * SIZE + 30, time: 40 }, { cell: centre, time: 7 }];
    // A loose bound is still a bound: narrow buckets, labels beyond the largest ring, the rest on the heap.
    const loose: PreparedLayer = { ...day, maxHeadMMin: 1e6 };
    const queues: string[] = [];
    for (const [horizonMin, first] of [[Infinity, day], [600, day], [Infinity, loose]] as const) {
      const options = { horizonMin, periodEndsMin: [120, 480], closedAt };
      const a = new MinimumTravelTime({ cols: SIZE, rows: SIZE, cellSizeM: CELL });
      const b = new MinimumTravelTime({ cols: SIZE, rows: SIZE, cellSizeM: CELL });
      const buckets = a.run(ignitions, { ...options, layers: [first, night, day] });
      const heap = b.run(ignitions, { ...options, layers: [heapOnly(day), heapOnly(night), heapOnly(day)] });
      let reached = 0;
      for (let i = 0; i < n; i++) {
        if (!Object.is(buckets[i], heap[i])) throw new Error(`cell ${i}: ${buckets[i]} (buckets) against ${heap[i]} (heap)`);
        if (buckets[i]! < Infinity) reached++;
      }
      expect(reached).toBeGreaterThan(n / 10);
      expect(a.settled).toBe(b.settled);
      expect(a.settled).toBe(reached);
      expect(b.queue).toBe('heap');
      queues.push(a.queue);
    }
    expect(queues).toEqual(['buckets', 'buckets', 'buckets, then heap']);
  });

  it('the landscape bounds the head rate of every cell of its lazy layers', async () => {
    const { Landscape } = await import('../../../models/hazards/wildfire/landscape.js');
    const { readAsciiGrid } = await import('../../../models/hazards/wildfire/raster.js');
    const dir = 'scenarios/regions/leshan/wildfire';
    const land = Landscape.fromRasters(readAsciiGrid(`${dir}/emei-fuel.asc.gz`), readAsciiGrid(`${dir}/emei-elevation.asc.gz`), 103.24, 29.44);
    for (const windKmh of [0, 15, 40]) {
      const weather = { windKmh, windFromDeg: 225, moistures: { oneHour: 0.05, tenHour: 0.06, hundredHour: 0.07, liveHerbaceous: 0.4, liveWoody: 0.7 } };
      const exact = prepareLayer(land.layer(weather)).maxHeadMMin!;
      const bound = land.lazyLayer(weather).maxHeadMMin!;
      expect(exact).toBeGreaterThan(0);
      expect(bound).toBeGreaterThanOrEqual(exact);
      // A bound, but not a loose one: a loose bound only costs empty buckets, a wrong one would cost exactness.
      expect(bound).toBeLessThan(20 * exact);
    }
  });
});

/**
 * Minimum-travel-time fire growth on a raster (Finney, M.A. 2002, Fire growth using minimum travel time
 * methods, Can. J. For. Res. 32: 1420-1424): the fire's arrival time at every cell is the shortest travel
 * time from the ignitions over a 16-neighbour stencil (the 8 adjacent cells and the 8 knight moves, which cut
 * the octagonal bias of an 8-neighbour grid), the spread rate along each edge being that of the cell's fire
 * ellipse in the edge's direction.
 *
 * Per cell the ellipse is given by its head rate R (m/min), eccentricity e and azimuth α of maximum spread;
 * the rate along a ray at azimuth θ from the ignition point is R (1 − e)/(1 − e cos(θ − α)) (the focal form,
 * Finney 2002), so the slowness (min/m) is linear in the direction's unit vector and costs three numbers per
 * cell. An edge's length is split over the cells it crosses: half in each for adjacent cells, a quarter in
 * each of the four for knight moves. Non-burnable cells (R = 0) are never entered and block knight moves over
 * them.
 *
 * Time-dependent conditions (diurnal weather, fire lines) enter as Dijkstra with time-dependent edges:
 * the rates of the period in which the fire leaves a cell apply to the edge, and a cell whose `closedAt`
 * time has passed (a held fire line) cannot be entered afterwards. Rows run north to south (row 0 is the
 * northern edge, as in ESRI grids and GeoTIFF), columns west to east.
 */

import { IndexedMinHeap } from '../../../engine/collections/indexed-heap.js';

/** The fire ellipse in every cell for one weather period. */
export interface SpreadLayer {
  /** Head spread rate, m/min (0: does not burn). */
  head: Float64Array;
  eccentricity: Float64Array;
  /** Azimuth of maximum spread, radians clockwise from north. */
  direction: Float64Array;
}

export interface GridShape {
  cols: number;
  rows: number;
  /** Cell side, m. */
  cellSizeM: number;
}

export interface Ignition {
  cell: number;
  /** Minutes. */
  time: number;
}

export interface SpreadOptions {
  /** Stop at this time, min: later cells keep Infinity. */
  horizonMin: number;
  /** Weather periods: `layers[i]` applies until `periodEndsMin[i]` (the last one for ever). */
  layers: readonly PreparedLayer[];
  periodEndsMin?: readonly number[];
  /** Per cell, the time from which the cell cannot burn (a held line), min; Infinity = never. */
  closedAt?: Float64Array;
}

/** The largest bucket ring (4 MiB): labels further ahead than this many bucket widths send the spread to the heap. */
const MAX_RING = 1 << 20;

/** The 16 stencil moves: column and row offsets. The first 8 are the adjacent cells. */
const MOVES: ReadonlyArray<readonly [number, number]> = [
  [0, -1], [1, -1], [1, 0], [1, 1], [0, 1], [-1, 1], [-1, 0], [-1, -1],
  [1, -2], [2, -1], [2, 1], [1, 2], [-1, 2], [-2, 1], [-2, -1], [-1, -2],
];

/**
 * A layer prepared for spreading: per cell the slowness coefficients (a, bx, by) interleaved, so that the
 * slowness along the unit direction (east, north) = (ux, uy) is a − bx·ux − by·uy min/m (a = Infinity: does
 * not burn). Prepare each weather layer once and reuse it across runs.
 */
export interface PreparedLayer {
  readonly cells: number;
  readonly coefficients: Float64Array;
  /**
   * An upper bound on the head spread rate of every cell, m/min: lets the spread use its bucket queue
   * (MinimumTravelTime). It must hold for every cell, including those a lazy layer has not computed yet.
   */
  readonly maxHeadMMin?: number;
  /**
   * A lazy layer computes a cell's coefficients the first time the spread touches it (NaN until then):
   * a fire that burns a few thousand cells of a large landscape pays for those and their neighbours only.
   */
  readonly ensure?: (cell: number) => void;
}

/** Write one cell's slowness coefficients from its fire ellipse (head m/min, eccentricity, azimuth rad). */
export function setCellEllipse(c: Float64Array, i: number, head: number, e: number, direction: number): void {
  if (!(head > 0)) {
    c[3 * i] = Infinity;
    c[3 * i + 1] = 0;
    c[3 * i + 2] = 0;
    return;
  }
  if (!(e >= 0 && e < 1)) throw new RangeError(`spread layer: eccentricity ${e} at cell ${i} is outside [0, 1)`);
  const base = 1 / (head * (1 - e));
  c[3 * i] = base;
  c[3 * i + 1] = e * Math.sin(direction) * base;
  c[3 * i + 2] = e * Math.cos(direction) * base;
}

export function prepareLayer(layer: SpreadLayer): PreparedLayer {
  const n = layer.head.length;
  if (layer.eccentricity.length !== n || layer.direction.length !== n) throw new RangeError('spread layer: head, eccentricity and direction must have one value per cell');
  const c = new Float64Array(3 * n);
  let maxHead = 0;
  for (let i = 0; i < n; i++) {
    const head = layer.head[i]!;
    setCellEllipse(c, i, head, layer.eccentricity[i]!, layer.direction[i]!);
    if (head > maxHead) maxHead = head;
  }
  return { cells: n, coefficients: c, maxHeadMMin: maxHead };
}

/**
 * Reusable arrival-time solver for one grid shape (buffers are kept between runs: a replication may spread
 * several times without allocating).
 *
 * The queue: when every layer states a bound on its head rate (`maxHeadMMin`), cells wait in a ring of
 * time buckets of width δ = cell / (2 · max head) (Dial 1969) instead of a binary heap. No edge is shorter
 * in time than cell / max head (the slowness of a cell in any direction is at least 1 / head), so a cell
 * relaxed from a bucket always lands in a later bucket and every label in the bucket being emptied is
 * final: the order inside a bucket cannot change any arrival time, which are therefore bit-identical to
 * the heap's (each is the minimum over the same relaxations from the same final labels). Each queue
 * operation is O(1) instead of O(log frontier): about half the work of the spread was the heap.
 * Layers without a bound (hand-made lazy layers) use the shared indexed heap.
 */
export class MinimumTravelTime {
  readonly shape: GridShape;
  readonly arrival: Float64Array;
  /** Cells settled by the last run (work done). */
  settled = 0;
  /**
   * The queue the last run used: buckets throughout, the heap throughout, or buckets until a label lay
   * further ahead than the largest ring (MAX_RING buckets) and the waiting cells moved to the heap.
   */
  queue: 'buckets' | 'heap' | 'buckets, then heap' = 'heap';
  private readonly heap: IndexedMinHeap;
  // Bucket ring: head cell per ring slot, and a doubly linked list through the cells; slot -1: not queued.
  private ring = new Int32Array(1024).fill(-1);
  private readonly nextInSlot: Int32Array;
  private readonly prevInSlot: Int32Array;
  private readonly slotOf: Int32Array;
  private dirty = false;
  /** 1 for cells two or more from the grid's edge: all 16 neighbours exist. */
  private readonly inner: Uint8Array;

  constructor(shape: GridShape) {
    const n = shape.cols * shape.rows;
    if (!(Number.isInteger(shape.cols) && Number.isInteger(shape.rows) && n > 0 && shape.cellSizeM > 0)) throw new RangeError('grid: positive integer size and cell size expected');
    this.shape = shape;
    this.arrival = new Float64Array(n);
    this.heap = new IndexedMinHeap(n);
    this.nextInSlot = new Int32Array(n);
    this.prevInSlot = new Int32Array(n);
    this.slotOf = new Int32Array(n).fill(-1);
    this.inner = new Uint8Array(n);
    for (let row = 2; row < shape.rows - 2; row++) this.inner.fill(1, row * shape.cols + 2, (row + 1) * shape.cols - 2);
  }

  /** Queue `cell` in ring slot `slot` (unlinking it from its old slot), for the bucket queue. */
  private bucketPut(cell: number, slot: number): boolean {
    const where = this.slotOf;
    const old = where[cell]!;
    if (old === slot) return false;
    const next = this.nextInSlot;
    const prev = this.prevInSlot;
    const ring = this.ring;
    if (old >= 0) {
      const p = prev[cell]!;
      const q = next[cell]!;
      if (p !== -1) next[p] = q;
      else ring[old] = q;
      if (q !== -1) prev[q] = p;
    }
    const h = ring[slot]!;
    next[cell] = h;
    prev[cell] = -1;
    if (h !== -1) prev[h] = cell;
    ring[slot] = cell;
    where[cell] = slot;
    return old < 0;
  }

  /** Take the first cell of ring slot `slot` (not empty). */
  private bucketTake(slot: number): number {
    const ring = this.ring;
    const u = ring[slot]!;
    const q = this.nextInSlot[u]!;
    ring[slot] = q;
    if (q !== -1) this.prevInSlot[q] = -1;
    this.slotOf[u] = -1;
    return u;
  }

  /** Every cell waiting in the ring, emptying it. */
  private drainRing(): number[] {
    const ring = this.ring;
    const waiting: number[] = [];
    for (let s = 0; s < ring.length; s++) {
      for (let u = ring[s]!; u !== -1; u = this.nextInSlot[u]!) waiting.push(u);
      ring[s] = -1;
    }
    for (const u of waiting) this.slotOf[u] = -1;
    return waiting;
  }

  /**
   * Grow the ring to hold `span` buckets from the current one, re-queueing every waiting cell by its label;
   * false (and nothing changed) when that would take more than MAX_RING buckets.
   */
  private growRing(span: number, t0: number, inv: number): boolean {
    let size = this.ring.length;
    while (size < span) size *= 2;
    if (size > MAX_RING) return false;
    const waiting = this.drainRing();
    this.ring = new Int32Array(size).fill(-1);
    const mask = size - 1;
    for (const u of waiting) this.bucketPut(u, Math.floor((this.arrival[u]! - t0) * inv) & mask);
    return true;
  }

  /**
   * Move every waiting cell from the ring to the heap. Exact mid-run: the cells still in the current bucket
   * have final labels below every other label, so the heap settles them first.
   */
  private spillToHeap(): void {
    for (const u of this.drainRing()) this.heap.push(u, this.arrival[u]!);
    this.queue = 'buckets, then heap';
  }

  /** Arrival time (min) of the fire at every cell; Infinity where it does not arrive before the horizon. */
  run(ignitions: readonly Ignition[], options: SpreadOptions): Float64Array {
    const { cols, rows, cellSizeM } = this.shape;
    const n = cols * rows;
    const arrival = this.arrival;
    arrival.fill(Infinity);
    const heap = this.heap;
    heap.clear();
    this.settled = 0;
    const layers = options.layers;
    if (layers.length === 0) throw new RangeError('spread: at least one weather layer expected');
    let maxHead = 0;
    for (const l of layers) {
      if (l.cells !== n) throw new RangeError(`spread: a layer has ${l.cells} cells, the grid ${n}`);
      maxHead = l.maxHeadMMin === undefined ? NaN : Math.max(maxHead, l.maxHeadMMin);
    }
    const ends = options.periodEndsMin ?? [];
    const closedAt = options.closedAt;
    const horizon = options.horizonMin;

    // Per move: offsets, unit vector (east, north), the length share per crossed cell and, for knight
    // moves, the index offsets of the two cells crossed beside the straight line.
    const moveDx = new Int32Array(16);
    const moveDy = new Int32Array(16);
    const delta = new Int32Array(16);
    const side1 = new Int32Array(16);
    const side2 = new Int32Array(16);
    const ux = new Float64Array(16);
    const uy = new Float64Array(16);
    const share = new Float64Array(16);
    MOVES.forEach(([dx, dy], k) => {
      const norm = Math.hypot(dx, dy);
      moveDx[k] = dx;
      moveDy[k] = dy;
      delta[k] = dy * cols + dx;
      ux[k] = dx / norm;
      uy[k] = -dy / norm;
      share[k] = k < 8 ? (norm * cellSizeM) / 2 : (norm * cellSizeM) / 4;
      if (Math.abs(dx) === 2) {
        side1[k] = dx / 2;
        side2[k] = dy * cols + dx / 2;
      } else if (Math.abs(dy) === 2) {
        side1[k] = (dy / 2) * cols;
        side2[k] = (dy / 2) * cols + dx;
      }
    });

    const first = layers[0]!.coefficients;
    const starts: number[] = [];
    for (const ig of ignitions) {
      if (!(Number.isInteger(ig.cell) && ig.cell >= 0 && ig.cell < n)) throw new RangeError(`ignition cell ${ig.cell} is outside the grid`);
      if (Number.isNaN(first[3 * ig.cell]!)) layers[0]!.ensure?.(ig.cell);
      if (first[3 * ig.cell] === Infinity) continue;
      if (ig.time < arrival[ig.cell]! && ig.time <= horizon) {
        if (arrival[ig.cell] === Infinity) starts.push(ig.cell);
        arrival[ig.cell] = ig.time;
      }
    }

    // The queue: buckets of width width = cell / (2 max head) when the layers bound their head rates.
    let buckets = maxHead > 0 && maxHead < Infinity && starts.length > 0;
    this.queue = buckets ? 'buckets' : 'heap';
    const width = buckets ? (0.5 * cellSizeM) / maxHead : 0;
    const inv = buckets ? 1 / width : 0;
    let t0 = Infinity;
    for (const cell of starts) t0 = Math.min(t0, arrival[cell]!);
    let mask = this.ring.length - 1;
    let cur = 0;
    let queued = 0;
    // A run that threw part-way (a bad cell in a lazy layer) may have left cells in the ring.
    if (this.dirty) this.drainRing();
    this.dirty = true;
    if (buckets) {
      // Ignitions within the ring's reach of the first; a much later one goes to the heap with the rest.
      for (const cell of starts) {
        const b = Math.floor((arrival[cell]! - t0) * inv);
        if (b - cur > mask && !this.growRing(b - cur + 1, t0, inv)) {
          this.spillToHeap();
          buckets = false;
          queued = 0;
          break;
        }
        mask = this.ring.length - 1;
        if (this.bucketPut(cell, b & mask)) queued++;
      }
    }
    if (!buckets) for (const cell of starts) heap.push(cell, arrival[cell]!);

    const inner = this.inner;
    let period = 0;
    let c = first;
    let ensure = layers[0]!.ensure;
    let settled = 0;
    for (;;) {
      let cell: number;
      if (buckets) {
        if (queued === 0) break;
        const ring = this.ring;
        while (ring[cur & mask] === -1) cur++;
        cell = this.bucketTake(cur & mask);
        queued--;
      } else {
        if (heap.size === 0) break;
        cell = heap.pop();
      }
      const t = arrival[cell]!;
      settled++;
      // The weather period in which the fire leaves the cell (cells of one bucket come in any order).
      if ((period + 1 < layers.length && ends[period] !== undefined && t >= ends[period]!) || (period > 0 && t < ends[period - 1]!)) {
        while (period + 1 < layers.length && ends[period] !== undefined && t >= ends[period]!) period++;
        while (period > 0 && t < ends[period - 1]!) period--;
        c = layers[period]!.coefficients;
        ensure = layers[period]!.ensure;
      }
      if (ensure !== undefined && Number.isNaN(c[3 * cell]!)) ensure(cell);
      const a0 = c[3 * cell]!;
      const bx0 = c[3 * cell + 1]!;
      const by0 = c[3 * cell + 2]!;
      // Cells two or more from the edge need no bounds checks (and no integer division for their column).
      const interior = inner[cell] === 1;
      let col = 0;
      let row = 0;
      if (!interior) {
        col = cell % cols;
        row = (cell - col) / cols;
      }
      for (let k = 0; k < 16; k++) {
        if (!interior) {
          const c2 = col + moveDx[k]!;
          const r2 = row + moveDy[k]!;
          if (c2 < 0 || c2 >= cols || r2 < 0 || r2 >= rows) continue;
        }
        const next = cell + delta[k]!;
        // Settled already: nothing to improve.
        const old = arrival[next]!;
        if (old <= t) continue;
        const ex = ux[k]!;
        const ey = uy[k]!;
        const j = 3 * next;
        if (ensure !== undefined && Number.isNaN(c[j]!)) ensure(next);
        const sNext = c[j]! - c[j + 1]! * ex - c[j + 2]! * ey;
        if (sNext === Infinity) continue;
        let cost = a0 - bx0 * ex - by0 * ey + sNext;
        if (k >= 8) {
          // Knight move: it crosses the two cells beside the straight line.
          const m1 = cell + side1[k]!;
          const m2 = cell + side2[k]!;
          if (ensure !== undefined) {
            if (Number.isNaN(c[3 * m1]!)) ensure(m1);
            if (Number.isNaN(c[3 * m2]!)) ensure(m2);
          }
          const s1 = c[3 * m1]! - c[3 * m1 + 1]! * ex - c[3 * m1 + 2]! * ey;
          const s2 = c[3 * m2]! - c[3 * m2 + 1]! * ex - c[3 * m2 + 2]! * ey;
          if (s1 === Infinity || s2 === Infinity) continue;
          if (closedAt !== undefined && (closedAt[m1]! <= t || closedAt[m2]! <= t)) continue;
          cost += s1 + s2;
        }
        const arrive = t + cost * share[k]!;
        if (arrive >= old || arrive > horizon) continue;
        if (closedAt !== undefined && closedAt[next]! <= arrive) continue;
        arrival[next] = arrive;
        if (buckets) {
          const b = Math.floor((arrive - t0) * inv);
          if (b - cur > mask) {
            if (!this.growRing(b - cur + 1, t0, inv)) {
              this.spillToHeap();
              buckets = false;
              queued = 0;
              heap.push(next, arrive);
              continue;
            }
            mask = this.ring.length - 1;
          }
          if (this.bucketPut(next, b & mask)) queued++;
        } else heap.push(next, arrive);
      }
    }
    this.settled = settled;
    this.dirty = false;
    return arrival;
  }
}

/** Burned area (m²) of the cells reached by time t. */
export function burnedAreaM2(arrival: Float64Array, cellSizeM: number, t: number): number {
  let count = 0;
  for (let i = 0; i < arrival.length; i++) if (arrival[i]! <= t) count++;
  return count * cellSizeM * cellSizeM;
}

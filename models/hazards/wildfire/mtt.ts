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
  for (let i = 0; i < n; i++) setCellEllipse(c, i, layer.head[i]!, layer.eccentricity[i]!, layer.direction[i]!);
  return { cells: n, coefficients: c };
}

/**
 * Reusable arrival-time solver for one grid shape (buffers are kept between runs: a replication may spread
 * several times without allocating).
 */
export class MinimumTravelTime {
  readonly shape: GridShape;
  readonly arrival: Float64Array;
  /** Cells settled by the last run (work done). */
  settled = 0;
  private readonly heapCell: Int32Array;
  private readonly heapKey: Float64Array;
  private readonly heapPos: Int32Array;
  private heapSize = 0;

  constructor(shape: GridShape) {
    const n = shape.cols * shape.rows;
    if (!(Number.isInteger(shape.cols) && Number.isInteger(shape.rows) && n > 0 && shape.cellSizeM > 0)) throw new RangeError('grid: positive integer size and cell size expected');
    this.shape = shape;
    this.arrival = new Float64Array(n);
    this.heapCell = new Int32Array(n);
    this.heapKey = new Float64Array(n);
    this.heapPos = new Int32Array(n);
  }

  private push(cell: number, key: number): void {
    const pos = this.heapPos;
    const cells = this.heapCell;
    const keys = this.heapKey;
    let i = pos[cell]!;
    if (i < 0) i = this.heapSize++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const pk = keys[parent]!;
      if (pk <= key) break;
      const pc = cells[parent]!;
      cells[i] = pc;
      keys[i] = pk;
      pos[pc] = i;
      i = parent;
    }
    cells[i] = cell;
    keys[i] = key;
    pos[cell] = i;
  }

  private pop(): number {
    const cells = this.heapCell;
    const keys = this.heapKey;
    const pos = this.heapPos;
    const top = cells[0]!;
    pos[top] = -1;
    const size = --this.heapSize;
    if (size > 0) {
      const last = cells[size]!;
      const key = keys[size]!;
      let i = 0;
      for (;;) {
        let c = 2 * i + 1;
        if (c >= size) break;
        let ck = keys[c]!;
        if (c + 1 < size && keys[c + 1]! < ck) ck = keys[++c]!;
        if (ck >= key) break;
        const cc = cells[c]!;
        cells[i] = cc;
        keys[i] = ck;
        pos[cc] = i;
        i = c;
      }
      cells[i] = last;
      keys[i] = key;
      pos[last] = i;
    }
    return top;
  }

  /** Arrival time (min) of the fire at every cell; Infinity where it does not arrive before the horizon. */
  run(ignitions: readonly Ignition[], options: SpreadOptions): Float64Array {
    const { cols, rows, cellSizeM } = this.shape;
    const n = cols * rows;
    const arrival = this.arrival;
    arrival.fill(Infinity);
    this.heapPos.fill(-1);
    this.heapSize = 0;
    this.settled = 0;
    const layers = options.layers;
    if (layers.length === 0) throw new RangeError('spread: at least one weather layer expected');
    for (const l of layers) if (l.cells !== n) throw new RangeError(`spread: a layer has ${l.cells} cells, the grid ${n}`);
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
    for (const ig of ignitions) {
      if (!(Number.isInteger(ig.cell) && ig.cell >= 0 && ig.cell < n)) throw new RangeError(`ignition cell ${ig.cell} is outside the grid`);
      if (Number.isNaN(first[3 * ig.cell]!)) layers[0]!.ensure?.(ig.cell);
      if (first[3 * ig.cell] === Infinity) continue;
      if (ig.time < arrival[ig.cell]! && ig.time <= horizon) {
        arrival[ig.cell] = ig.time;
        this.push(ig.cell, ig.time);
      }
    }

    let period = 0;
    let c = first;
    let ensure = layers[0]!.ensure;
    while (this.heapSize > 0) {
      const cell = this.pop();
      const t = arrival[cell]!;
      this.settled++;
      while (period + 1 < layers.length && ends[period] !== undefined && t >= ends[period]!) {
        const next = layers[++period]!;
        c = next.coefficients;
        ensure = next.ensure;
      }
      if (ensure !== undefined && Number.isNaN(c[3 * cell]!)) ensure(cell);
      const col = cell % cols;
      const row = (cell - col) / cols;
      const a0 = c[3 * cell]!;
      const bx0 = c[3 * cell + 1]!;
      const by0 = c[3 * cell + 2]!;
      // Cells two or more from the edge need no bounds checks.
      const interior = col >= 2 && row >= 2 && col < cols - 2 && row < rows - 2;
      for (let k = 0; k < 16; k++) {
        if (!interior) {
          const c2 = col + moveDx[k]!;
          const r2 = row + moveDy[k]!;
          if (c2 < 0 || c2 >= cols || r2 < 0 || r2 >= rows) continue;
        }
        const next = cell + delta[k]!;
        // Settled already (Dijkstra settles in time order): nothing to improve.
        if (arrival[next]! <= t) continue;
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
        if (arrive >= arrival[next]! || arrive > horizon) continue;
        if (closedAt !== undefined && closedAt[next]! <= arrive) continue;
        arrival[next] = arrive;
        this.push(next, arrive);
      }
    }
    return arrival;
  }
}

/** Burned area (m²) of the cells reached by time t. */
export function burnedAreaM2(arrival: Float64Array, cellSizeM: number, t: number): number {
  let count = 0;
  for (let i = 0; i < arrival.length; i++) if (arrival[i]! <= t) count++;
  return count * cellSizeM * cellSizeM;
}

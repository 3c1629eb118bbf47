/**
 * The fire landscape of a scenario: fuel model and terrain per cell on a square metric grid, with the
 * mapping from longitude and latitude (an equirectangular projection about the grid's lower-left corner,
 * within 0.1 % over the 20-30 km of a fire scenario), and the fire ellipse of every cell for a weather.
 */
import { fuelModelByNumber, isBurnable, type FuelModel } from './fuel-models.js';
import { setCellEllipse, type PreparedLayer, type SpreadLayer } from './mtt.js';
import type { Raster } from './raster.js';
import { fuelbed, spread, spreadFromFactors, windAdjustmentFactor, windFactor, type Canopy, type Fuelbed, type Moistures } from './surface.js';
import { slopeAspect } from './terrain.js';
import { FT_PER_MIN_PER_KMH, M_PER_FT } from './units.js';

/** The synthetic rasters' local projection: metres per degree (latitude; longitude times cos of the origin's latitude). */
export const M_PER_DEG_LAT = 111_320;

/**
 * Canopy over each fuel group, for the wind adjustment factor [estimates: closed subtropical forest and
 * plantations about 60 % cover, 15 m tall, crown ratio 0.4; grass, shrub and slash unsheltered].
 */
export function canopyOf(model: FuelModel): Canopy {
  if (/^(TL|TU)/.test(model.code) || ['FM8', 'FM9', 'FM10'].includes(model.code)) return { cover: 0.6, heightFt: 15 / M_PER_FT, crownRatio: 0.4 };
  return { cover: 0, heightFt: 0, crownRatio: 0 };
}

export interface Weather {
  /** 20-ft wind, km/h, and where it blows from, degrees clockwise from north. */
  windKmh: number;
  windFromDeg: number;
  moistures: Moistures;
}

export class Landscape {
  readonly n: number;
  /** Fuel model per cell (index into `models`), -1 where not burnable or outside the data. */
  readonly fuel: Int16Array;
  readonly models: FuelModel[] = [];
  readonly slope: Float64Array;
  readonly aspectDeg: Float64Array;
  /** The steepest slope (rise over run) of a burnable cell: bounds every cell's head rate. */
  readonly maxSlope: number;
  private readonly mPerDegLon: number;

  constructor(
    readonly cols: number,
    readonly rows: number,
    readonly cellSizeM: number,
    /** Longitude and latitude of the grid's lower-left corner. */
    readonly originLon: number,
    readonly originLat: number,
    fuelNumbers: Float64Array,
    elevationM: Float64Array,
  ) {
    this.n = cols * rows;
    this.fuel = new Int16Array(this.n).fill(-1);
    const index = new Map<number, number>();
    for (let i = 0; i < this.n; i++) {
      const v = fuelNumbers[i]!;
      if (Number.isNaN(v)) continue;
      let k = index.get(v);
      if (k === undefined) {
        const m = fuelModelByNumber(v);
        if (m === undefined) throw new RangeError(`fuel model number ${v} at cell ${i} is not a standard model`);
        k = isBurnable(m) ? this.models.push(m) - 1 : -1;
        index.set(v, k);
      }
      this.fuel[i] = k;
    }
    const t = slopeAspect(elevationM, cols, rows, cellSizeM);
    this.slope = t.slope;
    this.aspectDeg = t.aspectDeg;
    let maxSlope = 0;
    for (let i = 0; i < this.n; i++) if (this.fuel[i]! >= 0 && this.slope[i]! > maxSlope) maxSlope = this.slope[i]!;
    this.maxSlope = maxSlope;
    this.mPerDegLon = M_PER_DEG_LAT * Math.cos((originLat * Math.PI) / 180);
  }

  /** Build from a fuel and an elevation raster of the same shape (cell size in metres). */
  static fromRasters(fuel: Raster, elevation: Raster, originLon: number, originLat: number): Landscape {
    if (fuel.cols !== elevation.cols || fuel.rows !== elevation.rows || fuel.cellSize !== elevation.cellSize) {
      throw new RangeError(`the fuel grid (${fuel.cols} x ${fuel.rows}, ${fuel.cellSize} m) and the elevation grid (${elevation.cols} x ${elevation.rows}, ${elevation.cellSize} m) differ`);
    }
    return new Landscape(fuel.cols, fuel.rows, fuel.cellSize, originLon, originLat, fuel.values, elevation.values);
  }

  /** The cell holding a point, or -1 outside the grid. */
  cellAt(lon: number, lat: number): number {
    const x = (lon - this.originLon) * this.mPerDegLon;
    const y = (lat - this.originLat) * M_PER_DEG_LAT;
    const col = Math.floor(x / this.cellSizeM);
    const rowFromSouth = Math.floor(y / this.cellSizeM);
    if (col < 0 || col >= this.cols || rowFromSouth < 0 || rowFromSouth >= this.rows) return -1;
    return (this.rows - 1 - rowFromSouth) * this.cols + col;
  }

  /** Centre of a cell as [lon, lat]. */
  lonLatOf(cell: number): [number, number] {
    const col = cell % this.cols;
    const row = (cell - col) / this.cols;
    const x = (col + 0.5) * this.cellSizeM;
    const y = (this.rows - row - 0.5) * this.cellSizeM;
    return [this.originLon + x / this.mPerDegLon, this.originLat + y / M_PER_DEG_LAT];
  }

  /** The fire ellipse of every cell under one weather (head m/min, eccentricity, azimuth of max spread). */
  layer(weather: Weather): SpreadLayer {
    const beds: Fuelbed[] = this.models.map((m) => fuelbed(m, weather.moistures));
    const wind = weather.windKmh * FT_PER_MIN_PER_KMH;
    const phiWind = this.models.map((m, k) => windFactor(beds[k]!, wind * windAdjustmentFactor(m.depthFt, canopyOf(m))));
    const head = new Float64Array(this.n);
    const eccentricity = new Float64Array(this.n);
    const direction = new Float64Array(this.n);
    for (let i = 0; i < this.n; i++) {
      const k = this.fuel[i]!;
      if (k < 0) continue;
      const aspect = this.aspectDeg[i]!;
      const s = spreadFromFactors(beds[k]!, phiWind[k]!, weather.windFromDeg - aspect, this.slope[i]!);
      head[i] = s.head * M_PER_FT;
      eccentricity[i] = s.eccentricity;
      direction[i] = ((s.directionFromUpslopeDeg + aspect + 180) * Math.PI) / 180;
    }
    return { head, eccentricity, direction };
  }

  /**
   * The same, prepared for spreading and computed lazily: a cell's ellipse is worked out the first time
   * the spread reaches its neighbourhood (the fire of a replication touches a small part of the landscape).
   */
  lazyLayer(weather: Weather): PreparedLayer {
    const beds: Fuelbed[] = this.models.map((m) => fuelbed(m, weather.moistures));
    const wind = weather.windKmh * FT_PER_MIN_PER_KMH;
    const phiWind = this.models.map((m, k) => windFactor(beds[k]!, wind * windAdjustmentFactor(m.depthFt, canopyOf(m))));
    const coefficients = new Float64Array(3 * this.n).fill(NaN);
    // Head = R0 + |R0 φs + R0 φw| (vector sum) <= R0 (1 + φs,max + φw) in every cell: the bound the bucket
    // queue needs before the cells are computed.
    let maxHeadMMin = 0;
    this.models.forEach((_m, k) => {
      const bed = beds[k]!;
      maxHeadMMin = Math.max(maxHeadMMin, bed.r0 * (1 + bed.slopeK * this.maxSlope * this.maxSlope + phiWind[k]!) * M_PER_FT);
    });
    const ensure = (i: number): void => {
      const k = this.fuel[i]!;
      if (k < 0) return setCellEllipse(coefficients, i, 0, 0, 0);
      const aspect = this.aspectDeg[i]!;
      const s = spreadFromFactors(beds[k]!, phiWind[k]!, weather.windFromDeg - aspect, this.slope[i]!);
      setCellEllipse(coefficients, i, s.head * M_PER_FT, s.eccentricity, ((s.directionFromUpslopeDeg + aspect + 180) * Math.PI) / 180);
    };
    return { cells: this.n, coefficients, ensure, maxHeadMMin };
  }

  /** Head spread rate and fire shape at one cell (for the containment model at the ignition). */
  cellFire(cell: number, weather: Weather): { headMMin: number; lengthToWidthRatio: number; flameLengthM: number; fuel: FuelModel | null } {
    const k = this.fuel[cell]!;
    if (k < 0) return { headMMin: 0, lengthToWidthRatio: 1, flameLengthM: 0, fuel: null };
    const m = this.models[k]!;
    const aspect = this.aspectDeg[cell]!;
    const s = spread(fuelbed(m, weather.moistures), {
      midflameWindFtMin: weather.windKmh * FT_PER_MIN_PER_KMH * windAdjustmentFactor(m.depthFt, canopyOf(m)),
      windTowardFromUpslopeDeg: weather.windFromDeg - aspect,
      slope: this.slope[cell]!,
    });
    return { headMMin: s.head * M_PER_FT, lengthToWidthRatio: s.lengthToWidthRatio, flameLengthM: s.flameLength * M_PER_FT, fuel: m };
  }
}

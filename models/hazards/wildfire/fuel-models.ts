/**
 * Standard surface fuel models for Rothermel's spread model, in the units the model is published in.
 *
 * - Scott, J.H.; Burgan, R.E. 2005. Standard fire behavior fuel models: a comprehensive set for use with
 *   Rothermel's surface fire spread model. USDA Forest Service RMRS-GTR-153 (the "40": GR, GS, SH, TU, TL, SB
 *   and the non-burnable NB). Loads in short tons per acre, as published.
 * - Anderson, H.E. 1982. Aids to determining fuel models for estimating fire behavior. USDA Forest Service
 *   INT-122 (the "13": FM1..FM13). Loads in lb/ft² as encoded in the USDA Missoula Fire Lab's behave
 *   (firelab/behave fuelModels.cpp), which is what BehavePlus computes with.
 *
 * Values follow behave's encoding so the spread model reproduces behave's results; where behave differs from
 * the publication it is noted (TL5's woody SAV, stored as 160 where the report prints 1600: irrelevant because
 * TL5 has no live woody load).
 */

/** One fuel model: loads in lb/ft², surface-area-to-volume ratios in 1/ft, depth in ft (behave's base units). */
export interface FuelModel {
  /** Standard number (101..204 Scott & Burgan, 1..13 Anderson, 91..99 non-burnable). */
  number: number;
  /** Standard code: `GS4`, `FM10`, `NB1`. */
  code: string;
  name: string;
  /** Fuel-bed depth, ft. */
  depthFt: number;
  /** Dead fuel moisture of extinction, fraction. */
  moistureOfExtinctionDead: number;
  /** Heat content of dead and live fuel, BTU/lb. */
  heatDead: number;
  heatLive: number;
  /** Loads, lb/ft². */
  load1h: number;
  load10h: number;
  load100h: number;
  loadHerb: number;
  loadWoody: number;
  /** SAV ratios, 1/ft (the 10-h and 100-h classes are fixed at 109 and 30 for every standard model). */
  sav1h: number;
  savHerb: number;
  savWoody: number;
  /** Dynamic models transfer cured herbaceous load to the dead class (Scott & Burgan 2005, p. 11). */
  dynamic: boolean;
}

/** 1 short ton per acre in lb/ft² (2000 lb / 43,560 ft²), as behave converts. */
export const TONS_PER_ACRE_TO_LB_PER_FT2 = 2000 / 43560;

type Row = readonly [number, string, string, number, number, number, number, number, number, number, number, number, number, number];

// No, code, name, 1h, 10h, 100h, herb, woody (t/ac), 1-h SAV, herb SAV, woody SAV, depth ft, Mx %, heat BTU/lb.
const SCOTT_BURGAN: readonly Row[] = [
  [101, 'GR1', 'short, sparse, dry climate grass', 0.1, 0, 0, 0.3, 0, 2200, 2000, 1500, 0.4, 15, 8000],
  [102, 'GR2', 'low load, dry climate grass', 0.1, 0, 0, 1.0, 0, 2000, 1800, 1500, 1.0, 15, 8000],
  [103, 'GR3', 'low load, very coarse, humid climate grass', 0.1, 0.4, 0, 1.5, 0, 1500, 1300, 1500, 2.0, 30, 8000],
  [104, 'GR4', 'moderate load, dry climate grass', 0.25, 0, 0, 1.9, 0, 2000, 1800, 1500, 2.0, 15, 8000],
  [105, 'GR5', 'low load, humid climate grass', 0.4, 0, 0, 2.5, 0, 1800, 1600, 1500, 1.5, 40, 8000],
  [106, 'GR6', 'moderate load, humid climate grass', 0.1, 0, 0, 3.4, 0, 2200, 2000, 1500, 1.5, 40, 9000],
  [107, 'GR7', 'high load, dry climate grass', 1.0, 0, 0, 5.4, 0, 2000, 1800, 1500, 3.0, 15, 8000],
  [108, 'GR8', 'high load, very coarse, humid climate grass', 0.5, 1.0, 0, 7.3, 0, 1500, 1300, 1500, 4.0, 30, 8000],
  [109, 'GR9', 'very high load, humid climate grass', 1.0, 1.0, 0, 9.0, 0, 1800, 1600, 1500, 5.0, 40, 8000],
  [121, 'GS1', 'low load, dry climate grass-shrub', 0.2, 0, 0, 0.5, 0.65, 2000, 1800, 1800, 0.9, 15, 8000],
  [122, 'GS2', 'moderate load, dry climate grass-shrub', 0.5, 0.5, 0, 0.6, 1.0, 2000, 1800, 1800, 1.5, 15, 8000],
  [123, 'GS3', 'moderate load, humid climate grass-shrub', 0.3, 0.25, 0, 1.45, 1.25, 1800, 1600, 1600, 1.8, 40, 8000],
  [124, 'GS4', 'high load, humid climate grass-shrub', 1.9, 0.3, 0.1, 3.4, 7.1, 1800, 1600, 1600, 2.1, 40, 8000],
  [141, 'SH1', 'low load, dry climate shrub', 0.25, 0.25, 0, 0.15, 1.3, 2000, 1800, 1600, 1.0, 15, 8000],
  [142, 'SH2', 'moderate load, dry climate shrub', 1.35, 2.4, 0.75, 0, 3.85, 2000, 1800, 1600, 1.0, 15, 8000],
  [143, 'SH3', 'moderate load, humid climate shrub', 0.45, 3.0, 0, 0, 6.2, 1600, 1800, 1400, 2.4, 40, 8000],
  [144, 'SH4', 'low load, humid climate timber-shrub', 0.85, 1.15, 0.2, 0, 2.55, 2000, 1800, 1600, 3.0, 30, 8000],
  [145, 'SH5', 'high load, dry climate shrub', 3.6, 2.1, 0, 0, 2.9, 750, 1800, 1600, 6.0, 15, 8000],
  [146, 'SH6', 'low load, humid climate shrub', 2.9, 1.45, 0, 0, 1.4, 750, 1800, 1600, 2.0, 30, 8000],
  [147, 'SH7', 'very high load, dry climate shrub', 3.5, 5.3, 2.2, 0, 3.4, 750, 1800, 1600, 6.0, 15, 8000],
  [148, 'SH8', 'high load, humid climate shrub', 2.05, 3.4, 0.85, 0, 4.35, 750, 1800, 1600, 3.0, 40, 8000],
  [149, 'SH9', 'very high load, humid climate shrub', 4.5, 2.45, 0, 1.55, 7.0, 750, 1800, 1500, 4.4, 40, 8000],
  [161, 'TU1', 'light load, dry climate timber-grass-shrub', 0.2, 0.9, 1.5, 0.2, 0.9, 2000, 1800, 1600, 0.6, 20, 8000],
  [162, 'TU2', 'moderate load, humid climate timber-shrub', 0.95, 1.8, 1.25, 0, 0.2, 2000, 1800, 1600, 1.0, 30, 8000],
  [163, 'TU3', 'moderate load, humid climate timber-grass-shrub', 1.1, 0.15, 0.25, 0.65, 1.1, 1800, 1600, 1400, 1.3, 30, 8000],
  [164, 'TU4', 'dwarf conifer with understory', 4.5, 0, 0, 0, 2.0, 2300, 1800, 2000, 0.5, 12, 8000],
  [165, 'TU5', 'very high load, dry climate timber-shrub', 4.0, 4.0, 3.0, 0, 3.0, 1500, 1800, 750, 1.0, 25, 8000],
  [181, 'TL1', 'low load, compact conifer litter', 1.0, 2.2, 3.6, 0, 0, 2000, 1800, 1600, 0.2, 30, 8000],
  [182, 'TL2', 'low load broadleaf litter', 1.4, 2.3, 2.2, 0, 0, 2000, 1800, 1600, 0.2, 25, 8000],
  [183, 'TL3', 'moderate load conifer litter', 0.5, 2.2, 2.8, 0, 0, 2000, 1800, 1600, 0.3, 20, 8000],
  [184, 'TL4', 'small downed logs', 0.5, 1.5, 4.2, 0, 0, 2000, 1800, 1600, 0.4, 25, 8000],
  [185, 'TL5', 'high load conifer litter', 1.15, 2.5, 4.4, 0, 0, 2000, 1800, 160, 0.6, 25, 8000],
  [186, 'TL6', 'moderate load broadleaf litter', 2.4, 1.2, 1.2, 0, 0, 2000, 1800, 1600, 0.3, 25, 8000],
  [187, 'TL7', 'large downed logs', 0.3, 1.4, 8.1, 0, 0, 2000, 1800, 1600, 0.4, 25, 8000],
  [188, 'TL8', 'long-needle litter', 5.8, 1.4, 1.1, 0, 0, 1800, 1800, 1600, 0.3, 35, 8000],
  [189, 'TL9', 'very high load broadleaf litter', 6.65, 3.3, 4.15, 0, 0, 1800, 1800, 1600, 0.6, 35, 8000],
  [201, 'SB1', 'low load activity fuel', 1.5, 3.0, 11.0, 0, 0, 2000, 1800, 1600, 1.0, 25, 8000],
  [202, 'SB2', 'moderate load activity fuel or low load blowdown', 4.5, 4.25, 4.0, 0, 0, 2000, 1800, 1600, 1.0, 25, 8000],
  [203, 'SB3', 'high load activity fuel or moderate load blowdown', 5.5, 2.75, 3.0, 0, 0, 2000, 1800, 1600, 1.2, 25, 8000],
  [204, 'SB4', 'high load blowdown', 5.25, 3.5, 5.25, 0, 0, 2000, 1800, 1600, 2.7, 25, 8000],
];

// No, code, name, 1h, 10h, 100h, herb, woody (lb/ft²), 1-h SAV, herb SAV, woody SAV, depth ft, Mx %, heat.
const ANDERSON: readonly Row[] = [
  [1, 'FM1', 'short grass (1 ft)', 0.034, 0, 0, 0, 0, 3500, 1500, 1500, 1.0, 12, 8000],
  [2, 'FM2', 'timber (grass and understory)', 0.092, 0.046, 0.023, 0.023, 0, 3000, 1500, 1500, 1.0, 15, 8000],
  [3, 'FM3', 'tall grass (2.5 ft)', 0.138, 0, 0, 0, 0, 1500, 1500, 1500, 2.5, 25, 8000],
  [4, 'FM4', 'chaparral (6 ft)', 0.23, 0.184, 0.092, 0, 0.23, 2000, 1500, 1500, 6.0, 20, 8000],
  [5, 'FM5', 'brush (2 ft)', 0.046, 0.023, 0, 0, 0.092, 2000, 1500, 1500, 2.0, 20, 8000],
  [6, 'FM6', 'dormant brush, hardwood slash', 0.069, 0.115, 0.092, 0, 0, 1750, 1500, 1500, 2.5, 25, 8000],
  [7, 'FM7', 'southern rough', 0.052, 0.086, 0.069, 0, 0.017, 1750, 1500, 1500, 2.5, 40, 8000],
  [8, 'FM8', 'short needle litter', 0.069, 0.046, 0.115, 0, 0, 2000, 1500, 1500, 0.2, 30, 8000],
  [9, 'FM9', 'long needle or hardwood litter', 0.134, 0.019, 0.007, 0, 0, 2500, 1500, 1500, 0.2, 25, 8000],
  [10, 'FM10', 'timber (litter and understory)', 0.138, 0.092, 0.23, 0, 0.092, 2000, 1500, 1500, 1.0, 25, 8000],
  [11, 'FM11', 'light logging slash', 0.069, 0.207, 0.253, 0, 0, 1500, 1500, 1500, 1.0, 15, 8000],
  [12, 'FM12', 'medium logging slash', 0.184, 0.644, 0.759, 0, 0, 1500, 1500, 1500, 2.3, 20, 8000],
  [13, 'FM13', 'heavy logging slash', 0.322, 1.058, 1.288, 0, 0, 1500, 1500, 1500, 3.0, 25, 8000],
];

const NON_BURNABLE: ReadonlyArray<readonly [number, string, string]> = [
  [91, 'NB1', 'urban or suburban'],
  [92, 'NB2', 'snow or ice'],
  [93, 'NB3', 'agricultural'],
  [98, 'NB8', 'open water'],
  [99, 'NB9', 'bare ground'],
];

function fromRow(row: Row, loadFactor: number, dynamic: boolean): FuelModel {
  const [number, code, name, l1, l10, l100, herb, woody, s1, sHerb, sWoody, depth, mx, heat] = row;
  return {
    number,
    code,
    name,
    depthFt: depth,
    moistureOfExtinctionDead: mx / 100,
    heatDead: heat,
    heatLive: heat,
    load1h: l1 * loadFactor,
    load10h: l10 * loadFactor,
    load100h: l100 * loadFactor,
    loadHerb: herb * loadFactor,
    loadWoody: woody * loadFactor,
    sav1h: s1,
    savHerb: sHerb,
    savWoody: sWoody,
    dynamic,
  };
}

/** Every standard model, Anderson's 13 first, then the non-burnable and Scott & Burgan's 40. */
export const FUEL_MODELS: readonly FuelModel[] = [
  ...ANDERSON.map((r) => fromRow(r, 1, false)),
  ...NON_BURNABLE.map(([number, code, name]) => fromRow([number, code, name, 0, 0, 0, 0, 0, 1500, 1500, 1500, 1, 100, 8000], 1, false)),
  // Behave flags every Scott & Burgan model dynamic; only the ones with herbaceous load are affected.
  ...SCOTT_BURGAN.map((r) => fromRow(r, TONS_PER_ACRE_TO_LB_PER_FT2, true)),
];

const BY_CODE = new Map(FUEL_MODELS.map((m) => [m.code, m]));
const BY_NUMBER = new Map(FUEL_MODELS.map((m) => [m.number, m]));

export const FUEL_MODEL_CODES: readonly string[] = FUEL_MODELS.map((m) => m.code);

export function fuelModelByCode(code: string): FuelModel | undefined {
  return BY_CODE.get(code);
}

export function fuelModelByNumber(n: number): FuelModel | undefined {
  return BY_NUMBER.get(n);
}

/** A model with no fuel: the spread rate is zero everywhere (NB models). */
export function isBurnable(m: FuelModel): boolean {
  return m.load1h + m.load10h + m.load100h + m.loadHerb + m.loadWoody > 0;
}

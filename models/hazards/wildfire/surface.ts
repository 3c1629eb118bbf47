/**
 * Rothermel's (1972) surface fire spread model with Albini's (1976) extensions, step by step as the USDA
 * Missoula Fire Lab's behave computes it (firelab/behave: surfaceFuelbedIntermediates.cpp,
 * surfaceFireReactionIntensity.cpp, surfaceFire.cpp), including the dynamic herbaceous load transfer of
 * Scott & Burgan (2005), the cross-slope wind by vector addition and the direction of maximum spread.
 *
 * Everything here works in behave's US customary base units (ft, min, lb, BTU) so results can be checked
 * against behave's published test values to 1e-6; conversion to SI happens at the API boundary (units.ts).
 * The work is split in two: `fuelbed` depends only on the fuel model and moistures (per fuel model and weather
 * period: cacheable), `spread` adds wind and slope (per raster cell: cheap).
 *
 * Sources: Rothermel, R.C. 1972, INT-115; Albini, F.A. 1976, INT-30; Scott & Burgan 2005, RMRS-GTR-153;
 * Andrews, P.L. 2018, The Rothermel surface fire spread model and associated developments, RMRS-GTR-371.
 */
import type { FuelModel } from './fuel-models.js';

/** Fuel moistures as fractions (0.06 = 6 %). */
export interface Moistures {
  oneHour: number;
  tenHour: number;
  hundredHour: number;
  liveHerbaceous: number;
  liveWoody: number;
}

/** The wind- and slope-free part of the model for one fuel model and one set of moistures. */
export interface Fuelbed {
  /** No-wind, no-slope spread rate R0, ft/min (0 for a non-burnable or too-wet bed). */
  r0: number;
  /** Reaction intensity I_R, BTU/ft²/min. */
  reactionIntensity: number;
  /** Characteristic surface-area-to-volume ratio σ, 1/ft. */
  sigma: number;
  /** Packing ratio β and β/β_op. */
  packingRatio: number;
  relativePackingRatio: number;
  /** Propagating flux ratio ξ and heat sink ρ_b ε Q_ig (BTU/ft³). */
  propagatingFluxRatio: number;
  heatSink: number;
  /** Wind factor φ_w = windC · U^windB · (β/β_op)^-windE, U midflame ft/min. */
  windC: number;
  windB: number;
  windE: number;
  /** Slope factor φ_s = slopeK · tan²θ. */
  slopeK: number;
  /** Residence time 384/σ, min. */
  residenceTime: number;
  /** Fuel-bed depth, ft (for the unsheltered wind adjustment factor). */
  depthFt: number;
  /** Live moisture of extinction (fraction) and the herbaceous load transferred to dead (lb/ft²), for checks. */
  moistureOfExtinctionLive: number;
  transferredHerbLoad: number;
}

const PARTICLE_DENSITY = 32; // lb/ft³
const TOTAL_MINERAL = 0.0555;
const EFFECTIVE_MINERAL = 0.01;
const SAV_10H = 109;
const SAV_100H = 30;

interface Particle {
  load: number;
  sav: number;
  moisture: number;
  heat: number;
}

/** Albini's size classes for the net-load weights: lower bounds of σ, 1/ft (behave). */
function sizeClass(sav: number): number {
  if (sav >= 1200) return 0;
  if (sav >= 192) return 1;
  if (sav >= 96) return 2;
  if (sav >= 48) return 3;
  if (sav >= 16) return 4;
  return -1;
}

interface Category {
  /** Surface-area fractions f_ij. */
  f: number[];
  area: number;
  netLoad: number;
  heat: number;
  moisture: number;
  sav: number;
  mineral: number;
}

function category(particles: readonly Particle[]): Category {
  const areas = particles.map((p) => (p.load * p.sav) / PARTICLE_DENSITY);
  const area = areas.reduce((s, a) => s + a, 0);
  const f = areas.map((a) => (area > 1e-7 ? a / area : 0));
  const classSums = [0, 0, 0, 0, 0];
  particles.forEach((p, j) => {
    const c = sizeClass(p.sav);
    if (c >= 0) classSums[c]! += f[j]!;
  });
  let netLoad = 0;
  let heat = 0;
  let moisture = 0;
  let sav = 0;
  let mineral = 0;
  particles.forEach((p, j) => {
    const c = sizeClass(p.sav);
    const g = c >= 0 ? classSums[c]! : 0;
    netLoad += g * p.load * (1 - TOTAL_MINERAL);
    heat += f[j]! * p.heat;
    moisture += f[j]! * p.moisture;
    sav += f[j]! * p.sav;
    mineral += f[j]! * EFFECTIVE_MINERAL;
  });
  return { f, area, netLoad, heat, moisture, sav, mineral };
}

function moistureDamping(moisture: number, extinction: number): number {
  if (extinction <= 0 || moisture >= extinction) return 0;
  const r = moisture / extinction;
  return 1 - 2.59 * r + 5.11 * r * r - 3.52 * r * r * r;
}

function mineralDamping(se: number): number {
  if (se < 1e-7) return 1;
  return Math.min(1, 0.174 * Math.pow(se, -0.19));
}

/** The fuel bed's intermediates and no-wind, no-slope spread rate (Rothermel 1972, Albini 1976). */
export function fuelbed(model: FuelModel, m: Moistures): Fuelbed {
  // Dynamic models: cured herbaceous load moves to a dead class with the herb SAV and the 1-h moisture.
  let herb = model.loadHerb;
  let deadHerb = 0;
  if (model.dynamic && herb > 0) {
    const cured = m.liveHerbaceous < 0.3 ? 1 : m.liveHerbaceous > 1.2 ? 0 : 1.333 - 1.11 * m.liveHerbaceous;
    deadHerb = cured * herb;
    herb -= deadHerb;
  }
  const dead: Particle[] = [
    { load: model.load1h, sav: model.sav1h, moisture: m.oneHour, heat: model.heatDead },
    { load: model.load10h, sav: SAV_10H, moisture: m.tenHour, heat: model.heatDead },
    { load: model.load100h, sav: SAV_100H, moisture: m.hundredHour, heat: model.heatDead },
    { load: deadHerb, sav: model.savHerb, moisture: m.oneHour, heat: model.heatDead },
  ];
  const live: Particle[] = [
    { load: herb, sav: model.savHerb, moisture: m.liveHerbaceous, heat: model.heatLive },
    { load: model.loadWoody, sav: model.savWoody, moisture: m.liveWoody, heat: model.heatLive },
  ];
  const d = category(dead);
  const l = category(live);
  const totalArea = d.area + l.area;
  const fDead = totalArea > 1e-7 ? d.area / totalArea : 0;
  const fLive = totalArea > 1e-7 ? 1 - fDead : 0;
  const sigma = fDead * d.sav + fLive * l.sav;
  const totalLoad = [...dead, ...live].reduce((s, p) => s + p.load, 0);
  const depth = model.depthFt;

  const empty: Fuelbed = {
    r0: 0,
    reactionIntensity: 0,
    sigma,
    packingRatio: 0,
    relativePackingRatio: 0,
    propagatingFluxRatio: 0,
    heatSink: 0,
    windC: 0,
    windB: 0,
    windE: 0,
    slopeK: 0,
    residenceTime: 0,
    depthFt: depth,
    moistureOfExtinctionLive: model.moistureOfExtinctionDead,
    transferredHerbLoad: deadHerb,
  };
  if (totalLoad <= 0 || sigma <= 0 || depth <= 0) return empty;

  // Live moisture of extinction (Albini 1976, p. 89), from gross loads.
  const mxDead = model.moistureOfExtinctionDead;
  let mxLive = mxDead;
  if (model.loadHerb + model.loadWoody > 0) {
    let fineDead = 0;
    let fineDeadWater = 0;
    for (const p of dead) {
      if (p.sav <= 0) continue;
      const w = p.load * Math.exp(-138 / p.sav);
      fineDead += w;
      fineDeadWater += w * p.moisture;
    }
    let fineLive = 0;
    for (const p of live) if (p.sav > 0) fineLive += p.load * Math.exp(-500 / p.sav);
    const ratio = fineLive > 1e-7 ? fineDead / fineLive : 0;
    const fineDeadMoisture = fineDead > 1e-7 ? fineDeadWater / fineDead : 0;
    mxLive = Math.max(mxDead, 2.9 * ratio * (1 - fineDeadMoisture / mxDead) - 0.226);
  }

  const packingRatio = totalLoad / (depth * PARTICLE_DENSITY);
  const optimum = 3.348 * Math.pow(sigma, -0.8189);
  const relative = packingRatio / optimum;
  const aExp = 133 * Math.pow(sigma, -0.7913);
  const sigma15 = Math.pow(sigma, 1.5);
  const gammaMax = sigma15 / (495 + 0.0594 * sigma15);
  const gamma = gammaMax * Math.pow(relative, aExp) * Math.exp(aExp * (1 - relative));
  const reactionIntensity =
    gamma *
    (d.netLoad * d.heat * moistureDamping(d.moisture, mxDead) * mineralDamping(d.mineral) +
      l.netLoad * l.heat * moistureDamping(l.moisture, mxLive) * mineralDamping(l.mineral));

  const xi = Math.exp((0.792 + 0.681 * Math.sqrt(sigma)) * (packingRatio + 0.1)) / (192 + 0.2595 * sigma);
  const bulkDensity = totalLoad / depth;
  let sink = 0;
  const addSink = (particles: readonly Particle[], c: Category, weight: number): void => {
    particles.forEach((p, j) => {
      if (p.sav > 1e-7) sink += weight * c.f[j]! * Math.exp(-138 / p.sav) * (250 + 1116 * p.moisture);
    });
  };
  addSink(dead, d, fDead);
  addSink(live, l, fLive);
  const heatSink = bulkDensity * sink;
  const r0 = heatSink > 1e-7 ? (reactionIntensity * xi) / heatSink : 0;

  return {
    r0,
    reactionIntensity,
    sigma,
    packingRatio,
    relativePackingRatio: relative,
    propagatingFluxRatio: xi,
    heatSink,
    windC: 7.47 * Math.exp(-0.133 * Math.pow(sigma, 0.55)),
    windB: 0.02526 * Math.pow(sigma, 0.54),
    windE: 0.715 * Math.exp(-3.59e-4 * sigma),
    slopeK: 5.275 * Math.pow(packingRatio, -0.3),
    residenceTime: 384 / sigma,
    depthFt: depth,
    moistureOfExtinctionLive: mxLive,
    transferredHerbLoad: deadHerb,
  };
}

/** Wind and slope acting on a fuel bed. */
export interface SpreadConditions {
  /** Midflame wind speed, ft/min. */
  midflameWindFtMin: number;
  /** Direction the wind blows toward, degrees clockwise from the upslope direction. */
  windTowardFromUpslopeDeg: number;
  /** Slope steepness as rise over run (0.3 = 30 %). */
  slope: number;
}

export interface SpreadResult {
  /** Head (maximum) spread rate, ft/min. */
  head: number;
  backing: number;
  /** Flanking rate: the growth rate of the ellipse's half-width, ft/min. */
  flanking: number;
  /** Direction of maximum spread, degrees clockwise from upslope. */
  directionFromUpslopeDeg: number;
  /** Effective wind speed (the wind alone that would give the same head rate), ft/min. */
  effectiveWindFtMin: number;
  phiWind: number;
  phiSlope: number;
  lengthToWidthRatio: number;
  eccentricity: number;
  /** Byram's fireline intensity at the head, BTU/ft/s, and flame length, ft. */
  firelineIntensity: number;
  flameLength: number;
  /** Heat per unit area, BTU/ft². */
  heatPerUnitArea: number;
}

const DEG = Math.PI / 180;

/** Anderson's (1983) length-to-breadth ratio from the effective wind speed in mph, capped at 8 as behave. */
export function lengthToWidthRatio(effectiveWindMph: number): number {
  if (effectiveWindMph <= 1e-7) return 1;
  const lb = 0.936 * Math.exp(0.1147 * effectiveWindMph) + 0.461 * Math.exp(-0.0692 * effectiveWindMph) - 0.397;
  return Math.min(8, lb);
}

/** Eccentricity of the fire ellipse of a length-to-breadth ratio. */
export function eccentricity(lb: number): number {
  return lb > 1 ? Math.sqrt(lb * lb - 1) / lb : 0;
}

export function byramFlameLength(firelineIntensity: number): number {
  return firelineIntensity > 0 ? 0.45 * Math.pow(firelineIntensity, 0.46) : 0;
}

/** Wind factor φ_w of a fuel bed for a midflame wind in ft/min (0 for a bed that does not burn). */
export function windFactor(bed: Fuelbed, midflameWindFtMin: number): number {
  return midflameWindFtMin > 1e-7 && bed.r0 > 0 ? bed.windC * Math.pow(midflameWindFtMin, bed.windB) * Math.pow(bed.relativePackingRatio, -bed.windE) : 0;
}

/** Head, flank and back spread, direction and intensity for a fuel bed under wind and slope (behave, no wind limit). */
export function spread(bed: Fuelbed, c: SpreadConditions): SpreadResult {
  return spreadFromFactors(bed, windFactor(bed, c.midflameWindFtMin), c.windTowardFromUpslopeDeg, c.slope);
}

/**
 * The same from a precomputed wind factor: on a raster the wind factor depends only on the fuel model and
 * the weather, so it is computed once per model and only the slope and the angle vary per cell.
 */
export function spreadFromFactors(bed: Fuelbed, phiWind: number, windTowardFromUpslopeDeg: number, slope: number): SpreadResult {
  const r0 = bed.r0;
  const phiSlope = r0 > 0 ? bed.slopeK * slope * slope : 0;
  // Vector addition in the upslope frame (behave calculateDirectionOfMaxSpread).
  const omega = windTowardFromUpslopeDeg * DEG;
  const ds = r0 * phiSlope;
  const dw = r0 * phiWind;
  const x = ds + dw * Math.cos(omega);
  const y = dw * Math.sin(omega);
  const head = r0 + Math.hypot(x, y);
  let direction = Math.atan2(y, x) / DEG;
  if (Math.abs(direction) < 0.5) direction = 0;
  if (direction < 0) direction += 360;

  let effectiveWind = 0;
  if (r0 > 0) {
    const phiE = head / r0 - 1;
    effectiveWind = phiE > 0 ? Math.pow((phiE * Math.pow(bed.relativePackingRatio, bed.windE)) / bed.windC, 1 / bed.windB) : 0;
  }
  const lb = lengthToWidthRatio(effectiveWind / 88);
  const e = eccentricity(lb);
  const backing = (head * (1 - e)) / (1 + e);
  const flanking = (head + backing) / (2 * lb);
  const heatPerUnitArea = bed.reactionIntensity * bed.residenceTime;
  const firelineIntensity = (head * heatPerUnitArea) / 60;
  return {
    head,
    backing,
    flanking,
    directionFromUpslopeDeg: direction,
    effectiveWindFtMin: effectiveWind,
    phiWind,
    phiSlope,
    lengthToWidthRatio: lb,
    eccentricity: e,
    firelineIntensity,
    flameLength: byramFlameLength(firelineIntensity),
    heatPerUnitArea,
  };
}

/** Canopy over the fuel bed, for the wind adjustment factor. */
export interface Canopy {
  /** Canopy cover, fraction. */
  cover: number;
  /** Canopy height, ft. */
  heightFt: number;
  /** Crown ratio (crown length over tree height), fraction. */
  crownRatio: number;
}

/**
 * Wind adjustment factor from the 20-ft wind to the midflame wind (Albini & Baughman 1979; Finney 2004 for
 * the unsheltered case), as behave's windAdjustmentFactor.cpp: unsheltered when there is no canopy, the crown
 * fill fraction is below 5 % or the canopy is lower than 6 ft.
 */
export function windAdjustmentFactor(depthFt: number, canopy: Canopy): number {
  const fill = (canopy.crownRatio * canopy.cover) / 3;
  if (canopy.cover < 1e-7 || fill < 0.05 || canopy.heightFt < 6) {
    return depthFt > 0 ? 1.83 / Math.log((20 + 0.36 * depthFt) / (0.13 * depthFt)) : 0;
  }
  const h = canopy.heightFt;
  return 0.555 / (Math.sqrt(fill * h) * Math.log((20 + 0.36 * h) / (0.13 * h)));
}

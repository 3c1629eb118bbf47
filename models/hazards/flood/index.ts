/**
 * models/hazards/flood: the pure flood functions (docs/models/flood.md, tier A: section 4). Stage hydrographs per
 * gauge with perturbation, rating curves, forecasts, and consequence functions (Jonkman mortality,
 * Huizinga depth-damage, Pregnolato road passability, Nirandjan road damage). No kernel, no I/O: the
 * replication model drives these from its processes.
 */
export { checkRating, dischargeFromStage, fitRatingThroughTwoPoints, stageFromDischarge, type RatingCurve, type RatingPoint } from './rating.js';
export { pulseFallCrossing, pulseRiseCrossing, pulseRiseSlope } from './pulse.js';
export {
  checkPerturbation,
  Hydrograph,
  validateHydrographSpec,
  type HydrographKind,
  type HydrographPerturbation,
  type HydrographSpec,
  type PeakSpec,
  type WetInterval,
} from './hydrograph.js';
export { firstForecastCrossingUp, forecastStage } from './forecast.js';
export { erfc, normalCdf } from '../../../engine/random/normal-cdf.js';
export {
  HUIZINGA_ASIA,
  HUIZINGA_ASIA_DEPTHS_M,
  huizingaDamage,
  JONKMAN,
  jonkmanMortality,
  jonkmanZone,
  pregnolatoSpeedKmh,
  ROAD_CLOSURE_DEPTH_M,
  ROAD_PAVED_DAMAGE,
  ROAD_PAVED_DEPTHS_M,
  roadClosed,
  roadDamageFraction,
  roadSpeedFactor,
  type JonkmanConditions,
  type JonkmanZone,
  type Occupancy,
  type VehicleClass,
} from './consequences.js';

import type { Simulation } from '../../engine/kernel/index.js';
import type { ParameterDist } from '../schema/parameters.js';

/**
 * Every parameter the models read, with its default and where the default comes from. A scenario may
 * declare any of them as a distribution (drawn once per replication) or pin it with `dist: fixed`.
 * docs/parameters.md is generated from this table, so the two never disagree.
 */
export interface ParameterInfo {
  default: ParameterDist;
  unit: string;
  description: string;
  source: string;
}

const fixed = (value: number): ParameterDist => ({ dist: 'fixed', value });

export const PARAMETERS = {
  'flood.peakFactor': {
    default: fixed(1),
    unit: '-',
    description: 'multiplies every peak height above the base stage (same storm for all gauges)',
    source: 'scenario uncertainty; 1 = as recorded',
  },
  'flood.timingShiftH': {
    default: fixed(0),
    unit: 'h',
    description: 'moves every peak in time',
    source: 'scenario uncertainty',
  },
  'flood.forecastErrorSdM': {
    default: fixed(0.3),
    unit: 'm',
    description: 'sd of the forecast bias drawn once per replication and gauge',
    source: 'estimate: 2020 morning forecast 344.5 m vs a record peak (leshan.md section 3)',
  },
  'flood.injuryToDeathRatio': {
    default: fixed(10),
    unit: '-',
    description: 'injuries per death in water left at home (Jonkman gives mortality only)',
    source: 'estimate',
  },
  'roads.detectionDelayMin': {
    default: { dist: 'triangular', min: 10, mode: 30, max: 90 },
    unit: 'min',
    description: 'from a road flooding to the closure being known to routing',
    source: 'operations.md 2.2 (information delay), values estimated',
  },
  'warning.reachFactor': {
    default: fixed(1),
    unit: '-',
    description: 'multiplies every channel reach ceiling (capped at 1)',
    source: 'scenario uncertainty',
  },
  'evacuation.compliance': {
    default: { dist: 'beta', mean: 0.85, sd: 0.05 },
    unit: 'share',
    description: 'share of the warned population of an ordered zone that evacuates',
    source: 'operations.md 2.3: mandatory order 0.8-0.95',
  },
  'evacuation.shadow': {
    default: { dist: 'uniform', min: 0.02, max: 0.08 },
    unit: 'share',
    description: 'share of the warned population of a zone NOT ordered that leaves anyway',
    source: 'operations.md 2.3 gives 0.1-0.3 for hurricanes; lower for a river flood with clear zone orders (estimate)',
  },
  'evacuation.halfTimeH': {
    default: { dist: 'triangular', min: 1, mode: 2, max: 3 },
    unit: 'h',
    description: 'logistic mobilisation curve: time after the order by which half of the evacuees have left',
    source: 'operations.md 2.3: slow river flood H = 1-3 h',
  },
  'evacuation.slopePerH': {
    default: { dist: 'uniform', min: 1.5, max: 3 },
    unit: '1/h',
    description: 'logistic mobilisation curve slope',
    source: 'operations.md 2.3: alpha = 1.5-3 per hour',
  },
  'evacuation.personsPerVehicle': {
    default: fixed(3),
    unit: 'persons',
    description: 'evacuees per vehicle on the road (cars, buses and walkers folded into one equivalent)',
    source: 'estimate',
  },
  'dispatch.turnoutMin': {
    default: { dist: 'triangular', min: 2, mode: 5, max: 15 },
    unit: 'min',
    description: 'from dispatch to a team leaving its base (on duty)',
    source: 'operations.md 2.1: NFPA 1710 turnout 60-80 s, longer for boat teams loading trailers (estimate)',
  },
  'dispatch.callOutMin': {
    default: { dist: 'triangular', min: 30, mode: 60, max: 120 },
    unit: 'min',
    description: 'extra delay for a team that was never mobilised (off duty)',
    source: 'estimate',
  },
  'rescue.personsPerBoatTrip': {
    default: { dist: 'triangular', min: 4, mode: 6, max: 10 },
    unit: 'persons',
    description: 'people a rescue boat carries per trip',
    source: 'leshan.md 3: 700 people in 150 trips of 25 boats (4.7 per trip); the largest boat carried 130',
  },
  'rescue.boatTripMin': {
    default: { dist: 'triangular', min: 15, mode: 25, max: 40 },
    unit: 'min',
    description: 'round trip of a rescue boat, loading included',
    source: 'leshan.md 3: 150 trips of 25 boats in about 5 h (about 50 min per boat per trip, two crossings); estimate',
  },
  'relief.kitsPerPersonDay': {
    default: fixed(1),
    unit: 'kits',
    description: 'water and food kits a sheltered person needs per day (one case of water + one ration box)',
    source: 'operations.md 2.4 (Sphere 7.5-15 L/day; ration 2,100 kcal)',
  },
  'relief.truckKits': {
    default: fixed(2000),
    unit: 'kits',
    description: 'kits one delivery run carries (a few trucks)',
    source: 'estimate',
  },
  'relief.loadMin': {
    default: { dist: 'triangular', min: 30, mode: 60, max: 120 },
    unit: 'min',
    description: 'loading time at a reserve before a delivery run',
    source: 'estimate',
  },
  'relief.resupplyLeadH': {
    default: { dist: 'triangular', min: 12, mode: 24, max: 48 },
    unit: 'h',
    description: 'from the city releasing its stock (and asking the province) to resupply reaching the city reserve',
    source: 'operations.md 2.4: province to city 12-48 h; agreement suppliers 24-72 h',
  },
  'relief.resupplyKitsPerDay': {
    default: fixed(250000),
    unit: 'kits/day',
    description: 'kits per day reaching the city reserve once resupply flows (provincial reserves and agreement suppliers)',
    source: 'estimate: a 2020-scale sheltered population (about 200,000 people) with some margin; a parameter to stress',
  },
  'loss.householdValueYuan': {
    default: fixed(150000),
    unit: 'yuan',
    description: 'building and contents value per household exposed to depth-damage',
    source: 'estimate for the economic-loss proxy',
  },
} as const satisfies Record<string, ParameterInfo>;

export type ParameterName = keyof typeof PARAMETERS;

export function isParameterName(name: string): name is ParameterName {
  return Object.prototype.hasOwnProperty.call(PARAMETERS, name);
}

/** Values of every parameter for one replication. */
export type ParameterValues = Readonly<Record<ParameterName, number>>;

/** Draw one value of a declared distribution from the simulation's stream for that parameter. */
export function drawParameter(sim: Simulation, name: string, dist: ParameterDist): number {
  if (dist.dist === 'fixed') return dist.value;
  const s = sim.stream(`param.${name}`);
  switch (dist.dist) {
    case 'uniform':
      return s.uniform(dist.min, dist.max);
    case 'triangular':
      return s.triangular(dist.min, dist.mode, dist.max);
    case 'normal': {
      // Truncation by resampling: bounded tries keep it total even for a badly placed window.
      for (let i = 0; i < 1000; i++) {
        const x = s.normal(dist.mean, dist.sd);
        if ((dist.min === undefined || x >= dist.min) && (dist.max === undefined || x <= dist.max)) return x;
      }
      return Math.min(dist.max ?? Infinity, Math.max(dist.min ?? -Infinity, dist.mean));
    }
    case 'lognormal':
      return dist.sd === 0 ? dist.mean : s.lognormal(dist.mean, dist.sd);
    case 'beta':
      return s.betaMeanSd(dist.mean, dist.sd);
  }
}

/**
 * Sample all parameters for one replication. Declared ones override defaults; `overrides` (sweeps,
 * screening) pin values. Each parameter has its own stream, so adding one leaves the others' draws alone.
 */
export function sampleParameters(
  sim: Simulation,
  declared: Readonly<Record<string, ParameterDist>> = {},
  overrides: Readonly<Record<string, number>> = {},
): ParameterValues {
  const values = {} as Record<ParameterName, number>;
  for (const name of Object.keys(PARAMETERS) as ParameterName[]) {
    const override = overrides[name];
    values[name] = override !== undefined ? override : drawParameter(sim, name, declared[name] ?? PARAMETERS[name].default);
  }
  return values;
}

/** The range a parameter spans (for screening): bounds where declared, else the 5-95 % range. */
export function parameterRange(dist: ParameterDist): [number, number] {
  switch (dist.dist) {
    case 'fixed':
      return [dist.value, dist.value];
    case 'uniform':
    case 'triangular':
      return [dist.min, dist.max];
    case 'normal':
      return [Math.max(dist.min ?? -Infinity, dist.mean - 1.645 * dist.sd), Math.min(dist.max ?? Infinity, dist.mean + 1.645 * dist.sd)];
    case 'lognormal':
    case 'beta':
      return [Math.max(0, dist.mean - 1.645 * dist.sd), dist.mean + 1.645 * dist.sd];
  }
}

import { fixed, type ParameterInfo } from '../../scenario/parameter-info.js';

/** The flood's rows of the parameter table (docs/parameters.md). */
export const FLOOD_PARAMETERS = {
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
    source: 'estimate: 2020 morning forecast 344.5 m vs a record peak (docs/models/flood.md section 5)',
  },
  'flood.injuryToDeathRatio': {
    default: fixed(10),
    unit: '-',
    description: 'injuries per death in water left at home (Jonkman gives mortality only)',
    source: 'estimate',
  },
  'loss.householdValueYuan': {
    default: fixed(150000),
    unit: 'yuan',
    description: 'building and contents value per household exposed to depth-damage',
    source: 'estimate for the economic-loss proxy',
  },
} as const satisfies Record<string, ParameterInfo>;

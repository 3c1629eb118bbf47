/** The rows of the parameter table this response module reads (docs/parameters.md). */
import { fixed, type ParameterInfo } from '../scenario/parameter-info.js';

export const EVACUATION_PARAMETERS = {
  'evacuation.compliance': {
    default: { dist: 'beta', mean: 0.85, sd: 0.05 },
    unit: 'share',
    description: 'share of the warned population of an ordered zone that evacuates',
    source: 'docs/models/response.md section 5: mandatory order 0.8-0.95',
    zonal: true,
  },
  'evacuation.shadow': {
    default: { dist: 'uniform', min: 0.02, max: 0.08 },
    unit: 'share',
    description: 'share of the warned population of a zone NOT ordered that leaves anyway',
    source: 'docs/models/response.md section 5 gives 0.1-0.3 for hurricanes; lower for a river flood with clear zone orders (estimate)',
    zonal: true,
  },
  'evacuation.halfTimeH': {
    default: { dist: 'triangular', min: 1, mode: 2, max: 3 },
    unit: 'h',
    description: 'logistic mobilisation curve: time after the order by which half of the evacuees have left',
    source: 'docs/models/response.md section 5: slow river flood H = 1-3 h',
  },
  'evacuation.slopePerH': {
    default: { dist: 'uniform', min: 1.5, max: 3 },
    unit: '1/h',
    description: 'logistic mobilisation curve slope',
    source: 'docs/models/response.md section 5: alpha = 1.5-3 per hour',
  },
  'evacuation.personsPerVehicle': {
    default: fixed(3),
    unit: 'persons',
    description: 'evacuees per vehicle on the road (cars, buses and walkers folded into one equivalent)',
    source: 'estimate',
  },
} as const satisfies Record<string, ParameterInfo>;

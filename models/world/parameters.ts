/** The world's own rows of the parameter table (docs/parameters.md). */
import type { ParameterInfo } from '../scenario/parameter-info.js';

export const WORLD_PARAMETERS = {
  'roads.detectionDelayMin': {
    default: { dist: 'triangular', min: 10, mode: 30, max: 90 },
    unit: 'min',
    description: 'from a road flooding to the closure being known to routing',
    source: 'docs/models/response.md section 4 (information delay), values estimated',
  },
} as const satisfies Record<string, ParameterInfo>;

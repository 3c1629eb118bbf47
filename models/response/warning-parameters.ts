/** The rows of the parameter table this response module reads (docs/parameters.md). */
import { fixed, type ParameterInfo } from '../scenario/parameter-info.js';

export const WARNING_PARAMETERS = {
  'warning.reachFactor': {
    default: fixed(1),
    unit: '-',
    description: 'multiplies every channel reach ceiling (capped at 1)',
    source: 'scenario uncertainty',
  },
} as const satisfies Record<string, ParameterInfo>;

/** The rows of the parameter table this response module reads (docs/parameters.md). */
import type { ParameterInfo } from '../scenario/parameter-info.js';

export const DISPATCH_PARAMETERS = {
  'dispatch.turnoutMin': {
    default: { dist: 'triangular', min: 2, mode: 5, max: 15 },
    unit: 'min',
    description: 'from dispatch to a team leaving its base (on duty)',
    source: 'docs/models/response.md section 7: NFPA 1710 turnout 60-80 s, longer for boat teams loading trailers (estimate)',
  },
  'dispatch.callOutMin': {
    default: { dist: 'triangular', min: 30, mode: 60, max: 120 },
    unit: 'min',
    description: 'extra delay for a team that was never mobilised (off duty)',
    source: 'estimate',
  },
} as const satisfies Record<string, ParameterInfo>;

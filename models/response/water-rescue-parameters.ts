/** The rows of the parameter table this response module reads (docs/parameters.md). */
import type { ParameterInfo } from '../scenario/parameter-info.js';

export const WATER_RESCUE_PARAMETERS = {
  'rescue.personsPerBoatTrip': {
    default: { dist: 'triangular', min: 4, mode: 6, max: 10 },
    unit: 'persons',
    description: 'people a rescue boat carries per trip',
    source: 'Fengzhou, 18 Aug 2020 (Sichuan Release; Xinhua; docs/models/response.md section 1): 700 people in 150 trips of 25 boats (4.7 per trip); the largest boat carried 130',
  },
  'rescue.boatTripMin': {
    default: { dist: 'triangular', min: 15, mode: 25, max: 40 },
    unit: 'min',
    description: 'round trip of a rescue boat, loading included',
    source: 'Fengzhou, 18 Aug 2020 (Sichuan Release; Xinhua; docs/models/response.md section 1): 150 trips of 25 boats in about 5 h (about 50 min per boat per trip, two crossings); estimate',
  },
} as const satisfies Record<string, ParameterInfo>;

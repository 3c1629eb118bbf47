/** The rows of the parameter table the shelters read (docs/parameters.md). */
import type { ParameterInfo } from '../scenario/parameter-info.js';

export const SHELTER_PARAMETERS = {
  'shelters.openingH': {
    default: { dist: 'triangular', min: 1, mode: 2, max: 4 },
    unit: 'h',
    description: 'from the order to open a shelter (or its ad hoc opening) to its places being ready: keys, staff, registration desk, bedding areas laid out; people who arrive earlier wait without a place',
    source:
      'estimate (docs/models/response.md section 6): a school or gymnasium opened by township staff and volunteers called in by phone; no published opening time was found',
    domain: { min: 0 },
  },
  'shelters.returnAfterDryH': {
    default: { dist: 'triangular', min: 36, mode: 48, max: 72 },
    unit: 'h',
    description:
      'how long a zone and every other zone of its county must stay free of the hazard before its displaced people go home (and those who stayed stop needing relief)',
    source:
      'estimate (docs/models/response.md section 6): after the water recedes, homes are checked for safety, mud cleared and power restored before people are let back, about two days; never under a day and a half, since a second flood wave can follow a first within little more than a day (17 and 18 August 2020: sending people home between them would have put them back in the water)',
    domain: { min: 0 },
  },
} as const satisfies Record<string, ParameterInfo>;

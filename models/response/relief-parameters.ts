/** The rows of the parameter table this response module reads (docs/parameters.md). */
import { fixed, type ParameterInfo } from '../scenario/parameter-info.js';

export const RELIEF_PARAMETERS = {
  'relief.kitsPerPersonDay': {
    default: fixed(1),
    unit: 'kits',
    description: 'water and food kits a sheltered person needs per day (one case of water + one ration box)',
    source: 'docs/models/response.md section 8 (Sphere 7.5-15 L/day; ration 2,100 kcal)',
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
    source: 'docs/models/response.md section 8: province to city 12-48 h; agreement suppliers 24-72 h',
  },
  'relief.resupplyKitsPerDay': {
    default: fixed(250000),
    unit: 'kits/day',
    description: 'kits per day reaching the city reserve once resupply flows (provincial reserves and agreement suppliers)',
    source: 'estimate: a 2020-scale sheltered population (about 200,000 people) with some margin; a parameter to stress',
  },
} as const satisfies Record<string, ParameterInfo>;

import { fixed, type ParameterInfo } from '../../scenario/parameter-info.js';

/** The earthquake's rows of the parameter table (docs/parameters.md; docs/models/earthquake.md). */
export const EARTHQUAKE_PARAMETERS = {
  'earthquake.intensityShift': {
    default: { dist: 'normal', mean: 0, sd: 0.3 },
    unit: 'degree',
    description: 'between-event shift added to every site intensity of a replication (all shocks)',
    source:
      'estimate: part of the 0.66-degree residual of the Qinghai-Tibet relation (Yu, Li & Xiao 2013) is common to the sites of one event; Wenchuan and Lushan in Leshan were within ±1 degree of the relation (docs/models/earthquake.md section 1)',
    domain: { min: -2, max: 2 },
  },
  'earthquake.fragilityMedianFactor': {
    default: { dist: 'fixed', value: 1.7 },
    unit: '-',
    description: 'multiplies every Hazus fragility median (PGA): above 1 the stock is stronger than the Hazus classes it is mapped on',
    source:
      'fitted to the deaths in Leshan of Wenchuan 2008 (9) and Lushan 2013 (1) (Leshan earthquake record): 40 replications each give 30 / 2.5 at 1.4, 11 / 0.7 at 1.7, 5 / 0.15 at 2.0; injuries held out (docs/models/earthquake.md section 8)',
    domain: { min: 0.2, max: 5 },
  },
  'earthquake.indoorShareNight': {
    default: fixed(0.95),
    unit: 'share',
    description: 'share of residents indoors between 22:00 and 06:00 local time',
    source: 'estimate after the Hazus-MH time-of-day occupancy (night: nearly everyone at home indoors)',
    domain: { min: 0, max: 1 },
  },
  'earthquake.indoorShareDay': {
    default: fixed(0.6),
    unit: 'share',
    description: 'share of residents indoors (homes, schools, workplaces of the same zone) between 06:00 and 22:00',
    source: 'estimate after the Hazus-MH time-of-day occupancy (day: part of the population outdoors or travelling)',
    domain: { min: 0, max: 1 },
  },
  'earthquake.trappedUninjuredShare': {
    default: fixed(0.5),
    unit: 'share',
    description: 'share of the occupants of a collapsed building with no or light injury who cannot get out by themselves',
    source: 'estimate: Hazus severity 2-3 of collapse are trapped; of the rest half are pinned by debris',
    domain: { min: 0, max: 1 },
  },
  'earthquake.aftershockA': {
    default: { dist: 'normal', mean: -2.42, sd: 0.63 },
    unit: '-',
    description: 'Reasenberg-Jones productivity a of the sequence (drawn once per replication)',
    source: 'Page et al. (2016) BSSA 106:2290, active shallow continental (ANSR-SHALCON), mean -2.42, between-sequence sd 0.63 (opensha-oaf GenericRJ_ParametersFetch.json)',
    domain: { min: -6, max: 1 },
  },
  'earthquake.slopeFactorOfSafety': {
    default: { dist: 'triangular', min: 1.1, mode: 1.3, max: 1.6 },
    unit: '-',
    description: 'static factor of safety of the road-side slopes (the critical acceleration follows from it and the slope)',
    source: 'estimate: cut slopes of mountain roads in the Dadu and Mabian valleys stand at a factor of safety of 1.1-1.6 (Jibson et al. 2000 use 1.0-3.0 by lithology)',
    domain: { min: 1, max: 5 },
  },
  'earthquake.bridgeInspectionH': {
    default: { dist: 'triangular', min: 2, mode: 4, max: 12 },
    unit: 'h',
    description: 'a bridge shaken to VII or more is closed for a safety inspection this long (unless damaged)',
    source: 'estimate: highway authorities close and inspect bridges in the strongly shaken area before reopening them (应急排查)',
    domain: { min: 0 },
  },
  'earthquake.landslideVolumeM3': {
    default: { dist: 'triangular', min: 500, mode: 3000, max: 20000 },
    unit: 'm3',
    description: 'debris volume on the road of one landslide that blocks it',
    source: 'estimate: rockfalls and slides that close a mountain road (G245 Dadu canyon) are hundreds to tens of thousands of cubic metres',
    domain: { min: 1 },
  },
} as const satisfies Record<string, ParameterInfo>;

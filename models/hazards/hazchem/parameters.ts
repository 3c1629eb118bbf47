import { fixed, type ParameterInfo } from '../../scenario/parameter-info.js';

/**
 * The chemical release's rows of the parameter table (docs/parameters.md). Weather is drawn per replication;
 * the defaults are broad, a scenario narrows them to its season and hour. Values marked "estimate" carry
 * their reasoning in docs/models/hazchem.md section 7.
 */
export const HAZCHEM_PARAMETERS = {
  'hazchem.windSpeed10mMs': {
    default: { dist: 'triangular', min: 0.5, mode: 1.5, max: 5 },
    unit: 'm/s',
    description: 'wind speed at 10 m during the release (held for the whole release)',
    source: 'estimate: Leshan has light winds, annual mean about 1.4 m/s (China Meteorological Administration station normals)',
    domain: { min: 0.1, max: 30 },
  },
  'hazchem.windFromDeg': {
    default: { dist: 'uniform', min: 0, max: 360 },
    unit: 'deg',
    description: 'direction the wind blows from, clockwise from north',
    source: 'scenario uncertainty; narrow it to the valley axis for drainage nights',
    domain: { min: 0, max: 360 },
  },
  'hazchem.cloudOctas': {
    default: { dist: 'uniform', min: 0, max: 8 },
    unit: 'octas',
    description: "cloud cover (picks the stability class with the sun's altitude, Turner's key)",
    source: 'scenario uncertainty',
    domain: { min: 0, max: 8 },
  },
  'hazchem.startShiftMin': {
    default: fixed(0),
    unit: 'min',
    description: 'moves a timed release (and so its time of day and stability)',
    source: 'scenario uncertainty',
    domain: { min: -1440, max: 1440 },
  },
  'hazchem.zoneWidthM': {
    default: fixed(1500),
    unit: 'm',
    description: "crosswind width over which a zone's people are spread: the plume is averaged over it (0 = the zone's centre point)",
    source: "estimate: the region's township and riverside zones are schematic points for built-up areas about 1-2 km across",
    domain: { min: 0, max: 20000 },
  },
  'hazchem.airExchangePerH': {
    default: { dist: 'triangular', min: 0.5, mode: 1.5, max: 3 },
    unit: '1/h',
    zonal: true,
    description: 'air changes per hour of homes as they are used (windows as usual)',
    source: 'estimate: 0.5-1.5 /h typical residential, > 2 /h leaky or open (ALOHA technical documentation, Jones et al. 2013 NOAA TM NOS OR&R 43); Leshan rural housing is often open and leaky',
    domain: { min: 0, max: 20 },
  },
  'hazchem.shelterAirExchangeFactor': {
    default: { dist: 'triangular', min: 0.2, mode: 0.35, max: 0.6 },
    unit: '-',
    description: 'air exchange when sheltering in place (windows and doors shut, fans off), as a share of the usual',
    source: 'estimate: shutting windows and ventilation cuts infiltration by about half to three quarters (Sherman & Chan 2006, LBNL-59893)',
    domain: { min: 0, max: 1 },
  },
  'hazchem.outdoorShare': {
    default: fixed(0.1),
    unit: 'share',
    description: 'share of the people outdoors while the cloud passes (by day; a tenth of it at night)',
    source: 'estimate',
    domain: { min: 0, max: 1 },
  },
  'hazchem.compliance': {
    default: { dist: 'beta', mean: 0.85, sd: 0.05 },
    unit: 'share',
    zonal: true,
    description: 'share of the warned people who follow a shelter or evacuation order',
    source: 'estimate',
    domain: { min: 0, max: 1 },
  },
  'hazchem.evacuationExposureMin': {
    default: { dist: 'triangular', min: 10, mode: 20, max: 45 },
    unit: 'min',
    zonal: true,
    description: 'time an evacuee spends outdoors in the zone (getting ready, leaving on foot or by road) before being out of it',
    source: 'estimate',
    domain: { min: 0 },
  },
  'hazchem.donMin': {
    default: { dist: 'triangular', min: 5, mode: 10, max: 20 },
    unit: 'min',
    description: 'time to put on gas-tight suits and breathing apparatus on scene',
    source: 'estimate',
    domain: { min: 0 },
  },
  'hazchem.airWorkMin': {
    default: { dist: 'triangular', min: 15, mode: 20, max: 25 },
    unit: 'min',
    description: 'work per entry on one cylinder of a 30-min-rated breathing apparatus (time on air less entry, exit and reserve)',
    source: 'estimate: EN 137 / GB/T 18664 30-min-rated SCBA, 300 bar 6.8 L cylinders, heavy work at 60-80 L/min',
    domain: { min: 1 },
  },
  'hazchem.cylinderChangeMin': {
    default: { dist: 'triangular', min: 5, mode: 10, max: 20 },
    unit: 'min',
    description: 'time between two entries (decontaminate, change cylinders, brief)',
    source: 'estimate',
    domain: { min: 0 },
  },
  'hazchem.plugWorkMin': {
    default: { dist: 'triangular', min: 10, mode: 30, max: 90 },
    unit: 'min',
    description: 'work on the leak to stop it (close valves, plug or patch, cover a pool with foam)',
    source: 'estimate',
    domain: { min: 0 },
  },
} satisfies Record<string, ParameterInfo>;

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
    description: 'wind speed at 10 m in the first hour of the release (then it varies with persistence)',
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
  'hazchem.evacuationPrepMin': {
    default: { dist: 'triangular', min: 5, mode: 10, max: 30 },
    unit: 'min',
    zonal: true,
    description: 'time an evacuee spends getting ready at home (indoors, windows as usual) after joining the order',
    source: 'estimate',
    domain: { min: 0 },
  },
  'hazchem.evacuationBoardMin': {
    default: { dist: 'triangular', min: 2, mode: 5, max: 10 },
    unit: 'min',
    zonal: true,
    description: 'time an evacuee spends outdoors at home (loading, walking to the vehicle) before driving off',
    source: 'estimate',
    domain: { min: 0 },
  },
  'hazchem.vehicleAirExchangePerH': {
    default: { dist: 'triangular', min: 1, mode: 6, max: 30 },
    unit: '1/h',
    description: 'air changes per hour inside an evacuating vehicle (windows shut, ventilation off or on recirculation, moving)',
    source:
      'Ott, Klepeis & Switzer (2008) J. Expo. Sci. Environ. Epidemiol. 18:312-325: moving, windows closed, fan off or AC max, below 6.6 /h at 32-116 km/h; Knibbs, de Dear & Atkinson (2009) Indoor Air 19:303-313: all entry paths closed, 1 (new car) to 33 (1989 car) /h at 60 km/h. Mode: an estimate for a mixed, older rural fleet',
    domain: { min: 0, max: 200 },
  },
  'hazchem.windDirChangeSdDeg': {
    default: fixed(20),
    unit: 'deg',
    description: 'standard deviation of the hourly change of wind direction during a release (a random walk from the first hour\'s)',
    source: 'estimate: light valley winds meander; 0 holds the direction for the whole release',
    domain: { min: 0, max: 180 },
  },
  'hazchem.windSpeedSdLog': {
    default: fixed(0.3),
    unit: '-',
    description: 'standard deviation of log wind speed about the first hour\'s, hour to hour (stationary AR(1))',
    source: 'estimate; 0 holds the speed',
    domain: { min: 0, max: 2 },
  },
  'hazchem.windSpeedPersistence': {
    default: fixed(0.8),
    unit: '-',
    description: 'lag-1 (hourly) autocorrelation of log wind speed',
    source: 'estimate: hourly wind speed is strongly persistent (autoregressive models of hourly speed, Brown, Katz & Murphy 1984, J. Clim. Appl. Meteorol. 23:1184-1195)',
    domain: { min: 0, max: 1 },
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

import { fixed, type ParameterInfo } from '../../scenario/parameter-info.js';

/**
 * The forest fire's rows of the parameter table (docs/parameters.md). The weather is drawn once per
 * replication and follows a diurnal cycle (docs/models/wildfire.md section 4): wind and dryness peak at
 * 15:00 and are lowest before dawn.
 */
export const WILDFIRE_PARAMETERS = {
  'wildfire.windKmh': {
    default: fixed(15),
    unit: 'km/h',
    description: '20-ft (6.1 m) wind speed in the afternoon (15:00), the day maximum',
    source: 'scenario input; a 10-m forecast wind is about 1.15 times the 20-ft wind (Lawson & Armitage 2008)',
    domain: { min: 0, max: 150 },
  },
  'wildfire.windFromDeg': {
    default: fixed(225),
    unit: 'deg',
    description: 'direction the wind blows from, clockwise from north',
    source: 'scenario input',
    domain: { min: 0, max: 360 },
  },
  'wildfire.nightWindFactor': {
    default: fixed(0.4),
    unit: '-',
    description: 'pre-dawn wind speed over the afternoon maximum',
    source: 'estimate: mountain valley winds weaken to about half or less at night',
    domain: { min: 0, max: 1 },
  },
  'wildfire.oneHourMinPercent': {
    default: fixed(7),
    unit: '%',
    description: '1-h dead fuel moisture in the afternoon; 10-h and 100-h are 1 and 2 points higher (Scott & Burgan 2005 moisture scenarios)',
    source: 'scenario input; Leshan dry season (December-April) afternoons estimated at 6-9 %',
    domain: { min: 2, max: 40 },
  },
  'wildfire.oneHourMaxPercent': {
    default: fixed(14),
    unit: '%',
    description: '1-h dead fuel moisture before dawn',
    source: 'estimate: night recovery under humid subtropical air',
    domain: { min: 2, max: 40 },
  },
  'wildfire.liveHerbaceousPercent': {
    default: fixed(60),
    unit: '%',
    description: 'live herbaceous moisture (below 120 % part of the herb is cured)',
    source: 'Scott & Burgan 2005 moisture scenario L2 (60 % herb, 90 % woody), late dry season',
    domain: { min: 30, max: 300 },
  },
  'wildfire.liveWoodyPercent': {
    default: fixed(90),
    unit: '%',
    description: 'live woody moisture',
    source: 'Scott & Burgan 2005 moisture scenario L2',
    domain: { min: 30, max: 300 },
  },
  'wildfire.detectionCameraMin': {
    default: fixed(8),
    unit: 'min',
    description: 'median delay from ignition to report where a camera watches the area',
    source: 'estimate: smoke detection by tower cameras within minutes of a visible column',
    domain: { min: 0 },
  },
  'wildfire.detectionDroneMin': {
    default: fixed(25),
    unit: 'min',
    description: 'median delay from ignition to report where drones patrol (no camera)',
    source: 'estimate: patrol revisit time about an hour over a township',
    domain: { min: 0 },
  },
  'wildfire.detectionPublicMin': {
    default: fixed(50),
    unit: 'min',
    description: 'median delay from ignition to report by the public or forest rangers alone',
    source: 'estimate: reports by villagers and rangers in remote mountain terrain',
    domain: { min: 0 },
  },
  'wildfire.detectionSpread': {
    default: fixed(0.5),
    unit: '-',
    description: 'lognormal sigma of the detection delay (one standard normal per replication for all detection means)',
    source: 'estimate',
    domain: { min: 0 },
  },
  'wildfire.turnoutMin': {
    default: fixed(10),
    unit: 'min',
    description: 'time from a brigade reaching the road end to leaving it on foot with its tools',
    source: 'estimate',
    domain: { min: 0 },
  },
  'wildfire.hikeKmh': {
    default: fixed(2),
    unit: 'km/h',
    description: 'walking speed of a brigade with tools from the road end to the fire, in steep forest',
    source: 'estimate: 2-3 km/h on mountain trails with loads',
    domain: { min: 0, exclusive: true },
  },
  'wildfire.trailFactor': {
    default: fixed(1.4),
    unit: '-',
    description: 'walking distance over the straight line from the road end to the fire',
    source: 'estimate: winding trails',
    domain: { min: 1 },
  },
  'wildfire.shiftH': {
    default: fixed(10),
    unit: 'h',
    description: 'how long a brigade builds line before it must be relieved',
    source: 'estimate',
    domain: { min: 0, exclusive: true },
  },
  'wildfire.villageReachM': {
    default: fixed(500),
    unit: 'm',
    description: "a zone is reached when the fire front comes this close to its seat (the seat's own cells are town and farmland, which do not burn)",
    source: 'estimate: the edge of a township seat and its houses',
    domain: { min: 0, max: 5000 },
  },
  'wildfire.roadClosureH': {
    default: fixed(3),
    unit: 'h',
    description: 'how long a road stays closed after the fire front crosses it (smoke, falling trees)',
    source: 'estimate',
    domain: { min: 0 },
  },
} as const satisfies Readonly<Record<string, ParameterInfo>>;

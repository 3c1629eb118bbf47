/**
 * The weather of a replication's releases, changing as they run (docs/models/hazchem.md section 8.1): hourly
 * steps from the first release's start, the first step the parameters' draw, then the wind direction a random
 * walk and the log wind speed a first-order autoregression around the first hour's (persistence); the cloud is
 * held. Each step's stability class comes from Turner's key at the sun's altitude of that hour, so the class
 * turns from F to D or C at sunrise and back at sunset. Pure: the caller gives the draws.
 */
import { defaultMixingHeight } from './dispersion.js';
import { netRadiationIndex, solarAltitudeDeg, turnerClass, windAt, type StabilityClass, type Terrain } from './stability.js';

/** Length of a weather step, minutes (hourly observations). */
export const WEATHER_STEP_MIN = 60;

/** One hour's weather. */
export interface WeatherStep {
  /** Start of the step, minutes from the scenario start. */
  fromMin: number;
  u10: number;
  /** Wind the cloud moves with, m/s (at 10 m at least: section 2). */
  u: number;
  fromDeg: number;
  cloudOctas: number;
  stability: StabilityClass;
  night: boolean;
  mixingHeightM: number;
  /** Unit vector the wind blows towards (east, north). */
  ex: number;
  ey: number;
}

/** What the series needs of the site and the replication. */
export interface WeatherInputs {
  startMin: number;
  horizonMin: number;
  /** Local clock minute of day at the scenario start, and the start's ISO date (for the day of the year). */
  startLocalMinuteOfDay: number;
  startIso: string;
  lat: number;
  lon: number;
  releaseHeightM: number;
  terrain: Terrain;
  mixingHeightM: number | null;
  /** The first hour, as drawn from the parameters. */
  u10: number;
  fromDeg: number;
  cloudOctas: number;
  /** Standard deviation of the hourly change of direction, deg; of log wind speed, and the hourly lag-1 correlation. */
  dirSdDeg: number;
  speedSdLog: number;
  speedPersistence: number;
}

/** Lowest wind speed at 10 m a step may take: below it the Gaussian model does not hold at all. */
const MIN_U10 = 0.3;

/**
 * The steps from `startMin` to the horizon. `normal()` gives standard normal draws (two per step after the
 * first, always two, so the sequence of one replication does not depend on the parameters' values).
 */
export function weatherSeries(inp: WeatherInputs, normal: () => number): WeatherStep[] {
  const steps: WeatherStep[] = [];
  const mean = Math.log(Math.max(MIN_U10, inp.u10));
  let logU = mean;
  let dir = inp.fromDeg;
  const phi = Math.min(1, Math.max(0, inp.speedPersistence));
  for (let t = inp.startMin, k = 0; k === 0 || t < inp.horizonMin; t += WEATHER_STEP_MIN, k++) {
    if (k > 0) {
      const a = normal();
      const b = normal();
      dir = (((dir + inp.dirSdDeg * a) % 360) + 360) % 360;
      logU = mean + phi * (logU - mean) + Math.sqrt(1 - phi * phi) * inp.speedSdLog * b;
    }
    steps.push(stepAt(inp, t, k === 0 ? inp.u10 : Math.max(MIN_U10, Math.exp(logU)), dir));
  }
  return steps;
}

/** One step's derived weather: Turner's class at the hour's solar altitude (at the step's middle). */
export function stepAt(inp: WeatherInputs, t: number, u10: number, fromDeg: number): WeatherStep {
  const mid = t + WEATHER_STEP_MIN / 2;
  const localMin = (((inp.startLocalMinuteOfDay + mid) % 1440) + 1440) % 1440;
  // Local clock time at Leshan (UTC+8, 120 E) to local solar time: 4 min per degree of longitude.
  const solarHour = localMin / 60 + (inp.lon - 120) / 15;
  const altitude = solarAltitudeDeg(inp.lat, dayOfYear(inp.startIso, mid), solarHour);
  const cls = turnerClass(u10, netRadiationIndex(altitude, (inp.cloudOctas * 10) / 8, true));
  // The cloud of a ground release is tens of metres deep within a few hundred metres: it moves and dilutes
  // with the wind at 10 m at least (section 2); elevated releases use the power law to their height.
  const u = windAt(u10, 10, Math.max(10, inp.releaseHeightM), cls, inp.terrain);
  const toRad = Math.PI / 180;
  return {
    fromMin: t,
    u10,
    u,
    fromDeg,
    cloudOctas: inp.cloudOctas,
    stability: cls,
    night: altitude <= 0,
    mixingHeightM: inp.mixingHeightM ?? defaultMixingHeight(u10, cls, inp.lat),
    ex: -Math.sin(fromDeg * toRad),
    ey: -Math.cos(fromDeg * toRad),
  };
}

/** The step in effect at t (the first before the series starts, the last after it ends). */
export function stepIndexAt(steps: readonly WeatherStep[], t: number): number {
  if (steps.length === 0) return -1;
  const k = Math.floor((t - steps[0]!.fromMin) / WEATHER_STEP_MIN);
  return Math.min(steps.length - 1, Math.max(0, k));
}

/** Day of the year (1..366) of the instant t minutes after an ISO start (its local date). */
export function dayOfYear(startIso: string, t: number): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(startIso);
  if (m === null) return 172;
  const start = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  const jan1 = Date.UTC(Number(m[1]), 0, 1);
  return Math.floor((start - jan1) / 86_400_000 + t / 1440) + 1;
}

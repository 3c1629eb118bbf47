/** The earthquake's calculator models (`drillsim calc`, models/calc). */
import { Type } from '@sinclair/typebox';
import { calcModel, type CalcModel } from '../../calc/types.js';
import { expectedAftershocks, SICHUAN_RJ } from './aftershocks.js';
import { ATTENUATION, epicentralIntensity, siteIntensity } from './attenuation.js';
import { pagerFatalityRate } from './casualties.js';
import { instrumentalIntensity, pgaFromIntensity, pgvFromIntensity } from './instrumental.js';

const instrumental = calcModel({
  name: 'instrumental-intensity',
  description: 'instrumental intensity on the Chinese scale from peak ground acceleration and velocity',
  source: 'GB/T 17742-2020 The Chinese seismic intensity scale, Appendix A',
  input: Type.Object(
    {
      pgaMs2: Type.Number({ exclusiveMinimum: 0, maximum: 100, description: 'peak ground acceleration, m/s²' }),
      pgvMs: Type.Number({ exclusiveMinimum: 0, maximum: 20, description: 'peak ground velocity, m/s' }),
    },
    { additionalProperties: false },
  ),
  example: { pgaMs2: 1.0, pgvMs: 0.1 },
  compute: (input) => ({ intensity: instrumentalIntensity(input.pgaMs2, input.pgvMs) }),
});

const Point = (what: string) =>
  Type.Object(
    {
      lat: Type.Number({ minimum: -90, maximum: 90, description: `latitude of the ${what}, degrees` }),
      lon: Type.Number({ minimum: -180, maximum: 180, description: `longitude of the ${what}, degrees` }),
    },
    { additionalProperties: false },
  );

const quakeIntensity = calcModel({
  name: 'quake-intensity',
  description: 'site intensity on the Chinese scale from an elliptical attenuation along the rupture strike, with PGA and PGV',
  source:
    'Yu, Li & Xiao (2013) attenuation relations of GB 18306-2015, Qinghai-Tibet area (docs/models/earthquake.md section 1); PGA and PGV by inverting GB/T 17742-2020 Appendix A at the site intensity',
  input: Type.Object(
    {
      epicentre: Point('epicentre'),
      magnitude: Type.Number({ minimum: 4, maximum: 8.5, description: 'surface-wave magnitude Ms' }),
      depthKm: Type.Number({ minimum: 0, maximum: 700, description: 'focal depth, km (reported only: the relation is on epicentral distance)' }),
      strikeDeg: Type.Number({ minimum: 0, maximum: 360, description: 'rupture strike, degrees clockwise from north (the long axis of the isoseismals)' }),
      site: Point('site'),
    },
    { additionalProperties: false },
  ),
  example: { epicentre: { lat: 28.85, lon: 103.55 }, magnitude: 6.8, depthKm: 12, strikeDeg: 170, site: { lat: 29.55, lon: 103.76 } },
  compute: (input) => {
    const c = ATTENUATION['qinghai-tibet'];
    const source = { lat: input.epicentre.lat, lon: input.epicentre.lon, magnitude: input.magnitude, strikeDeg: input.strikeDeg };
    const intensity = siteIntensity(c, source, input.site.lat, input.site.lon);
    return {
      intensity,
      epicentralIntensity: epicentralIntensity(c, input.magnitude),
      pgaMs2: pgaFromIntensity(intensity),
      pgvMs: pgvFromIntensity(intensity),
    };
  },
});

const pager = calcModel({
  name: 'pager-fatality-rate',
  description: 'PAGER empirical fatality rate (deaths per person exposed) at a shaking intensity',
  source: 'Jaiswal, Wald & Hearne (2009), USGS OFR 2009-1136; China parameters from usgs/pager losspager/data/fatality.xml (θ 10.328811, β 0.100058)',
  input: Type.Object(
    {
      country: Type.Literal('CN', { description: 'ISO country code (China only)' }),
      mmi: Type.Number({ minimum: 1, maximum: 12, description: 'intensity (MMI; the Chinese scale is taken as equal)' }),
    },
    { additionalProperties: false },
  ),
  example: { country: 'CN', mmi: 8 },
  compute: (input) => ({ rate: pagerFatalityRate(input.country, input.mmi) }),
});

const aftershockRate = calcModel({
  name: 'aftershock-rate',
  description: 'expected number of aftershocks at or above a magnitude in a time window (Reasenberg-Jones, Sichuan parameters)',
  source: 'Reasenberg & Jones (1989); generic active shallow continental parameters of Page et al. (2016): a -2.42, b 1.0, p 0.98, c 0.018 d',
  input: Type.Object(
    {
      mainshockMagnitude: Type.Number({ minimum: 4, maximum: 9, description: 'mainshock magnitude' }),
      minMagnitude: Type.Number({ minimum: 2, maximum: 9, description: 'count aftershocks of at least this magnitude' }),
      fromDays: Type.Number({ minimum: 0, maximum: 3650, description: 'start of the window, days after the mainshock' }),
      toDays: Type.Number({ minimum: 0, maximum: 3650, description: 'end of the window, days after the mainshock' }),
    },
    { additionalProperties: false },
  ),
  example: { mainshockMagnitude: 7, minMagnitude: 5, fromDays: 0, toDays: 7 },
  check: (input, fail) => {
    if (!(input.toDays > input.fromDays)) fail('/toDays', `must be after fromDays (${input.fromDays}), got ${input.toDays}`);
  },
  compute: (input) => ({
    expectedCount: expectedAftershocks(SICHUAN_RJ, input.mainshockMagnitude, input.minMagnitude, input.fromDays, input.toDays),
  }),
});

export const EARTHQUAKE_CALC: readonly CalcModel[] = [instrumental, quakeIntensity, pager, aftershockRate];

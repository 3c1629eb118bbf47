/** The chemical-release calculator models (`drillsim calc`, models/calc); SI units throughout. */
import { Type } from '@sinclair/typebox';
import { calcModel, type CalcModel } from '../../calc/types.js';
import { briggsSigmas, plumeConcentration, puffConcentration, puffSigmas } from './dispersion.js';
import { gasHole, liquidHole } from './source.js';
import { pasquillClass, type StabilityClass } from './stability.js';
import { probitConstant } from './toxic.js';

const Stability = Type.Union(['A', 'B', 'C', 'D', 'E', 'F'].map((c) => Type.Literal(c)), { description: 'Pasquill stability class, A (very unstable) .. F (stable)' });
const Terrain = Type.Union([Type.Literal('rural'), Type.Literal('urban')], { description: 'Briggs coefficient set: open country or town' });
const num = (description: string, min: number, max: number, exclusiveMin = false) =>
  Type.Number(exclusiveMin ? { exclusiveMinimum: min, maximum: max, description } : { minimum: min, maximum: max, description });

const plume = calcModel({
  name: 'plume',
  description: 'Gaussian plume concentration of a continuous release with ground reflection and an optional mixing lid',
  source: 'Gaussian plume (Turner 1970, AP-26); Briggs (1973) sigmas as tabulated in CCPS (1999); lid by images (Beychok 1994)',
  input: Type.Object(
    {
      massRateKgS: num('release rate, kg/s', 0, 1e5, true),
      windSpeedMs: num('wind speed at the release height, m/s', 0, 50, true),
      releaseHeightM: num('effective release height, m', 0, 1000),
      xM: num('downwind distance, m (Briggs fitted on 100 m - 10 km)', 0, 1e5, true),
      yM: num('crosswind distance, m', -1e5, 1e5),
      zM: num('height above ground, m', 0, 1000),
      stability: Stability,
      terrain: Terrain,
      mixingHeightM: Type.Optional(num('height of the mixing lid, m (none if omitted)', 0, 1e4, true)),
    },
    { additionalProperties: false },
  ),
  example: { massRateKgS: 0.1, windSpeedMs: 5, releaseHeightM: 0, xM: 1000, yM: 0, zM: 0, stability: 'D', terrain: 'rural' },
  check(input, fail) {
    if (input.mixingHeightM !== undefined && input.releaseHeightM > input.mixingHeightM) fail('/releaseHeightM', 'the release must lie under the mixing lid');
    if (input.mixingHeightM !== undefined && input.zM > input.mixingHeightM) fail('/zM', 'the receptor must lie under the mixing lid');
  },
  compute(i) {
    const cls = i.stability as StabilityClass;
    const s = briggsSigmas(i.xM, cls, i.terrain);
    const c = plumeConcentration(i.massRateKgS, i.windSpeedMs, i.releaseHeightM, i.xM, i.yM, i.zM, cls, i.terrain, i.mixingHeightM ?? Infinity);
    return { concentrationKgM3: c, sigmaYM: s.y, sigmaZM: s.z };
  },
});

const puff = calcModel({
  name: 'puff',
  description: 'Gaussian puff concentration of an instantaneous release (CCPS puff sigmas, ground reflection)',
  source: 'Gaussian puff, CCPS (1999) Guidelines for Consequence Analysis of Chemical Releases, p. 101',
  input: Type.Object(
    {
      massKg: num('released mass, kg', 0, 1e7, true),
      windSpeedMs: num('wind speed, m/s', 0, 50, true),
      releaseHeightM: num('release height, m', 0, 1000),
      xM: num('downwind distance, m', -1e5, 1e5),
      yM: num('crosswind distance, m', -1e5, 1e5),
      zM: num('height above ground, m', 0, 1000),
      timeS: num('time since the release, s', 0, 1e6, true),
      stability: Stability,
    },
    { additionalProperties: false },
  ),
  example: { massKg: 1000, windSpeedMs: 2, releaseHeightM: 0, xM: 1000, yM: 0, zM: 0, timeS: 500, stability: 'F' },
  compute(i) {
    const cls = i.stability as StabilityClass;
    const s = puffSigmas(i.windSpeedMs * i.timeS, cls);
    const c = puffConcentration(i.massKg, i.windSpeedMs, i.releaseHeightM, i.xM, i.yM, i.zM, i.timeS, cls);
    return { concentrationKgM3: c, sigmaXYM: s.y, sigmaZM: s.z };
  },
});

const release = calcModel({
  name: 'release',
  description: 'release rate of a liquid or a gas through a hole (Bernoulli; choked or subsonic gas flow)',
  source: 'CCPS (1999) pp. 40, 47; Crowl & Louvar (2011) Chemical Process Safety eqs. 4-6, 4-50, 4-51',
  input: Type.Object(
    {
      kind: Type.Union([Type.Literal('liquid-hole'), Type.Literal('gas-hole')], { description: 'what leaks' }),
      dischargeCoefficient: num('discharge coefficient (0.61 sharp-edged liquid, 0.85 gas, 1 conservative)', 0, 1, true),
      holeDiameterM: num('hole diameter, m', 0, 10, true),
      liquidDensityKgM3: Type.Optional(num('liquid density, kg/m3 (liquid-hole)', 0, 25000, true)),
      gaugePressurePa: Type.Optional(num('gauge pressure above the liquid, Pa (liquid-hole)', -101325, 1e8)),
      liquidHeadM: Type.Optional(num('liquid head above the hole, m (liquid-hole)', 0, 1000)),
      molarMassKgMol: Type.Optional(num('molar mass, kg/mol (gas-hole)', 0, 1, true)),
      heatCapacityRatio: Type.Optional(num('cp/cv (gas-hole)', 1, 2, true)),
      upstreamPressurePa: Type.Optional(num('absolute upstream pressure, Pa (gas-hole)', 0, 1e9, true)),
      upstreamTemperatureK: Type.Optional(num('upstream temperature, K (gas-hole)', 0, 2000, true)),
      ambientPressurePa: Type.Optional(num('absolute ambient pressure, Pa (gas-hole)', 0, 1e9, true)),
    },
    { additionalProperties: false },
  ),
  example: { kind: 'liquid-hole', liquidDensityKgM3: 490, dischargeCoefficient: 0.63, holeDiameterM: 0.01, gaugePressurePa: 19610, liquidHeadM: 0 },
  check(i, fail) {
    const need = i.kind === 'liquid-hole' ? ['liquidDensityKgM3', 'gaugePressurePa', 'liquidHeadM'] : ['molarMassKgMol', 'heatCapacityRatio', 'upstreamPressurePa', 'upstreamTemperatureK', 'ambientPressurePa'];
    const other = i.kind === 'liquid-hole' ? ['molarMassKgMol', 'heatCapacityRatio', 'upstreamPressurePa', 'upstreamTemperatureK', 'ambientPressurePa'] : ['liquidDensityKgM3', 'gaugePressurePa', 'liquidHeadM'];
    const rec = i as Record<string, unknown>;
    for (const k of need) if (rec[k] === undefined) fail(`/${k}`, `a ${i.kind} release needs ${k}`);
    for (const k of other) if (rec[k] !== undefined) fail(`/${k}`, `${k} does not apply to a ${i.kind} release`);
  },
  compute(i) {
    if (i.kind === 'liquid-hole') return liquidHole(i.liquidDensityKgM3!, i.dischargeCoefficient, i.holeDiameterM, i.gaugePressurePa!, i.liquidHeadM!);
    return gasHole(i.molarMassKgMol!, i.heatCapacityRatio!, i.upstreamPressurePa!, i.upstreamTemperatureK!, i.dischargeCoefficient, i.holeDiameterM, i.ambientPressurePa!);
  },
});

const probit = calcModel({
  name: 'probit',
  description: 'probit and probability of an effect for a constant concentration held for a time: Y = a + b ln(C^n t)',
  source: 'Finney (1971) Probit Analysis; toxic load after ten Berge et al. (1986) J. Hazard. Mater. 13:301',
  input: Type.Object(
    {
      a: num('probit constant a (for C in ppm, t in min)', -100, 100),
      b: num('probit constant b', 0, 100, true),
      n: num('toxic-load exponent n', 0, 10, true),
      concentrationPpm: num('concentration, ppm', 0, 1e6, true),
      exposureMin: num('exposure time, min', 0, 1e5, true),
    },
    { additionalProperties: false },
  ),
  example: { a: -8.29, b: 0.92, n: 2, concentrationPpm: 100, exposureMin: 30 },
  compute: (i) => probitConstant(i, i.concentrationPpm, i.exposureMin),
});

const stability = calcModel({
  name: 'stability',
  description: "Pasquill stability class from the 10 m wind and the day's insolation or the night's cloud",
  source: 'Pasquill (1961) Meteorol. Mag. 90:33, table as served by NOAA ARL READY; overcast gives D',
  input: Type.Object(
    {
      windSpeed10mMs: num('wind speed at 10 m, m/s', 0, 60),
      period: Type.Union([Type.Literal('day'), Type.Literal('night')], { description: 'day, or night (1 h before sunset to 1 h after sunrise)' }),
      insolation: Type.Optional(Type.Union(['strong', 'moderate', 'slight', 'overcast'].map((v) => Type.Literal(v)), { description: 'by day: incoming solar radiation' })),
      cloud: Type.Optional(Type.Union([Type.Literal('clear'), Type.Literal('cloudy')], { description: 'by night: clear (at most 3/8 cloud) or cloudy (thinly overcast or at least 4/8 low cloud)' })),
    },
    { additionalProperties: false },
  ),
  example: { windSpeed10mMs: 2.5, period: 'night', cloud: 'clear' },
  check(i, fail) {
    if (i.period === 'day' && i.insolation === undefined) fail('/insolation', 'by day, give the insolation');
    if (i.period === 'day' && i.cloud !== undefined) fail('/cloud', 'cloud applies by night; by day give the insolation');
    if (i.period === 'night' && i.cloud === undefined) fail('/cloud', 'by night, give the cloud');
    if (i.period === 'night' && i.insolation !== undefined) fail('/insolation', 'insolation applies by day; by night give the cloud');
  },
  compute: (i) => ({ class: pasquillClass(i.windSpeed10mMs, i.period, i.insolation as 'strong' | undefined, i.cloud) }),
});

export const HAZCHEM_CALC: readonly CalcModel[] = [plume, puff, release, probit, stability];

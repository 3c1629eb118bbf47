/** The wildfire's calculator models (`drillsim calc`, models/calc): behave's surface fire and containment in SI units. */
import { Type, type Static } from '@sinclair/typebox';
import { calcModel, type CalcModel } from '../../calc/types.js';
import { contain } from './contain.js';
import { ellipseAfter } from './ellipse.js';
import { FUEL_MODEL_CODES, fuelModelByCode } from './fuel-models.js';
import { fuelbed, spread, windAdjustmentFactor } from './surface.js';
import {
  chainsPerHour,
  FT_PER_MIN_PER_KMH,
  HA_PER_ACRE,
  KJ_M2_PER_BTU_FT2,
  KW_M2_PER_BTU_FT2_MIN,
  KW_M_PER_BTU_FT_S,
  M2_PER_FT2,
  M_PER_CHAIN,
  M_PER_FT,
} from './units.js';

const percent = (what: string, max: number) => Type.Number({ minimum: 0, maximum: max, description: `${what}, percent` });

const surfaceInput = Type.Object(
  {
    fuelModel: Type.Union(
      FUEL_MODEL_CODES.map((c) => Type.Literal(c)),
      { description: 'standard fuel model: Scott & Burgan (GR1..SB4), Anderson (FM1..FM13) or non-burnable (NB1..NB9)' },
    ),
    moisturePercent: Type.Object(
      {
        oneHour: Type.Number({ minimum: 1, maximum: 60, description: '1-h dead fuel moisture, percent' }),
        tenHour: Type.Number({ minimum: 1, maximum: 60, description: '10-h dead fuel moisture, percent' }),
        hundredHour: Type.Number({ minimum: 1, maximum: 60, description: '100-h dead fuel moisture, percent' }),
        liveHerbaceous: Type.Number({ minimum: 1, maximum: 300, description: 'live herbaceous moisture, percent (below 30 the herb of a dynamic model is fully cured, above 120 fully green)' }),
        liveWoody: Type.Number({ minimum: 1, maximum: 300, description: 'live woody moisture, percent' }),
      },
      { additionalProperties: false, description: 'fuel moistures, percent of dry weight' },
    ),
    windSpeed20ftKmh: Type.Number({ minimum: 0, maximum: 150, description: 'wind speed 20 ft (6.1 m) above the vegetation, km/h (a 10-m wind is about 1.15 times it)' }),
    windFromDeg: Type.Number({ minimum: 0, maximum: 360, description: 'direction the wind blows from, degrees clockwise from north' }),
    slopePercent: Type.Number({ minimum: 0, maximum: 400, description: 'slope steepness, percent (rise over run x 100)' }),
    aspectDeg: Type.Number({ minimum: 0, maximum: 360, description: 'direction the slope faces (downslope), degrees clockwise from north' }),
    canopyCoverPercent: percent('canopy cover', 100),
    canopyHeightM: Type.Number({ minimum: 0, maximum: 100, description: 'canopy height, m' }),
    crownRatio: Type.Number({ minimum: 0, maximum: 1, description: 'crown ratio: crown length over tree height, fraction' }),
    windAdjustmentFactor: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 1, description: 'midflame over 20-ft wind; when given it replaces the computed factor' })),
    elapsedMin: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 7 * 24 * 60, description: 'minutes of free spread from a point ignition, for area and perimeter' })),
  },
  { additionalProperties: false },
);

export interface SurfaceFireOutput {
  spreadRateMMin: number;
  backingSpreadRateMMin: number;
  flankingSpreadRateMMin: number;
  directionOfMaxSpreadDeg: number;
  lengthToWidthRatio: number;
  firelineIntensityKWm: number;
  flameLengthM: number;
  heatPerUnitAreaKJm2: number;
  reactionIntensityKWm2: number;
  midflameWindKmh: number;
  areaHa?: number;
  perimeterM?: number;
}

/** behave's surface fire for SI inputs (north-oriented wind and aspect). */
export function surfaceFire(input: Static<typeof surfaceInput>): SurfaceFireOutput {
  const model = fuelModelByCode(input.fuelModel)!;
  const m = input.moisturePercent;
  const bed = fuelbed(model, {
    oneHour: m.oneHour / 100,
    tenHour: m.tenHour / 100,
    hundredHour: m.hundredHour / 100,
    liveHerbaceous: m.liveHerbaceous / 100,
    liveWoody: m.liveWoody / 100,
  });
  const waf =
    input.windAdjustmentFactor ??
    windAdjustmentFactor(model.depthFt, { cover: input.canopyCoverPercent / 100, heightFt: input.canopyHeightM / M_PER_FT, crownRatio: input.crownRatio });
  const midflame = input.windSpeed20ftKmh * FT_PER_MIN_PER_KMH * waf;
  const s = spread(bed, { midflameWindFtMin: midflame, windTowardFromUpslopeDeg: input.windFromDeg - input.aspectDeg, slope: input.slopePercent / 100 });
  const out: SurfaceFireOutput = {
    spreadRateMMin: s.head * M_PER_FT,
    backingSpreadRateMMin: s.backing * M_PER_FT,
    flankingSpreadRateMMin: s.flanking * M_PER_FT,
    directionOfMaxSpreadDeg: (((s.directionFromUpslopeDeg + input.aspectDeg + 180) % 360) + 360) % 360,
    lengthToWidthRatio: s.lengthToWidthRatio,
    firelineIntensityKWm: s.firelineIntensity * KW_M_PER_BTU_FT_S,
    flameLengthM: s.flameLength * M_PER_FT,
    heatPerUnitAreaKJm2: s.heatPerUnitArea * KJ_M2_PER_BTU_FT2,
    reactionIntensityKWm2: bed.reactionIntensity * KW_M2_PER_BTU_FT2_MIN,
    midflameWindKmh: midflame / FT_PER_MIN_PER_KMH,
  };
  if (input.elapsedMin !== undefined) {
    const e = ellipseAfter(s.head, s.backing, s.lengthToWidthRatio, input.elapsedMin);
    out.areaHa = (e.area * M2_PER_FT2) / 10_000;
    out.perimeterM = e.perimeter * M_PER_FT;
  }
  return out;
}

const surface = calcModel({
  name: 'surface-fire',
  description: 'surface fire spread rate, direction, intensity, flame length and fire shape (Rothermel with Albini, as behave)',
  source:
    'Rothermel 1972 (USDA FS INT-115); Albini 1976 (INT-30); Scott & Burgan 2005 (RMRS-GTR-153); Anderson 1982 (INT-122) and 1983 (INT-305); Albini & Baughman 1979 (INT-221); computed as the USDA Missoula Fire Lab behave library',
  input: surfaceInput,
  example: {
    fuelModel: 'GS4',
    moisturePercent: { oneHour: 6, tenHour: 7, hundredHour: 8, liveHerbaceous: 60, liveWoody: 90 },
    windSpeed20ftKmh: 15,
    windFromDeg: 225,
    slopePercent: 30,
    aspectDeg: 180,
    canopyCoverPercent: 50,
    canopyHeightM: 9,
    crownRatio: 0.5,
    elapsedMin: 60,
  },
  compute: surfaceFire,
});

const containInput = Type.Object(
  {
    reportSizeHa: Type.Number({ exclusiveMinimum: 0, maximum: 400, description: 'fire size when reported, ha' }),
    reportSpreadRateMMin: Type.Number({ exclusiveMinimum: 0, maximum: 300, description: 'head spread rate when reported, m/min' }),
    lengthToWidthRatio: Type.Number({ minimum: 1, maximum: 8, description: 'fire length-to-width ratio' }),
    tactic: Type.Union([Type.Literal('head'), Type.Literal('rear')], { description: 'line building starts at the head or the rear of the fire' }),
    attackDistanceM: Type.Number({ minimum: 0, maximum: 500, description: 'parallel attack: the line is built this far from the fire edge, m (0 = direct attack)' }),
    resources: Type.Array(
      Type.Object(
        {
          arrivalMin: Type.Number({ minimum: 0, maximum: 1440, description: 'minutes after the report that the resource starts building line' }),
          durationMin: Type.Number({ exclusiveMinimum: 0, maximum: 2880, description: 'minutes it keeps building line' }),
          productionMH: Type.Number({ exclusiveMinimum: 0, maximum: 20000, description: 'holdable line it builds, m/h (both flanks together)' }),
        },
        { additionalProperties: false },
      ),
      { minItems: 1, maxItems: 200, description: 'the resources sent to the fire' },
    ),
  },
  { additionalProperties: false },
);

export interface ContainOutput {
  status: string;
  lineLengthM: number;
  timeSinceReportMin: number;
  finalSizeHa: number;
  sizeAtInitialAttackHa: number;
  perimeterAtInitialAttackM: number;
}

export function containSI(input: Static<typeof containInput>): ContainOutput {
  const r = contain({
    reportSizeAc: input.reportSizeHa / HA_PER_ACRE,
    reportRateChH: chainsPerHour(input.reportSpreadRateMMin),
    lengthToWidthRatio: input.lengthToWidthRatio,
    tactic: input.tactic,
    attackDistanceCh: input.attackDistanceM / M_PER_CHAIN,
    resources: input.resources.map((res) => ({ arrivalMin: res.arrivalMin, durationMin: res.durationMin, productionChH: res.productionMH / M_PER_CHAIN })),
  });
  return {
    status: r.status,
    lineLengthM: r.lineCh * M_PER_CHAIN,
    timeSinceReportMin: r.timeSinceReportMin,
    finalSizeHa: r.finalSizeAc * HA_PER_ACRE,
    sizeAtInitialAttackHa: r.sizeAtInitialAttackAc * HA_PER_ACRE,
    perimeterAtInitialAttackM: r.perimeterAtInitialAttackCh * M_PER_CHAIN,
  };
}

const containModel = calcModel({
  name: 'contain',
  description: 'initial-attack containment of a growing elliptical fire by line-building resources (Fried & Fried, as behave Contain)',
  source: 'Fried, J.S. & Fried, B.D. 1995, Simulating wildfire containment with realistic tactics, Forest Science 42(3); computed as the USDA Missoula Fire Lab behave Contain module',
  input: containInput,
  // behave's Contain test in SI: 1 ac, 5 ch/h, LB 3, head attack, one 20 ch/h resource from 2 h for 8 h.
  example: {
    reportSizeHa: 0.4047,
    reportSpreadRateMMin: 1.6764,
    lengthToWidthRatio: 3,
    tactic: 'head',
    attackDistanceM: 0,
    resources: [{ arrivalMin: 120, durationMin: 480, productionMH: 402.336 }],
  },
  compute: containSI,
});

export const WILDFIRE_CALC: readonly CalcModel[] = [surface, containModel];

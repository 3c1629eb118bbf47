/**
 * Rothermel-Albini surface spread against behave: the worked examples E1-E10 were computed by an
 * implementation that reproduces every behave surface-fire unit test (firelab/behave testBehave.cpp) to
 * 1e-6; the wind adjustment factors and the GS4 ellipse are behave's own test values.
 */
import { describe, expect, it } from 'vitest';
import { ellipseAfter } from '../../../models/hazards/wildfire/ellipse.js';
import { FUEL_MODELS, fuelModelByCode } from '../../../models/hazards/wildfire/fuel-models.js';
import { fuelbed, spread, windAdjustmentFactor, type Moistures } from '../../../models/hazards/wildfire/surface.js';
import { surfaceFire } from '../../../models/hazards/wildfire/calc.js';
import { FT_PER_MIN_PER_KMH, M_PER_FT } from '../../../models/hazards/wildfire/units.js';

const BASE: Moistures = { oneHour: 0.06, tenHour: 0.07, hundredHour: 0.08, liveHerbaceous: 0.6, liveWoody: 0.9 };
const MPH = 88;

function bed(code: string, m: Partial<Moistures> = {}) {
  const model = fuelModelByCode(code);
  if (model === undefined) throw new Error(code);
  return fuelbed(model, { ...BASE, ...m });
}

/** Equal to the digits given: within half a unit of the expected value's last decimal (or `rel` if looser). */
function close(actual: number, expected: number, rel = 1e-9): void {
  const decimals = String(expected).split('.')[1]?.length ?? 0;
  const tolerance = Math.max(0.5 * 10 ** -decimals * (1 + 1e-9), rel * Math.abs(expected));
  expect(Math.abs(actual - expected), `${actual} vs ${expected}`).toBeLessThanOrEqual(tolerance);
}

describe('surface spread (behave worked examples)', () => {
  it('E1-E3: FM1 with no wind, 5 mph midflame, and 5 mph 20-ft wind upslope on 30 %', () => {
    const fm1 = bed('FM1');
    close(fm1.r0, 4.605304);
    close(fm1.reactionIntensity, 826.132659);
    close(fm1.relativePackingRatio, 0.253385);
    const calm = spread(fm1, { midflameWindFtMin: 0, windTowardFromUpslopeDeg: 0, slope: 0 });
    close(calm.head, 4.605304);
    close(calm.firelineIntensity, 6.956969);
    close(calm.flameLength, 1.098312);
    expect(calm.lengthToWidthRatio).toBe(1);

    const e2 = spread(fm1, { midflameWindFtMin: 5 * MPH, windTowardFromUpslopeDeg: 0, slope: 0 });
    close(e2.head, 103.28014);
    close(e2.phiWind, 21.426344);
    close(e2.lengthToWidthRatio, 1.590064);
    close(e2.eccentricity, 0.777482);
    close(e2.backing, 12.929364);
    close(e2.flanking, 36.542393);
    close(e2.firelineIntensity, 156.019376);
    close(e2.flameLength, 4.592769);

    const waf = windAdjustmentFactor(fuelModelByCode('FM1')!.depthFt, { cover: 0, heightFt: 0, crownRatio: 0 });
    close(waf, 0.362104);
    const e3 = spread(fm1, { midflameWindFtMin: 5 * MPH * waf, windTowardFromUpslopeDeg: 0, slope: 0.3 });
    close(e3.head, 33.69423);
    close(e3.phiWind, 2.613289);
    close(e3.phiSlope, 3.703107);
    close(e3.effectiveWindFtMin / MPH, 2.772384);
    close(e3.lengthToWidthRatio, 1.26993);
  });

  it('E4-E7: GR2, dynamic herb transfer at 60, 30 and 120 % herb moisture, and a cross-slope wind', () => {
    const gr2 = bed('GR2');
    close(gr2.transferredHerbLoad, 0.030624);
    close(gr2.sigma, 1820);
    close(gr2.moistureOfExtinctionLive, 4.679433);
    close(gr2.propagatingFluxRatio, 0.031205);
    close(gr2.heatSink, 23.286649);
    close(gr2.r0, 1.539791);
    close(gr2.reactionIntensity, 1149.057754);
    close(spread(gr2, { midflameWindFtMin: 5 * MPH, windTowardFromUpslopeDeg: 0, slope: 0 }).head, 38.261945);

    const e5 = spread(gr2, { midflameWindFtMin: 5 * MPH, windTowardFromUpslopeDeg: 90, slope: 0.3 });
    close(e5.head, 38.609428);
    close(e5.phiSlope, 3.288588);
    close(e5.directionFromUpslopeDeg, 82.148808);
    close(e5.effectiveWindFtMin / MPH, 5.032469);
    close(e5.lengthToWidthRatio, 1.595529);

    const cured = bed('GR2', { liveHerbaceous: 0.3 });
    close(cured.r0, 2.192059);
    close(cured.reactionIntensity, 1042.324005);
    close(cured.heatSink, 14.838072);
    close(spread(cured, { midflameWindFtMin: 5 * MPH, windTowardFromUpslopeDeg: 0, slope: 0 }).head, 54.47001);

    const green = bed('GR2', { liveHerbaceous: 1.2 });
    close(green.r0, 0.043697);
    close(green.reactionIntensity, 95.704295);
    close(green.moistureOfExtinctionLive, 0.15);
    close(spread(green, { midflameWindFtMin: 5 * MPH, windTowardFromUpslopeDeg: 0, slope: 0 }).head, 1.085806);
  });

  it('E8-E10: TL3, SH5 and FM9', () => {
    const tl3 = bed('TL3', { oneHour: 0.08, tenHour: 0.09, hundredHour: 0.1 });
    close(tl3.r0, 0.187613);
    close(tl3.reactionIntensity, 747.793902);
    close(tl3.relativePackingRatio, 3.189783);
    const s8 = spread(tl3, { midflameWindFtMin: 2 * MPH, windTowardFromUpslopeDeg: 0, slope: 0 });
    close(s8.head, 0.637893);
    close(s8.lengthToWidthRatio, 1.181759);

    const sh5 = bed('SH5');
    close(sh5.moistureOfExtinctionLive, 2.661795);
    const s9 = spread(sh5, { midflameWindFtMin: 5 * MPH, windTowardFromUpslopeDeg: 0, slope: 0 });
    close(sh5.r0, 2.388684);
    close(sh5.reactionIntensity, 5142.124177);
    close(s9.head, 63.010835);
    close(s9.firelineIntensity, 1656.683105);
    close(s9.flameLength, 13.616411);

    const fm9 = bed('FM9');
    const s10 = spread(fm9, { midflameWindFtMin: 3 * MPH, windTowardFromUpslopeDeg: 0, slope: 0 });
    close(fm9.r0, 0.920251);
    close(fm9.reactionIntensity, 2393.003078);
    close(s10.head, 4.533754);
    close(s10.lengthToWidthRatio, 1.298011);
    close(s10.firelineIntensity, 27.955545);
  });

  it('wind adjustment factors of behave: GS4 unsheltered and under canopy', () => {
    const depth = fuelModelByCode('GS4')!.depthFt;
    close(windAdjustmentFactor(depth, { cover: 0, heightFt: 30, crownRatio: 0.5 }), 0.422524);
    close(windAdjustmentFactor(depth, { cover: 0.5, heightFt: 30, crownRatio: 0.5 }), 0.169855);
    close(windAdjustmentFactor(depth, { cover: 0.4, heightFt: 30, crownRatio: 0.5 }), 0.189904);
  });

  it('GS4 ellipse (behave test): semi-axes after 3.5869124 min and area and perimeter after an hour', () => {
    const s = spread(bed('GS4'), { midflameWindFtMin: 5 * MPH, windTowardFromUpslopeDeg: 0, slope: 0 });
    const chain = 66;
    const early = ellipseAfter(s.head, s.backing, s.lengthToWidthRatio, 3.5869124);
    close(early.semiMajor / chain, 1.0);
    close(early.semiMinor / chain, 0.628905);
    close(early.centreOffset / chain, 0.777482);
    const hour = ellipseAfter(s.head, s.backing, s.lengthToWidthRatio, 60);
    // behave's acre is 43,560.002160576107 ft² (behaveUnits.cpp), 5e-8 larger than the statute acre.
    close(hour.area / 43560.002160576107, 55.283555);
    close(hour.perimeter / chain, 86.71476);
  });

  it('non-burnable models do not spread and every burnable one does in dry, windy weather', () => {
    for (const m of FUEL_MODELS) {
      const s = spread(fuelbed(m, { ...BASE, liveHerbaceous: 0.3 }), { midflameWindFtMin: 5 * MPH, windTowardFromUpslopeDeg: 0, slope: 0.2 });
      if (m.code.startsWith('NB')) expect(s.head).toBe(0);
      else {
        expect(s.head, m.code).toBeGreaterThan(0);
        expect(s.backing).toBeLessThanOrEqual(s.head);
        expect(s.flanking).toBeLessThanOrEqual(s.head);
      }
    }
  });
});

describe('surface-fire in SI with north-oriented wind and aspect', () => {
  const input = {
    fuelModel: 'FM1' as const,
    moisturePercent: { oneHour: 6, tenHour: 7, hundredHour: 8, liveHerbaceous: 60, liveWoody: 90 },
    windSpeed20ftKmh: 5 * MPH / FT_PER_MIN_PER_KMH,
    slopePercent: 30,
    canopyCoverPercent: 0,
    canopyHeightM: 0,
    crownRatio: 0,
  };

  it('a wind blowing upslope gives E3 with the head running upslope', () => {
    // The slope faces east (aspect 90): upslope is west (270); a wind from the east blows upslope.
    const out = surfaceFire({ ...input, aspectDeg: 90, windFromDeg: 90 });
    close(out.spreadRateMMin / M_PER_FT, 33.69423);
    close(out.directionOfMaxSpreadDeg, 270, 1e-9);
  });

  it('a cross-slope wind turns the head from upslope toward where the wind blows (E5 geometry)', () => {
    // Slope faces south (upslope north, 0°); wind from the west blows east: ω = 270 - 180 = 90°.
    const out = surfaceFire({ ...input, fuelModel: 'GR2', windAdjustmentFactor: 1, aspectDeg: 180, windFromDeg: 270 });
    close(out.directionOfMaxSpreadDeg, 82.148808);
    close(out.spreadRateMMin / M_PER_FT, 38.609428);
    expect(out.areaHa).toBeUndefined();
  });

  it('area and perimeter grow with the square and the first power of the elapsed time', () => {
    const one = surfaceFire({ ...input, aspectDeg: 0, windFromDeg: 0, elapsedMin: 30 });
    const two = surfaceFire({ ...input, aspectDeg: 0, windFromDeg: 0, elapsedMin: 60 });
    close(two.areaHa!, 4 * one.areaHa!, 1e-12);
    close(two.perimeterM!, 2 * one.perimeterM!, 1e-12);
  });
});

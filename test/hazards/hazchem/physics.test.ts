/**
 * The chemical-release formulas against published worked examples and analytical invariants
 * (docs/models/hazchem.md lists the sources of each figure).
 */
import { describe, expect, it } from 'vitest';
import { briggsSigmas, denseGasCriterion, plumeConcentration, puffConcentration, verticalFactor } from '../../../models/hazards/hazchem/dispersion.js';
import { criticalPressureRatio, gasHole, liquidHole } from '../../../models/hazards/hazchem/source.js';
import { netRadiationIndex, pasquillClass, resolveCell, turnerClass, windAt } from '../../../models/hazards/hazchem/stability.js';
import { HCL_YIELD, kgM3FromPpm, ppmFromKgM3, SUBSTANCES } from '../../../models/hazards/hazchem/substances.js';
import { indoorStep, indoorStepDose, probitConstant } from '../../../models/hazards/hazchem/toxic.js';

/** Simpson's rule on [a, b] with n (even) intervals. */
function simpson(f: (x: number) => number, a: number, b: number, n = 2000): number {
  const h = (b - a) / n;
  let s = f(a) + f(b);
  for (let i = 1; i < n; i++) s += (i % 2 === 1 ? 4 : 2) * f(a + i * h);
  return (s * h) / 3;
}

describe('Briggs sigmas and the Gaussian plume', () => {
  it('reproduces the ground-level centreline worked examples (class D and F, rural, 1 km)', () => {
    const d = briggsSigmas(1000, 'D', 'rural');
    expect(d.y).toBeCloseTo(76.277, 2);
    expect(d.z).toBeCloseTo(37.947, 2);
    expect(plumeConcentration(0.1, 5, 0, 1000, 0, 0, 'D', 'rural') * 1000).toBeCloseTo(2.1994e-3, 6);
    const f = briggsSigmas(1000, 'F', 'rural');
    expect(f.y).toBeCloseTo(38.139, 2);
    expect(f.z).toBeCloseTo(12.308, 2);
    expect(plumeConcentration(0.1, 2, 0, 1000, 0, 0, 'F', 'rural') * 1000).toBeCloseTo(3.3906e-2, 5);
  });

  it('uses the CCPS urban E-F sigma_z (0.0015), which gives sigma_z(1.2 m) = 0.095914', () => {
    expect(briggsSigmas(1.2, 'E', 'urban').z).toBeCloseTo(0.095914, 6);
  });

  it('is zero upwind and symmetric crosswind', () => {
    expect(plumeConcentration(1, 3, 0, -100, 0, 0, 'D', 'rural')).toBe(0);
    expect(plumeConcentration(1, 3, 2, 500, 40, 1.5, 'C', 'urban')).toBe(plumeConcentration(1, 3, 2, 500, -40, 1.5, 'C', 'urban'));
  });

  it.each([
    ['D', 'rural', 0, Infinity],
    ['F', 'rural', 10, Infinity],
    ['B', 'urban', 5, Infinity],
    ['C', 'rural', 0, 300],
  ] as const)('conserves mass: the crosswind integral times the wind equals the rate within one percent (class %s, %s, H %s m, lid %s m)', (cls, terrain, h, lid) => {
    const q = 2.5;
    const u = 3;
    const x = 2000;
    const s = briggsSigmas(x, cls, terrain);
    const top = lid < Infinity ? lid : h + 10 * s.z;
    const flux = simpson((z) => simpson((y) => u * plumeConcentration(q, u, h, x, y, z, cls, terrain, lid), -8 * s.y, 8 * s.y, 400), 0, top, 400);
    expect(Math.abs(flux / q - 1)).toBeLessThan(0.01);
  });

  it('under a lid, the image sum approaches the well-mixed form (class C rural, 20 km, L = 500 m)', () => {
    const s = briggsSigmas(20000, 'C', 'rural');
    expect(s.z).toBeLessThan(1.6 * 500); // still the image sum here
    const images = plumeConcentration(100, 5, 0, 20000, 0, 0, 'C', 'rural', 500);
    const wellMixed = 100 / (Math.sqrt(2 * Math.PI) * 5 * s.y * 500);
    expect(images).toBeCloseTo(1.25644e-5, 9);
    expect(wellMixed).toBeCloseTo(1.25634e-5, 9);
    // Beyond sigma_z = 1.6 L the model switches to the well-mixed form: the switch is continuous to 0.01 %.
    expect(verticalFactor(0, 0, 1.6 * 500, 500)).toBe(1 / 500);
    expect(verticalFactor(0, 0, 1.6 * 500 - 1e-9, 500) * 500).toBeCloseTo(1, 4);
  });
});

describe('dense-gas criterion (Britter & McQuaid 1988)', () => {
  it('flags 0.75 kg/s of HCl at 1.5 m/s (0.868 by hand), not ammonia, and less so in a stronger wind', () => {
    expect(denseGasCriterion(0.75, 0.036461, 1.5)).toBeCloseTo(0.868, 2);
    expect(denseGasCriterion(0.75, 0.017031, 1.5)).toBe(0);
    expect(denseGasCriterion(0.75, 0.036461, 6)).toBeLessThan(denseGasCriterion(0.75, 0.036461, 1.5));
  });
});

describe('Gaussian puff', () => {
  it('conserves the released mass in space at any time', () => {
    const m = 500;
    const u = 2;
    const t = 600;
    const total = simpson(
      (z) => simpson((y) => simpson((x) => puffConcentration(m, u, 0, x, y, z, t, 'D'), u * t - 400, u * t + 400, 100), -400, 400, 100),
      0,
      400,
      100,
    );
    expect(Math.abs(total / m - 1)).toBeLessThan(0.01);
  });

  it('travels with the wind: the peak at a receptor comes when the centre passes', () => {
    const at = (t: number) => puffConcentration(100, 2, 0, 1000, 0, 0, t, 'E');
    expect(at(500)).toBeGreaterThan(at(400));
    expect(at(500)).toBeGreaterThan(at(600));
  });
});

describe('stability and wind', () => {
  it("reads Pasquill's table, overcast is D, pair cells resolve to the more stable class", () => {
    expect(pasquillClass(1.5, 'day', 'strong')).toBe('A');
    expect(pasquillClass(2.5, 'day', 'moderate')).toBe('B');
    expect(pasquillClass(4, 'day', 'moderate')).toBe('B-C');
    expect(pasquillClass(5.5, 'day', 'strong')).toBe('C');
    expect(pasquillClass(8, 'day', 'slight')).toBe('D');
    expect(pasquillClass(8, 'day', 'overcast')).toBe('D');
    expect(pasquillClass(1, 'night', undefined, 'clear')).toBe('F');
    expect(pasquillClass(4, 'night', undefined, 'clear')).toBe('E');
    expect(pasquillClass(4, 'night', undefined, 'cloudy')).toBe('D');
    expect(resolveCell('B-C')).toBe('C');
    expect(resolveCell('B-C', 'unstable')).toBe('B');
  });

  it("reads Turner's key (EPA Table 6-4) and the net-radiation index", () => {
    expect(turnerClass(0.5, 4)).toBe('A');
    expect(turnerClass(0.5, -2)).toBe('F'); // class 7 (G) merged into F
    expect(turnerClass(3.0, 1)).toBe('D');
    expect(turnerClass(7, 4)).toBe('C');
    expect(netRadiationIndex(70, 2, false)).toBe(4);
    expect(netRadiationIndex(70, 8, true)).toBe(2);
    expect(netRadiationIndex(-10, 2, false)).toBe(-2);
    expect(netRadiationIndex(-10, 10, true)).toBe(0);
  });

  it('scales wind by the power law (rural F: p = 0.55)', () => {
    expect(windAt(2, 10, 1, 'F', 'rural')).toBeCloseTo(2 * Math.pow(0.1, 0.55), 10);
    expect(windAt(2, 10, 0, 'F', 'rural')).toBe(windAt(2, 10, 1, 'F', 'rural'));
  });
});

describe('source terms', () => {
  it('reproduces the CCPS (1999) p. 40 liquid example: 0.2169 kg/s', () => {
    expect(liquidHole(490, 0.63, 0.01, 19610, 0).massRateKgS).toBeCloseTo(0.2169, 4);
  });

  it('adds the liquid head to the pressure', () => {
    expect(liquidHole(1000, 0.61, 0.02, 0, 5).massRateKgS).toBeCloseTo(liquidHole(1000, 0.61, 0.02, 1000 * 9.80665 * 5, 0).massRateKgS, 10);
  });

  it('chokes gas flow below the critical ratio, and both forms meet at it', () => {
    expect(criticalPressureRatio(1.4)).toBeCloseTo(0.5283, 4);
    const p0 = 500000;
    const choked = gasHole(0.029, 1.4, p0, 300, 0.85, 0.01, 101325);
    expect(choked.choked).toBe(true);
    const rc = criticalPressureRatio(1.4);
    const below = gasHole(0.029, 1.4, p0, 300, 0.85, 0.01, p0 * rc * 0.999999);
    const above = gasHole(0.029, 1.4, p0, 300, 0.85, 0.01, p0 * rc * 1.000001);
    expect(below.choked).toBe(true);
    expect(above.choked).toBe(false);
    expect(above.massRateKgS / below.massRateKgS).toBeCloseTo(1, 4);
    expect(gasHole(0.029, 1.4, 101325, 300, 0.85, 0.01, 101325).massRateKgS).toBe(0);
  });

  it('gives 0.8075 kg HCl per kg trichlorosilane hydrolysed', () => {
    expect(HCL_YIELD.SiHCl3).toBeCloseTo(0.8075, 4);
  });
});

describe('toxic load and indoor air', () => {
  it('reproduces the Withers & Lees chlorine LC50s and the worked probits', () => {
    const p = SUBSTANCES.Cl2.probit;
    expect(probitConstant(p, 433, 10).probit).toBeCloseTo(4.9985, 3);
    expect(probitConstant(p, 250, 30).probit).toBeCloseTo(4.9986, 3);
    expect(probitConstant(p, 100, 30).probability).toBeCloseTo(0.0458, 3);
    expect(probitConstant(p, 400, 10).probability).toBeCloseTo(0.441, 3);
  });

  it('converts ppm and mg/m3 at 25 C (1 mg/m3 HCl = 0.671 ppm)', () => {
    expect(ppmFromKgM3(1e-6, 36.461)).toBeCloseTo(0.6706, 4);
    expect(kgM3FromPpm(ppmFromKgM3(3e-5, 70.906), 70.906)).toBeCloseTo(3e-5, 15);
  });

  it('reproduces the single-zone worked example: 0.5 ACH, 100 ppm for an hour', () => {
    let cIn = 0;
    let dose1 = 0;
    for (let i = 0; i < 60; i++) {
      dose1 += indoorStepDose(cIn, 100, 0.5, 1);
      cIn = indoorStep(cIn, 100, 0.5, 1);
    }
    expect(cIn).toBeCloseTo(39.35, 2);
    expect(dose1).toBeCloseTo(1278, 0);
    let dose2 = 0;
    for (let i = 0; i < 60; i++) {
      dose2 += indoorStepDose(cIn, 0, 0.5, 1);
      cIn = indoorStep(cIn, 0, 0.5, 1);
    }
    expect(dose2).toBeCloseTo(1858, 0);
  });
});

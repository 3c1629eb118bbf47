/**
 * The earthquake's formulas against the worked values and oracles of docs/models/earthquake.md (section 9: Q1-Q9,
 * computed in double precision from the published relations), and the properties the model relies on: the
 * ellipse's orientation along the strike, saturation at I0, monotone damage, the inverse-CDF samplers.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  aftershockMagnitude,
  aftershockTime,
  expectedAftershocks,
  RJ_REGIMES,
  SICHUAN_RJ,
} from '../../../models/hazards/earthquake/aftershocks.js';
import {
  ATTENUATION,
  distanceBearing,
  ellipseIntensity,
  epicentralIntensity,
  longAxisIntensity,
  offsetPoint,
  shortAxisIntensity,
  siteIntensity,
} from '../../../models/hazards/earthquake/attenuation.js';
import { casualtyShares, pagerFatalityRate } from '../../../models/hazards/earthquake/casualties.js';
import {
  bridgeClassOf,
  bridgeExceedance,
  damageStateProbabilities,
  exceedance,
  HAZUS_BRIDGE_MEDIANS_SA10_G,
  sa10FromPgv,
  STRUCTURE_CLASSES,
} from '../../../models/hazards/earthquake/fragility.js';
import { jibsonDisplacementCm, slopeFailureProbability } from '../../../models/hazards/earthquake/landslide.js';

const QT = ATTENUATION['qinghai-tibet'];

describe('elliptical attenuation (Yu, Li & Xiao 2013)', () => {
  it('Q1: M7.0 at 50 km along, across and 45 degrees off strike give 6.9970 / 6.4255 / 6.6344', () => {
    const d = 50 / Math.SQRT2;
    expect(ellipseIntensity(QT, 7, 50, 0)).toBeCloseTo(6.997, 4);
    expect(ellipseIntensity(QT, 7, 0, 50)).toBeCloseTo(6.4255, 4);
    expect(ellipseIntensity(QT, 7, d, d)).toBeCloseTo(6.6344, 4);
  });

  it('Q2: epicentral intensity 7.8556 / 9.1302 / 10.4048 at M 6, 7, 8; the two axes meet at R = 0', () => {
    expect(epicentralIntensity(QT, 6)).toBeCloseTo(7.8556, 4);
    expect(epicentralIntensity(QT, 7)).toBeCloseTo(9.1302, 4);
    expect(epicentralIntensity(QT, 8)).toBeCloseTo(10.4048, 4);
    for (const c of Object.values(ATTENUATION)) expect(Math.abs(longAxisIntensity(c, 7, 0) - shortAxisIntensity(c, 7, 0))).toBeLessThan(1e-3);
  });

  it('Q3: moderate-to-strong area, M7.0 at 100 km: 5.802 long, 5.667 short', () => {
    const m = ATTENUATION['moderate-strong'];
    expect(longAxisIntensity(m, 7, 100)).toBeCloseTo(5.802, 3);
    expect(shortAxisIntensity(m, 7, 100)).toBeCloseTo(5.667, 3);
  });

  it('reproduces the worked table for M6 and M8 on both axes', () => {
    const table: Array<[number, number, number, number]> = [
      [6, 20, 6.714, 6.173],
      [6, 100, 4.731, 4.268],
      [8, 30, 8.874, 8.296],
      [8, 200, 6.138, 5.881],
    ];
    for (const [m, r, long, short] of table) {
      // The table is printed to 3 decimals.
      expect(Math.abs(ellipseIntensity(QT, m, r, 0) - long)).toBeLessThanOrEqual(6e-4);
      expect(Math.abs(ellipseIntensity(QT, m, 0, r) - short)).toBeLessThanOrEqual(6e-4);
    }
  });

  it('a site along strike shakes harder than one across strike at the same distance, whatever the strike', () => {
    const epi = { lat: 28.88, lon: 103.55 };
    for (const strike of [0, 45, 170, 315]) {
      const along = offsetPoint(epi.lat, epi.lon, 40, 0, strike);
      const across = offsetPoint(epi.lat, epi.lon, 0, 40, strike);
      const source = { ...epi, magnitude: 6.8, strikeDeg: strike };
      expect(distanceBearing(epi.lat, epi.lon, along.lat, along.lon).km).toBeCloseTo(40, 0);
      expect(siteIntensity(QT, source, along.lat, along.lon)).toBeGreaterThan(siteIntensity(QT, source, across.lat, across.lon) + 0.3);
    }
  });

  it('saturates at I0 in the near field and decreases with distance', () => {
    expect(ellipseIntensity(QT, 6.8, 0.5, 0.5)).toBe(epicentralIntensity(QT, 6.8));
    let last = Infinity;
    for (const r of [2, 5, 10, 30, 100, 300]) {
      const i = ellipseIntensity(QT, 6.8, r * 0.6, r * 0.8);
      expect(i).toBeLessThan(last);
      expect(i).toBeGreaterThanOrEqual(1);
      last = i;
    }
  });
});

describe('PAGER fatality rate, China', () => {
  it('Q6: 5.3327e-3 at VIII and 8.4360e-2 at IX', () => {
    expect(pagerFatalityRate('CN', 8)).toBeCloseTo(5.3327e-3, 7);
    expect(pagerFatalityRate('CN', 9)).toBeCloseTo(8.436e-2, 6);
    expect(pagerFatalityRate('CN', 7)).toBeCloseTo(5.0534e-5, 9);
  });
});

describe('Hazus building damage', () => {
  it('Q9: URML pre-code at VIII (0.284 g) is Complete with probability 0.340; the row of the derived matrix', () => {
    const p = damageStateProbabilities('urml-pre', 0.284);
    expect(p[4]).toBeCloseTo(0.34, 3);
    [0.111, 0.1, 0.234, 0.215, 0.34].forEach((v, k) => expect(p[k]).toBeCloseTo(v, 2));
  });

  it('discrete states sum to 1 and exceedance grows with PGA for every class', () => {
    for (const c of STRUCTURE_CLASSES) {
      let prev = [0, 0, 0, 0];
      for (const g of [0.05, 0.1, 0.2, 0.4, 0.8, 1.6]) {
        const p = damageStateProbabilities(c, g);
        expect(p.reduce((s, x) => s + x, 0)).toBeCloseTo(1, 12);
        const e = Array.from(exceedance(c, g));
        e.forEach((x, k) => expect(x).toBeGreaterThanOrEqual(prev[k]!));
        prev = e;
      }
    }
  });

  it('casualties come only from the damage increment: a second, weaker shaking adds none', () => {
    const strong = Array.from(exceedance('urml-pre', 0.5));
    const first = casualtyShares('urml-pre', [0, 0, 0, 0], strong, 0.5);
    expect(first.dead).toBeGreaterThan(0);
    expect(first.trapped).toBeGreaterThan(first.dead);
    expect(casualtyShares('urml-pre', strong, strong, 0.5)).toEqual({ dead: 0, injured: 0, serious: 0, severe: 0, trapped: 0 });
    // Two steps to the same final state kill as many as one step.
    const mid = Array.from(exceedance('urml-pre', 0.25));
    const a = casualtyShares('urml-pre', [0, 0, 0, 0], mid, 0.5);
    const b = casualtyShares('urml-pre', mid, strong, 0.5);
    expect(a.dead + b.dead).toBeCloseTo(first.dead, 12);
    expect(a.trapped + b.trapped).toBeCloseTo(first.trapped, 12);
  });
});

describe('Reasenberg-Jones aftershocks (Page et al. 2016, active shallow continental)', () => {
  it('Q7 and the worked table: Mm 7, M >= 5, days 0-7: N = 2.22303, P(>=1) = 0.89172', () => {
    const n = expectedAftershocks(SICHUAN_RJ, 7, 5, 0, 7);
    expect(n).toBeCloseTo(2.22303, 5);
    expect(1 - Math.exp(-n)).toBeCloseTo(0.89172, 5);
    expect(expectedAftershocks(SICHUAN_RJ, 7, 5, 1, 8)).toBeCloseTo(0.80136, 5);
    expect(expectedAftershocks(SICHUAN_RJ, 7, 4, 0, 1)).toBeCloseTo(14.744, 3);
    expect(expectedAftershocks(SICHUAN_RJ, 6.8, 5, 0, 7)).toBeCloseTo(1.40264, 5);
    expect(expectedAftershocks(SICHUAN_RJ, 8, 6, 0, 30)).toBeCloseTo(2.80596, 5);
    expect(RJ_REGIMES['ANSR-SHALCON']).toBe(SICHUAN_RJ);
  });

  it('samples times and magnitudes by the inverse CDFs of the worked checks', () => {
    [
      [0.1, 0.015785],
      [0.5, 0.370475],
      [0.9, 3.968536],
    ].forEach(([u, t]) => expect(aftershockTime(SICHUAN_RJ, 0, 7, u!)).toBeCloseTo(t!, 6));
    [
      [0.1, 3.04575],
      [0.5, 3.30099],
      [0.9, 3.99961],
      [0.99, 4.99572],
    ].forEach(([u, m]) => expect(aftershockMagnitude(1, 3, 7, u!)).toBeCloseTo(m!, 5));
  });
});

describe('Newmark landslides (Jibson 2007 model a, Jibson et al. 2000)', () => {
  it('Q8: ac/amax 0.2 gives Dn 9.8458 cm and P(f) 0.27505; the worked table', () => {
    expect(jibsonDisplacementCm(0.2, 1)).toBeCloseTo(9.8458, 4);
    expect(slopeFailureProbability(jibsonDisplacementCm(0.2, 1))).toBeCloseTo(0.27505, 5);
    expect(jibsonDisplacementCm(0.05, 1)).toBeCloseTo(108.08, 2);
    // The worked table gives 0.012851; the formula gives 0.0128494 (a difference in the 6th decimal).
    expect(slopeFailureProbability(jibsonDisplacementCm(0.5, 1))).toBeCloseTo(0.012851, 5);
    expect(jibsonDisplacementCm(0.5, 1)).toBeCloseTo(0.8773, 4);
    expect(jibsonDisplacementCm(1.2, 1)).toBe(0);
  });
});

describe('Hazus highway bridges (Hazus Earthquake Model Technical Manual, Table 7-6)', () => {
  it('medians of Sa(1.0 s) per class as published, dispersion 0.6: half reach each state at its median', () => {
    expect(HAZUS_BRIDGE_MEDIANS_SA10_G.HWB5).toEqual([0.25, 0.35, 0.45, 0.7]);
    expect(HAZUS_BRIDGE_MEDIANS_SA10_G.HWB23).toEqual([0.9, 0.9, 1.1, 1.5]);
    expect(HAZUS_BRIDGE_MEDIANS_SA10_G.HWB1).toEqual([0.4, 0.5, 0.7, 0.9]);
    expect(HAZUS_BRIDGE_MEDIANS_SA10_G.HWB28).toEqual([0.8, 1.0, 1.2, 1.7]);
    expect(Object.keys(HAZUS_BRIDGE_MEDIANS_SA10_G)).toHaveLength(28);
    expect(bridgeExceedance('HWB5', 0.45)[2]).toBeCloseTo(0.5, 12);
    expect(bridgeExceedance('HWB23', 1.5)[3]).toBeCloseTo(0.5, 12);
    // Φ(ln(0.6 / 0.45) / 0.6) = 0.68420
    expect(bridgeExceedance('HWB5', 0.6)[2]).toBeCloseTo(0.684198, 5);
    for (const cls of Object.keys(HAZUS_BRIDGE_MEDIANS_SA10_G) as Array<keyof typeof HAZUS_BRIDGE_MEDIANS_SA10_G>) {
      const p = bridgeExceedance(cls, 0.5);
      for (let k = 1; k < 4; k++) expect(p[k]!).toBeLessThanOrEqual(p[k - 1]! + 1e-15);
    }
  });

  it('Sa(1.0 s) from PGV on the Newmark-Hall velocity branch; expressway bridges are the seismic-design class', () => {
    // 1.65 x 0.257 m/s x 2π / 1 s / g = 0.27169 g (PGV at the centre of VIII, GB/T 17742-2020)
    expect(sa10FromPgv(0.257)).toBeCloseTo(0.271692, 5);
    expect(bridgeClassOf('expressway')).toBe('HWB23');
    expect(bridgeClassOf('county')).toBe('HWB5');
    // A conventional bridge is more fragile than a seismic-design one at the same shaking.
    expect(bridgeExceedance('HWB5', 0.6)[2]).toBeGreaterThan(bridgeExceedance('HWB23', 0.6)[2]);
  });
});

describe('Leshan building stock per zone (tools/leshan/quake.ts)', () => {
  const zones = (JSON.parse(readFileSync(fileURLToPath(new URL('../../../scenarios/regions/leshan/zones.json', import.meta.url)), 'utf8')) as {
    zones: Array<{ id: string; county: string; tags: string[]; quake?: { stock: Record<string, number>; estimated?: boolean } }>;
  }).zones;

  it('every zone has its own stock, flagged as an estimate, whose shares add up to 1', () => {
    for (const z of zones) {
      expect(z.quake, z.id).toBeDefined();
      expect(z.quake!.estimated).toBe(true);
      expect(Object.keys(z.quake!.stock).sort()).toEqual([...STRUCTURE_CLASSES].sort());
      expect(Object.values(z.quake!.stock).reduce((s, v) => s + v, 0)).toBeCloseTo(1, 9);
    }
  });

  it('rural mountain zones hold more pre-code masonry than urban basin zones, and less reinforced concrete', () => {
    const avg = (pick: (z: (typeof zones)[number]) => boolean, cls: string): number => {
      const sel = zones.filter(pick);
      expect(sel.length).toBeGreaterThan(0);
      return sel.reduce((s, z) => s + z.quake!.stock[cls]!, 0) / sel.length;
    };
    const mountainRural = (z: (typeof zones)[number]) => ['mabian', 'ebian', 'jinkouhe'].includes(z.county) && z.tags.includes('rural');
    const basinUrban = (z: (typeof zones)[number]) => ['shizhong', 'wutongqiao', 'jiajiang'].includes(z.county) && z.tags.includes('urban');
    expect(avg(mountainRural, 'urml-pre')).toBeGreaterThan(avg(basinUrban, 'urml-pre') + 0.1);
    expect(avg(mountainRural, 'c1l-mod') + avg(mountainRural, 'c1l-high')).toBeLessThan(avg(basinUrban, 'c1l-mod') + avg(basinUrban, 'c1l-high'));
  });
});

/**
 * Casualties (docs/models/earthquake.md section 4).
 *
 * City level: the PAGER empirical fatality rate of Jaiswal, Wald & Hearne (2009, USGS OFR 2009-1136),
 * ν(S) = Φ(ln(S / θ) / β), S the MMI (taken as the Chinese intensity), with the China parameters of the
 * usgs/pager repository (losspager/data/fatality.xml, model 2.2, ccode CN): θ = 10.328811, β = 0.100058.
 *
 * Zone level: Hazus indoor casualty rates by structural damage state (Hazus-MH Earthquake Technical Manual
 * chapter 13, recalled and flagged for verification), severity 1 to 4 (4 = death), with the collapse share of
 * Complete damage per class.
 */
import { normalCdf } from '../../../engine/random/normal-cdf.js';
import type { StructureClass } from './fragility.js';

export const PAGER_COUNTRIES = { CN: { theta: 10.328811, beta: 0.100058 } } as const;
export type PagerCountry = keyof typeof PAGER_COUNTRIES;

/** PAGER fatality rate (deaths per person exposed) at intensity `mmi`. */
export function pagerFatalityRate(country: PagerCountry, mmi: number): number {
  const { theta, beta } = PAGER_COUNTRIES[country];
  if (!(mmi > 0)) return 0;
  return normalCdf(Math.log(mmi / theta) / beta);
}

/**
 * Hazus indoor casualty rates (share of occupants) by damage state, severities 1..4; the last row is
 * Complete with collapse. Index: 0 Slight, 1 Moderate, 2 Extensive, 3 Complete without collapse, 4 collapse.
 */
export const HAZUS_INDOOR_CASUALTY_RATES: ReadonlyArray<readonly [number, number, number, number]> = [
  [0.0005, 0, 0, 0],
  [0.002, 0.00025, 0, 0],
  [0.01, 0.001, 0.00001, 0.00001],
  [0.05, 0.01, 0.0001, 0.0001],
  [0.4, 0.2, 0.05, 0.1],
];

/** Share of Complete damage that is collapse (Hazus: about 15 % for unreinforced masonry, 13 % for C1L). */
export const COLLAPSE_SHARE: Readonly<Record<StructureClass, number>> = {
  'urml-pre': 0.15,
  'urml-low': 0.15,
  'rm1l-mod': 0.15,
  'c1l-mod': 0.13,
  'c1l-high': 0.13,
  'w1-high': 0.03,
};

/**
 * Shares of occupants killed, lightly injured (severity 1: first aid), seriously injured (severities 2-3: hospital
 * care; `severe` the severity-3 part of it) and trapped when buildings go from exceedance `before` to
 * `after` (P(DS >= Slight..Complete), both monotone: damage only grows). People already hurt in the earlier
 * shock are not hurt again by the share that was already damaged: only the increment of each discrete state
 * counts, which is exact for the monotone coupling (each building's uniform draw is fixed for the run).
 * Trapped: occupants of collapsed buildings who are neither killed outright nor walk out (Hazus severity 2
 * and 3 of collapse, plus `trappedUninjuredShare` of those with none or slight injuries).
 */
export function casualtyShares(
  cls: StructureClass,
  before: ArrayLike<number>,
  after: ArrayLike<number>,
  trappedUninjuredShare: number,
): { dead: number; injured: number; serious: number; severe: number; trapped: number } {
  const collapse = COLLAPSE_SHARE[cls];
  // Changes of the discrete-state shares (a share falls when its buildings move up): the casualties of a
  // building that moves from state s1 to s2 are rate(s2) - rate(s1), so the expected new casualties are the
  // rates weighted by these signed changes, additive over successive shocks (the rates grow with the state).
  const d = [0, 0, 0, 0, 0];
  for (let k = 0; k < 3; k++) d[k] = (after[k] as number) - (before[k] as number) - ((after[k + 1] as number) - (before[k + 1] as number));
  // Complete splits into collapse and no collapse.
  const complete = (after[3] as number) - (before[3] as number);
  d[3] = complete * (1 - collapse);
  d[4] = complete * collapse;
  let dead = 0;
  let injured = 0;
  let serious = 0;
  let severe = 0;
  for (let k = 0; k < 4; k++) {
    const r = HAZUS_INDOOR_CASUALTY_RATES[k]!;
    dead += d[k]! * r[3];
    injured += d[k]! * r[0];
    serious += d[k]! * (r[1] + r[2]);
    severe += d[k]! * r[2];
  }
  const c = HAZUS_INDOOR_CASUALTY_RATES[4]!;
  dead += d[4]! * c[3];
  const trapped = d[4]! * (c[1] + c[2] + trappedUninjuredShare * (1 - c[0] - c[1] - c[2] - c[3]));
  injured += d[4]! * c[0];
  return { dead: Math.max(0, dead), injured: Math.max(0, injured), serious: Math.max(0, serious), severe: Math.max(0, severe), trapped: Math.max(0, trapped) };
}

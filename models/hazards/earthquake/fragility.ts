/**
 * Building damage (docs/models/earthquake.md section 3): Hazus equivalent-PGA fragility curves,
 * P(DS >= ds | PGA) = Φ(ln(PGA / θ_ds) / β), β = 0.64, with the medians θ (g) of the Hazus-MH Earthquake
 * Technical Manual as reproduced in USGS ShakeCast V3 Appendix E ("MBT Fragility"). No Chinese intensity-based
 * vulnerability matrix could be transcribed yet; the classes map the Leshan stock onto Hazus classes (an
 * estimate, docs/models/earthquake.md section 3). Aggregated per zone and class: the share of buildings at or
 * above each damage state, never building by building.
 */
import { normalCdf } from '../../../engine/random/normal-cdf.js';

/** Structure classes of the Leshan stock, each with its Hazus class and code level. */
export const STRUCTURE_CLASSES = ['urml-pre', 'urml-low', 'rm1l-mod', 'c1l-mod', 'c1l-high', 'w1-high'] as const;
export type StructureClass = (typeof STRUCTURE_CLASSES)[number];

export const STRUCTURE_CLASS_INFO: Readonly<Record<StructureClass, { hazus: string; leshan: string }>> = {
  'urml-pre': { hazus: 'URML pre-code', leshan: 'rural adobe (土木), brick-timber, stone and unfortified self-built houses' },
  'urml-low': { hazus: 'URML low-code', leshan: 'unfortified brick-concrete (砖混), urban, before the 1990s' },
  'rm1l-mod': { hazus: 'RM1L moderate-code', leshan: 'brick-concrete fortified to VII with ring beams and tie columns' },
  'c1l-mod': { hazus: 'C1L moderate-code', leshan: 'reinforced-concrete frame fortified to VII' },
  'c1l-high': { hazus: 'C1L high-code', leshan: 'reinforced-concrete frame fortified to VIII (post-2008 public buildings)' },
  'w1-high': { hazus: 'W1 high-code', leshan: 'light timber frame (穿斗木)' },
};

/** Damage states above None: Slight, Moderate, Extensive, Complete (GB/T 18208.4: 轻微, 中等, 严重破坏, 毁坏). */
export const DAMAGE_STATES = ['slight', 'moderate', 'extensive', 'complete'] as const;

/** Median PGA (g) at which half the buildings reach each damage state. */
export const HAZUS_MEDIANS_G: Readonly<Record<StructureClass, readonly [number, number, number, number]>> = {
  'urml-pre': [0.13, 0.17, 0.26, 0.37],
  'urml-low': [0.14, 0.2, 0.32, 0.46],
  'rm1l-mod': [0.22, 0.3, 0.5, 0.85],
  'c1l-mod': [0.16, 0.23, 0.41, 0.77],
  'c1l-high': [0.21, 0.35, 0.7, 1.37],
  'w1-high': [0.26, 0.55, 1.28, 2.01],
};

/** Lognormal dispersion of the equivalent-PGA curves. */
export const HAZUS_BETA = 0.64;

/** Standard gravity, m/s². */
export const G = 9.80665;

/** P(DS >= ds) for ds = Slight, Moderate, Extensive, Complete at a PGA in g, written into `out`. */
export function exceedance(cls: StructureClass, pgaG: number, out: Float64Array | number[] = new Float64Array(4)): Float64Array | number[] {
  const medians = HAZUS_MEDIANS_G[cls];
  for (let k = 0; k < 4; k++) out[k] = pgaG > 0 ? normalCdf(Math.log(pgaG / medians[k]!) / HAZUS_BETA) : 0;
  return out;
}

/** Probabilities of the discrete states None, Slight, Moderate, Extensive, Complete. */
export function damageStateProbabilities(cls: StructureClass, pgaG: number): number[] {
  const e = exceedance(cls, pgaG, [0, 0, 0, 0]) as number[];
  return [1 - e[0]!, e[0]! - e[1]!, e[1]! - e[2]!, e[2]! - e[3]!, e[3]!];
}

/**
 * Highway bridges: the Hazus fragility medians of spectral acceleration at 1.0 s (g) for Slight, Moderate,
 * Extensive and Complete damage, lognormal dispersion 0.6, per Hazus highway bridge class HWB1-HWB28 (FEMA 2020,
 * Hazus Earthquake Model Technical Manual, Hazus 4.2 SP3, Table 7-6 "Fragility Function Median Values for Highway
 * Bridges"; classes in Table 7-1). The table's permanent-ground-deformation medians (3.9 / 3.9 / 3.9 / 13.8 in)
 * are not used: no liquefaction or fault offset is modelled. The skew and 3-D modifiers (K_skew, K_3D of Table
 * 7-2) need span counts and skew angles the region does not hold; they are taken as 1.
 */
export const HAZUS_BRIDGE_MEDIANS_SA10_G = {
  HWB1: [0.4, 0.5, 0.7, 0.9],
  HWB2: [0.6, 0.9, 1.1, 1.7],
  HWB3: [0.8, 1.0, 1.2, 1.7],
  HWB4: [0.8, 1.0, 1.2, 1.7],
  HWB5: [0.25, 0.35, 0.45, 0.7],
  HWB6: [0.3, 0.5, 0.6, 0.9],
  HWB7: [0.5, 0.8, 1.1, 1.7],
  HWB8: [0.35, 0.45, 0.55, 0.8],
  HWB9: [0.6, 0.9, 1.3, 1.6],
  HWB10: [0.6, 0.9, 1.1, 1.5],
  HWB11: [0.9, 0.9, 1.1, 1.5],
  HWB12: [0.25, 0.35, 0.45, 0.7],
  HWB13: [0.3, 0.5, 0.6, 0.9],
  HWB14: [0.5, 0.8, 1.1, 1.7],
  HWB15: [0.75, 0.75, 0.75, 1.1],
  HWB16: [0.9, 0.9, 1.1, 1.5],
  HWB17: [0.25, 0.35, 0.45, 0.7],
  HWB18: [0.3, 0.5, 0.6, 0.9],
  HWB19: [0.5, 0.8, 1.1, 1.7],
  HWB20: [0.35, 0.45, 0.55, 0.8],
  HWB21: [0.6, 0.9, 1.3, 1.6],
  HWB22: [0.6, 0.9, 1.1, 1.5],
  HWB23: [0.9, 0.9, 1.1, 1.5],
  HWB24: [0.25, 0.35, 0.45, 0.7],
  HWB25: [0.3, 0.5, 0.6, 0.9],
  HWB26: [0.75, 0.75, 0.75, 1.1],
  HWB27: [0.75, 0.75, 0.75, 1.1],
  HWB28: [0.8, 1.0, 1.2, 1.7],
} as const satisfies Record<string, readonly [number, number, number, number]>;
export type BridgeClass = keyof typeof HAZUS_BRIDGE_MEDIANS_SA10_G;
export const BRIDGE_BETA = 0.6;

/**
 * The Hazus class of a Leshan bridge by its road (an estimate: the region holds no bridge inventory). Expressway
 * bridges of the 2000s-2010s are continuous prestressed-concrete girders designed to the 1989 and 2008 highway
 * seismic codes (JTJ 004-89, JTG/T B02-01-2008): HWB23, continuous concrete of seismic design. Bridges of national,
 * provincial and county roads are mostly older simply supported concrete spans on multi-column bents, built
 * without seismic detailing: HWB5 (conventional design, the non-California class).
 */
export function bridgeClassOf(roadClass: string): BridgeClass {
  return roadClass === 'expressway' || roadClass === 'motorway' ? 'HWB23' : 'HWB5';
}

/**
 * Sa(1.0 s) in g from the site's PGV (m/s): the velocity-controlled branch of the Newmark-Hall spectrum,
 * Sa(T) = α_V · PGV · 2π / T with the median 5 %-damped amplification α_V = 1.65 (Newmark & Hall 1982,
 * Earthquake Spectra and Design, EERI). The site's PGV comes from its intensity (GB/T 17742-2020, I_V inverted).
 */
export function sa10FromPgv(pgvMs: number): number {
  return (1.65 * pgvMs * 2 * Math.PI) / 1.0 / G;
}

/** P(DS >= Slight, Moderate, Extensive, Complete) of a bridge of class `cls` at Sa(1.0 s) in g. */
export function bridgeExceedance(cls: BridgeClass, sa10G: number): [number, number, number, number] {
  const m = HAZUS_BRIDGE_MEDIANS_SA10_G[cls];
  const f = (k: number): number => (sa10G > 0 ? normalCdf(Math.log(sa10G / m[k]!) / BRIDGE_BETA) : 0);
  return [f(0), f(1), f(2), f(3)];
}

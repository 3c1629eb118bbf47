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
 * Bridges: the Hazus HWB5 class (multi-column bent, simply supported concrete, conventional design) medians for
 * Extensive and Complete damage, 0.45 and 0.70 g, dispersion 0.6 (Hazus-MH Technical Manual chapter 7, recalled and
 * to verify). Hazus gives them in spectral acceleration at 1.0 s; they are used here on PGA as a stand-in (an
 * estimate: for short-period river bridges Sa(1.0 s) is below PGA, so this errs towards damage).
 */
export const BRIDGE_MEDIANS_G = { extensive: 0.45, complete: 0.7 } as const;
export const BRIDGE_BETA = 0.6;

/** P(bridge damage >= Extensive) at a PGA in g: the bridge is closed for repair. */
export function bridgeExtensiveProbability(pgaG: number): number {
  return pgaG > 0 ? normalCdf(Math.log(pgaG / BRIDGE_MEDIANS_G.extensive) / BRIDGE_BETA) : 0;
}

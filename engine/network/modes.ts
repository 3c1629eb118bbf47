/**
 * Travel modes and their speed profiles. A profile turns an edge's free-flow `speedKmh` and road class into
 * the speed a mode actually makes there (0 = not usable). All numbers live in the one table below.
 *
 * Where the numbers come from:
 * - car: the edge's own speed. In the region data `speedKmh` is a typical operating speed (see
 *   tools/leshan/sources/README.md), so a civil car simply drives it.
 * - emergency: lights-and-sirens units run 10-20 % over free flow on arterials (docs/models/response.md section 4,
 *   after JEMSS's per-priority travel modes; the factor itself is an estimate): 1.15, capped at 120 km/h,
 *   the Chinese expressway limit (道路交通安全法实施条例 art. 78). No gain on tracks or ferries, where the
 *   surface or the boat sets the pace.
 * - truck: loaded relief trucks at most 70 km/h (estimate; the legal truck limit on expressways is
 *   100 km/h, art. 78, but loaded trucks on mountain expressways run well below it), 0.8 of the speed on
 *   tracks (estimate).
 * - foot: 5 km/h walking speed (estimate; evacuation models may slow it further) on every land road except
 *   expressways, where pedestrians are banned (道路交通安全法 art. 67); a pedestrian rides a ferry at its
 *   speed and, like every router's foot profile, ignores one-way restrictions.
 * - path (footways, paths, steps, pedestrian streets, roads closed to vehicles): walkers only.
 * - boat: only `water` links, at their own `speedKmh` (flooded roads as boat links are a later concern).
 */
import type { NetworkEdge, RoadClass } from './schema.js';

export const TRAVEL_MODES = ['car', 'emergency', 'truck', 'foot', 'boat'] as const;
export type TravelMode = (typeof TRAVEL_MODES)[number];

export function isTravelMode(s: string): s is TravelMode {
  return (TRAVEL_MODES as readonly string[]).includes(s);
}

interface ClassRule {
  /** false: the mode may not use this road class. */
  allowed?: boolean;
  /** Multiplies the edge's speedKmh (before the cap). */
  factor?: number;
  /** Overrides the mode's cap for this class. */
  capKmh?: number;
  /** A fixed speed regardless of speedKmh (walking). */
  fixedKmh?: number;
}

export interface ModeProfile {
  description: string;
  /** Uses land edges (anything not marked `water`). */
  land: boolean;
  /** Uses `water` edges (boat links). */
  water: boolean;
  /** Respects `oneway`. */
  obeysOneway: boolean;
  factor: number;
  capKmh: number;
  fixedKmh?: number;
  classes: Partial<Record<RoadClass, ClassRule>>;
}

export const MODE_PROFILES: Readonly<Record<TravelMode, ModeProfile>> = {
  car: { description: 'civil car', land: true, water: false, obeysOneway: true, factor: 1, capKmh: Infinity, classes: { path: { allowed: false } } },
  emergency: {
    description: 'emergency vehicle with lights and sirens',
    land: true,
    water: false,
    obeysOneway: true,
    factor: 1.15,
    capKmh: 120,
    classes: { track: { factor: 1 }, ferry: { factor: 1 }, path: { allowed: false } },
  },
  truck: {
    description: 'loaded relief truck',
    land: true,
    water: false,
    obeysOneway: true,
    factor: 1,
    capKmh: 70,
    classes: { track: { factor: 0.8 }, ferry: { capKmh: Infinity }, path: { allowed: false } },
  },
  foot: {
    description: 'on foot',
    land: true,
    water: false,
    obeysOneway: false,
    factor: 1,
    capKmh: Infinity,
    fixedKmh: 5,
    classes: { expressway: { allowed: false }, ferry: { fixedKmh: 0, factor: 1 } },
  },
  boat: { description: 'boat on water links', land: false, water: true, obeysOneway: true, factor: 1, capKmh: Infinity, classes: {} },
};

type SpeedInput = Pick<NetworkEdge, 'roadClass' | 'speedKmh'> & { water?: boolean | undefined };

/** Speed in km/h that `mode` makes on `edge`, or 0 when the mode cannot use it at all. */
export function modeSpeedKmh(mode: TravelMode, edge: SpeedInput): number {
  const p = MODE_PROFILES[mode];
  if (edge.water === true ? !p.water : !p.land) return 0;
  const rule = p.classes[edge.roadClass] ?? {};
  if (rule.allowed === false) return 0;
  // fixedKmh 0 in a class rule means "use the edge's speed" (a walker riding a ferry).
  const fixed = rule.fixedKmh ?? p.fixedKmh;
  if (fixed !== undefined && fixed > 0) return fixed;
  const speed = edge.speedKmh * (rule.factor ?? p.factor);
  return Math.min(speed, rule.capKmh ?? p.capKmh);
}

/** Whether `mode` may traverse `edge` against its digitised direction (to -> from). */
export function modeAllowsReverse(mode: TravelMode, edge: Pick<NetworkEdge, 'oneway'>): boolean {
  return edge.oneway !== true || !MODE_PROFILES[mode].obeysOneway;
}

/**
 * Volume-delay on evacuation-loaded edges: the Bureau of Public Roads function
 * t = t0 (1 + alpha (v/c)^beta) with the classic alpha = 0.15, beta = 4 (Bureau of Public Roads 1964; docs/models/response.md
 * section 2.2, which also notes that some tools default alpha to 0.5). Capacity per direction comes from
 * lanes x per-lane capacity by road class x the edge's capacityFactor.
 */
import type { NetworkEdge, RoadClass } from './schema.js';

export const BPR_ALPHA = 0.15;
export const BPR_BETA = 4;

/**
 * Saturation flow per lane, vehicles/hour. Motorways 2,000-2,200 and urban arterials 1,800-2,000 are
 * from docs/models/response.md section 4; the lower classes scale down for two-lane roads with junctions, mixed
 * traffic and mountain alignment (estimates). A vehicle ferry's capacity is its loading rate (estimate).
 */
export const LANE_CAPACITY_VEH_H: Readonly<Record<RoadClass, number>> = {
  expressway: 2000,
  national: 1800,
  provincial: 1600,
  county: 1200,
  township: 900,
  urban: 1400,
  track: 400,
  ferry: 150,
  // Walkers only: no vehicle uses it, so its vehicle capacity never enters a travel time.
  path: 1,
};

/** Total lanes (both directions) assumed when an edge does not say (estimates for Chinese roads). */
export const DEFAULT_LANES: Readonly<Record<RoadClass, number>> = {
  expressway: 4,
  national: 2,
  provincial: 2,
  county: 2,
  township: 2,
  urban: 4,
  track: 1,
  ferry: 1,
  path: 1,
};

/**
 * Capacity in vehicles/hour in one direction of travel. `lanes` counts both directions (the OSM
 * convention the region format follows), so a two-way edge gives each direction half its lanes (at least
 * one); a one-way edge gives all of them.
 */
export function edgeCapacityVehH(edge: Pick<NetworkEdge, 'roadClass' | 'lanes' | 'oneway'>, capacityFactor = 1): number {
  const lanes = edge.lanes ?? DEFAULT_LANES[edge.roadClass];
  const perDirection = edge.oneway === true ? lanes : Math.max(1, lanes / 2);
  return perDirection * LANE_CAPACITY_VEH_H[edge.roadClass] * capacityFactor;
}

/**
 * BPR travel time for free-flow time t0 (any unit; the result has the same unit) under a flow of
 * `volumeVehH` against `capacityVehH`. Zero capacity with traffic is impassable (Infinity).
 */
export function bprTravelTime(t0: number, volumeVehH: number, capacityVehH: number, alpha = BPR_ALPHA, beta = BPR_BETA): number {
  if (volumeVehH <= 0) return t0;
  if (capacityVehH <= 0) return Infinity;
  return t0 * (1 + alpha * Math.pow(volumeVehH / capacityVehH, beta));
}
